using System.Buffers.Binary;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

internal static partial class SnapshotCodec
{
    /// <summary>Writes records to the file through a small buffer, strings as their number in <see cref="Strings"/>.</summary>
    private sealed class Writer(Stream destination, int expectedStrings) : IDisposable
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;
        private long _flushed;

        /// <summary>Every distinct string written so far and its number, in first-seen order.</summary>
        public Dictionary<string, int> Strings { get; } = new(expectedStrings, StringComparer.Ordinal);

        public long Length => _flushed + _used;

        public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Space(4), value);

        public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Space(8), value);

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            Flush();
            destination.Write(bytes);
            _flushed += bytes.Length;
        }

        public void Dispose() => Flush();

        private Span<byte> Space(int length)
        {
            if (_used + length > _buffer.Length)
            {
                Flush();
            }

            _used += length;
            return _buffer.AsSpan(_used - length, length);
        }

        private void Flush()
        {
            destination.Write(_buffer, 0, _used);
            _flushed += _used;
            _used = 0;
        }

        public void String(string? value)
        {
            if (value is null)
            {
                Int32(Null);
                return;
            }

            if (!Strings.TryGetValue(value, out var id))
            {
                Strings[value] = id = Strings.Count;
            }

            Int32(id);
        }

        public void Optional<T>(T? value, Action<T> write)
            where T : class
        {
            if (Present(value))
            {
                write(value!);
            }
        }

        public void List<T>(IReadOnlyList<T> items, Action<T> write)
        {
            Int32(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                write(items[i]);
            }
        }

        // Records are written with plain loops and branches, not the delegate helpers above: a delegate or list enumerator per
        // call, and before the JIT has optimised the code, cost a cache write at 100k entities ~100 MB of garbage.

        /// <summary>Writes whether <paramref name="value"/> is there (1 or 0), and returns it.</summary>
        private bool Present(object? value)
        {
            Int32(value is null ? 0 : 1);
            return value is not null;
        }

        /// <summary>Writes a list's count, and returns the list.</summary>
        private IReadOnlyList<T> Counted<T>(IReadOnlyList<T> items)
        {
            Int32(items.Count);
            return items;
        }

        public void StringList(IReadOnlyList<string> items)
        {
            Int32(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                String(items[i]);
            }
        }

        public void Text(LocalizedText text)
        {
            String(text.Zh);
            String(text.En);
        }

        public void Date(PartialDate? date)
        {
            Int32(date is null ? 0 : 1);
            if (date is { } d)
            {
                Int32(d.Year);
                Int32(d.Month ?? Null);
                Int32(d.Day ?? Null);
            }
        }

        public void Source(SourceRef source)
        {
            String(source.Section);
            String(source.Table);
            String(source.Note);
            Int32((int)source.Origin);
            String(source.Reference);
            StringList(source.About);
        }

        private void OptionalSource(SourceRef? source)
        {
            if (Present(source))
            {
                Source(source!);
            }
        }

        public void Narrative(Narrative narrative)
        {
            // Both blocks together are the blocks joined: written once, joined again when read.
            if (narrative is { Zh: { } zh, En: { } en } && IsBilingual(narrative, zh, en))
            {
                Int32(Joined);
                Narrative(zh);
                Narrative(en);
                return;
            }

            Int32(0);
            String(narrative.Markdown);
            String(narrative.Html);
            String(narrative.Text);
            if (Present(narrative.Zh))
            {
                Narrative(narrative.Zh!);
            }

            if (Present(narrative.En))
            {
                Narrative(narrative.En!);
            }
        }

        /// <summary>
        /// Whether <paramref name="narrative"/> is <see cref="Model.Narrative.Bilingual"/> of its blocks, compared in place:
        /// building the joined narrative to compare allocated every narrative's text again (≈320 MB at 100k entities, most
        /// of a cache write's memory). Only an exact match is written as joined; anything else is written whole, so a
        /// narrative this check does not recognise still comes back as it was (the codec tests pin the two together).
        /// </summary>
        private static bool IsBilingual(Narrative narrative, Narrative zh, Narrative en) =>
            IsJoin(narrative.Markdown, zh.Markdown, en.Markdown, "\n\n") && IsJoin(narrative.Html, zh.Html, en.Html, "") && IsJoin(narrative.Text, zh.Text, en.Text, "\n");

        private static bool IsJoin(string joined, string first, string second, string separator) =>
            first.Length == 0 ? joined == second
            : second.Length == 0 ? joined == first
            : joined.Length == first.Length + separator.Length + second.Length
                && joined.StartsWith(first, StringComparison.Ordinal)
                && joined.AsSpan(first.Length, separator.Length).SequenceEqual(separator)
                && joined.EndsWith(second, StringComparison.Ordinal);

        public void Entity(Entity entity)
        {
            String(entity.Key);
            Int32((int)entity.Kind);
            Text(entity.Name);
            StringList(entity.Aliases);
            if (Present(entity.Summary))
            {
                Text(entity.Summary!);
            }

            Narrative(entity.Narrative);
            var dates = Counted(entity.Dates);
            for (var i = 0; i < dates.Count; i++)
            {
                String(dates[i].Name);
                Date(dates[i].Date);
            }

            var figures = Counted(entity.Figures);
            for (var i = 0; i < figures.Count; i++)
            {
                var f = figures[i];
                Text(f.Name);
                String(f.Value);
                String(f.Unit);
                String(f.Period);
                String(f.Qualifier);
                OptionalSource(f.Source);
            }

            var sources = Counted(entity.Sources);
            for (var i = 0; i < sources.Count; i++)
            {
                Source(sources[i]);
            }

            String(entity.Status);
            String(entity.Category);
            String(entity.Level);
            String(entity.Theme);
            if (Present(entity.Indicator))
            {
                Indicator(entity.Indicator!);
            }

            StringList(entity.DatesNotGiven);
        }

        private void Indicator(IndicatorTable table)
        {
            String(table.Table);
            String(table.Unit);
            String(table.DataSource);
            String(table.Notes);
            var series = Counted(table.Series);
            for (var i = 0; i < series.Count; i++)
            {
                String(series[i].Id);
                Text(series[i].Name);
                String(series[i].Unit);
            }

            var observations = Counted(table.Observations);
            for (var i = 0; i < observations.Count; i++)
            {
                var o = observations[i];
                String(o.Series);
                String(o.Period);
                String(o.Economy);
                String(o.Value);
            }
        }
    }
}
