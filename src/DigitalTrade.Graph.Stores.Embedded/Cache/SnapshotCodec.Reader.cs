using System.Buffers.Binary;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

internal static partial class SnapshotCodec
{
    /// <summary>Reads records from <paramref name="position"/> up to <paramref name="end"/> (where the string table begins).</summary>
    private sealed class Reader(byte[] bytes, int position, int end, string[] strings)
    {
        public int Position { get; set; } = position;

        public string[] Strings => strings;

        public int Int32()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Position, end - Position));
            Position += 4;
            return value;
        }

        public long Int64()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(Position, end - Position));
            Position += 8;
            return value;
        }

        /// <summary>A count of items each taking at least <paramref name="minBytes"/>: refused when they cannot fit in what is left.</summary>
        public int Count(int minBytes = 4)
        {
            var count = Int32();
            return count >= 0 && count <= (end - Position) / minBytes ? count : throw new InvalidDataException("a count reaches past the payload");
        }

        public string? String()
        {
            var id = Int32();
            return id == Null ? null : strings[id >= 0 && id < strings.Length ? id : throw new InvalidDataException("a record names a string that is not there")];
        }

        public string RequiredString() => String() ?? throw new InvalidDataException("a required string is missing");

        public T? Optional<T>(Func<T> read)
            where T : class => Int32() switch
            {
                0 => null,
                1 => read(),
                _ => throw new InvalidDataException("an optional value has a bad marker"),
            };

        public IReadOnlyList<T> List<T>(Func<T> read)
        {
            var count = Count();
            if (count == 0)
            {
                return [];
            }

            var items = new T[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = read();
            }

            return items;
        }

        public IReadOnlyList<string> StringList() => List(RequiredString);

        public LocalizedText Text() => new(RequiredString(), RequiredString());

        public PartialDate? Date() => Int32() switch
        {
            0 => null,
            1 => new PartialDate(Int32(), NullableInt(), NullableInt()),
            _ => throw new InvalidDataException("a date has a bad marker"),
        };

        public SourceRef Source() => new(String(), String(), String())
        {
            Origin = (SourceOrigin)Int32(),
            Reference = String(),
            About = StringList(),
        };

        public Narrative Narrative() => Int32() switch
        {
            Joined => Model.Narrative.Bilingual(Narrative(), Narrative()),
            0 => new(RequiredString(), RequiredString(), RequiredString())
            {
                Zh = Optional(Narrative),
                En = Optional(Narrative),
            },
            _ => throw new InvalidDataException("a narrative has a bad marker"),
        };

        public Entity Entity() => new(
            RequiredString(),
            (EntityKind)Int32(),
            Text(),
            StringList(),
            Optional(Text),
            Narrative(),
            List(() => new DatedEvent(RequiredString(), Date() ?? throw new InvalidDataException("a dated event has no date"))),
            List(() => new Figure(Text(), RequiredString(), String(), String(), String(), Optional(Source))),
            List(Source))
        {
            Status = String(),
            Category = String(),
            Level = String(),
            Theme = String(),
            Indicator = Optional(() => new IndicatorTable(
                RequiredString(),
                RequiredString(),
                String(),
                String(),
                List(() => new IndicatorSeries(RequiredString(), Text(), RequiredString())),
                List(() => new Observation(RequiredString(), RequiredString(), RequiredString(), RequiredString())))),
            DatesNotGiven = StringList(),
        };

        private int? NullableInt() => Int32() is var value && value == Null ? null : value;
    }
}
