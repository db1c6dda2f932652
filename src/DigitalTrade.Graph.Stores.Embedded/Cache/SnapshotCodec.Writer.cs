using System.Buffers.Binary;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

internal static partial class SnapshotCodec
{
    /// <summary>Writes records to the file through a small buffer, strings as their number in <see cref="Strings"/>.</summary>
    private sealed class Writer(Stream destination) : IDisposable
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;
        private long _flushed;

        /// <summary>Every distinct string written so far and its number, in first-seen order.</summary>
        public Dictionary<string, int> Strings { get; } = new(StringComparer.Ordinal);

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
            Int32(value is null ? 0 : 1);
            if (value is not null)
            {
                write(value);
            }
        }

        public void List<T>(IReadOnlyList<T> items, Action<T> write)
        {
            Int32(items.Count);
            foreach (var item in items)
            {
                write(item);
            }
        }

        public void StringList(IReadOnlyList<string> items) => List(items, String);

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

        public void Narrative(Narrative narrative)
        {
            // Both blocks together are the blocks joined: written once, joined again when read.
            if (narrative is { Zh: { } zh, En: { } en } && narrative == Model.Narrative.Bilingual(zh, en))
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
            Optional(narrative.Zh, Narrative);
            Optional(narrative.En, Narrative);
        }

        public void Entity(Entity entity)
        {
            String(entity.Key);
            Int32((int)entity.Kind);
            Text(entity.Name);
            StringList(entity.Aliases);
            Optional(entity.Summary, Text);
            Narrative(entity.Narrative);
            List(entity.Dates, d =>
            {
                String(d.Name);
                Date(d.Date);
            });
            List(entity.Figures, f =>
            {
                Text(f.Name);
                String(f.Value);
                String(f.Unit);
                String(f.Period);
                String(f.Qualifier);
                Optional(f.Source, Source);
            });
            List(entity.Sources, Source);
            String(entity.Status);
            String(entity.Category);
            String(entity.Level);
            String(entity.Theme);
            Optional(entity.Indicator, table =>
            {
                String(table.Table);
                String(table.Unit);
                String(table.DataSource);
                String(table.Notes);
                List(table.Series, s =>
                {
                    String(s.Id);
                    Text(s.Name);
                    String(s.Unit);
                });
                List(table.Observations, o =>
                {
                    String(o.Series);
                    String(o.Period);
                    String(o.Economy);
                    String(o.Value);
                });
            });
            StringList(entity.DatesNotGiven);
        }
    }
}
