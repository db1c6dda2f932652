using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

/// <summary>
/// The graph part of a cache file in a compact binary form: every distinct string once (one byte a character
/// when it is ASCII, else UTF-16; decoded in parallel by a widening or plain memory copy), then entities, relations (endpoints as entity positions, properties shared)
/// and diagnostics as string numbers, then where each entity record starts, so entities are decoded on every core too.
/// It replaced generated JSON, whose decoding was a third of a restart.
/// The Model keeps no serializer attributes: each record's fields are named here, and the cache tests
/// round-trip an entity with every public property set (by reflection), so a field added to the Model and
/// forgotten here fails them.
/// </summary>
/// <remarks>Decoding checks every count and number against what is left, so a corrupt payload throws, never over-allocates.</remarks>
internal static partial class SnapshotCodec
{
    private const int Null = -1;

    private const int StringsPerEntity = 14;

    /// <summary>Marks a narrative that is its two language blocks joined (<see cref="Narrative.Bilingual"/>).</summary>
    private const int Joined = 2;

    public static void Encode(SnapshotPayload payload, Stream destination)
    {
        // Records stream to the file as they are written; only the distinct strings are held, and written last.
        // Sized once for the distinct strings a graph has (11.6 an entity at 100k, 8 on the shipped corpus): grown by doubling
        // from empty, the table was allocated twice over (90 MB at 100k).
        using var body = new Writer(destination, StringsPerEntity * (payload.Entities.Count + 1));
        body.String(payload.Version);
        body.Int64(payload.CreatedAt.UtcTicks);
        body.Int32((int)payload.CreatedAt.Offset.TotalMinutes);
        body.Int32(payload.FileCount);

        body.Int32(payload.Entities.Count);
        var positions = new Dictionary<string, int>(payload.Entities.Count, StringComparer.Ordinal);
        // Where each entity's record starts (and the last one ends), so a reader can decode them on every core.
        var starts = new int[payload.Entities.Count + 1];
        foreach (var entity in payload.Entities)
        {
            starts[positions.Count] = Position(body);
            positions.Add(entity.Key, positions.Count);
            body.Entity(entity);
        }

        starts[^1] = Position(body);

        // Most relations share a handful of property sets (none, a body link): each distinct set is written once, after them.
        var properties = new Dictionary<RelationProperties, int>();
        body.Int32(payload.Relations.Count);
        foreach (var relation in payload.Relations)
        {
            if (!properties.TryGetValue(relation.Properties, out var id))
            {
                properties[relation.Properties] = id = properties.Count;
            }

            body.Int32(positions[relation.From]);
            body.Int32((int)relation.Type);
            body.Int32(positions[relation.To]);
            body.Int32(id);
        }

        body.Int32(properties.Count);
        foreach (var set in properties.Keys)
        {
            body.Date(set.Date);
            body.String(set.Role);
            body.String(set.Note);
            body.Optional(set.Source, body.Source);
            body.Int32((int)set.Origin);
        }

        body.List(payload.Issues, issue =>
        {
            body.String(issue.Path);
            body.Int32(issue.Line);
            body.Int32(issue.Column);
            body.Int32(issue.IsError ? 1 : 0);
            body.String(issue.Code);
            body.String(issue.Message);
        });

        // The string table, then where it starts: a reader decodes it first.
        var stringsAt = body.Length;
        var strings = body.Strings.Keys;
        body.Int32(strings.Count);
        var oneByte = new bool[strings.Count];
        var n = 0;
        foreach (var s in strings)
        {
            oneByte[n] = OneByte(s);
            body.Int32((s.Length << 1) | (oneByte[n++] ? 1 : 0));
        }

        var latin1 = new byte[1 << 16];
        n = 0;
        foreach (var s in strings)
        {
            if (!oneByte[n++])
            {
                body.Raw(MemoryMarshal.AsBytes(s.AsSpan()));
                continue;
            }

            for (var at = 0; at < s.Length; at += latin1.Length)
            {
                var part = s.AsSpan(at, Math.Min(latin1.Length, s.Length - at));
                body.Raw(latin1.AsSpan(0, Encoding.Latin1.GetBytes(part, latin1)));
            }
        }

        var startsAt = body.Length;
        foreach (var start in starts)
        {
            body.Int32(start);
        }

        body.Int64(stringsAt);
        body.Int64(startsAt);
    }

    /// <summary>Record positions are kept as 32-bit numbers: a payload past 2 GB could not be read into one array anyway.</summary>
    private static int Position(Writer body) =>
        body.Length <= Array.MaxLength ? (int)body.Length : throw new IOException("the snapshot is too large to cache (over 2 GB of records)");

    /// <exception cref="InvalidDataException">When the bytes are not a payload this code wrote.</exception>
    public static SnapshotPayload Decode(byte[] bytes) => Decode(bytes, 0, bytes.Length);

    /// <summary>Decodes the payload held in <paramref name="count"/> bytes of <paramref name="bytes"/> from <paramref name="offset"/> (the cache file read whole).</summary>
    /// <exception cref="InvalidDataException">When the bytes are not a payload this code wrote.</exception>
    public static SnapshotPayload Decode(byte[] bytes, int offset, int count)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException("the cache is written little-endian");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bytes.Length - offset);
        var payload = bytes.AsSpan(offset, count);
        var stringsAt = count >= 20 ? BinaryPrimitives.ReadInt64LittleEndian(payload[^16..]) : -1;
        var startsAt = count >= 20 ? BinaryPrimitives.ReadInt64LittleEndian(payload[^8..]) : -1;
        if (stringsAt < 0 || startsAt < stringsAt || startsAt > count - 16 || (count - 16 - startsAt) % 4 != 0)
        {
            throw new InvalidDataException("the string table is not where the payload says");
        }

        var end = offset + (int)stringsAt;
        var reader = new Reader(bytes, offset, end, DecodeStrings(bytes, end, offset + (int)startsAt));
        var version = reader.RequiredString();
        var ticks = reader.Int64();
        var offsetMinutes = TimeSpan.FromMinutes(reader.Int32());
        var createdAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offsetMinutes);
        var fileCount = reader.Int32();

        var entities = new Entity[reader.Count(16)];
        var starts = EntityStarts(payload[(int)startsAt..^16], entities.Length, offset, reader.Position, end);
        Parallel.For(0, (entities.Length + EntityChunk - 1) / EntityChunk, chunk =>
        {
            var part = new Reader(bytes, starts[chunk * EntityChunk], end, reader.Strings);
            for (var i = chunk * EntityChunk; i < Math.Min(entities.Length, (chunk + 1) * EntityChunk); i++)
            {
                entities[i] = part.Entity();
                if (part.Position != starts[i + 1])
                {
                    throw new InvalidDataException("an entity record does not end where the next begins");
                }
            }
        });
        reader.Position = starts[^1];

        // Relations are four numbers each: their properties come after them, so they are skipped, then built on every core.
        var relationCount = reader.Count(16);
        var relationsAt = reader.Position;
        reader.Position += 16 * relationCount;
        var properties = new RelationProperties[reader.Count(16)];
        for (var i = 0; i < properties.Length; i++)
        {
            properties[i] = new RelationProperties(reader.Date(), reader.String(), reader.String(), reader.Optional(reader.Source), (RelationOrigin)reader.Int32());
        }

        var relations = new Relation[relationCount];
        Parallel.For(0, (relations.Length + RelationChunk - 1) / RelationChunk, chunk =>
        {
            for (var i = chunk * RelationChunk; i < Math.Min(relations.Length, (chunk + 1) * RelationChunk); i++)
            {
                var written = bytes.AsSpan(relationsAt + (16 * i), 16);
                relations[i] = new Relation(
                    entities[Check(BinaryPrimitives.ReadInt32LittleEndian(written), entities.Length)].Key,
                    (RelationType)BinaryPrimitives.ReadInt32LittleEndian(written[4..]),
                    entities[Check(BinaryPrimitives.ReadInt32LittleEndian(written[8..]), entities.Length)].Key,
                    properties[Check(BinaryPrimitives.ReadInt32LittleEndian(written[12..]), properties.Length)]);
            }
        });

        var issues = reader.List(() => new CorpusIssue(reader.RequiredString(), reader.Int32(), reader.Int32(), reader.Int32() != 0, reader.RequiredString(), reader.RequiredString()));
        if (reader.Position != end)
        {
            throw new InvalidDataException("the records do not end where the string table begins");
        }

        return new SnapshotPayload(version, createdAt, fileCount, entities, relations, issues);
    }

    /// <summary>Entities decoded together by one task (enough to be worth a task, small enough to balance two to many cores).</summary>
    private const int EntityChunk = 1024;

    private const int RelationChunk = 16384;

    /// <summary>Where each entity record begins (and the last ends), as absolute positions; each checked to lie in order inside the records.</summary>
    private static int[] EntityStarts(ReadOnlySpan<byte> table, int count, int offset, int first, int end)
    {
        if (table.Length != 4 * (count + 1))
        {
            throw new InvalidDataException("the entity table does not match the entity count");
        }

        var starts = new int[count + 1];
        var previous = first;
        for (var i = 0; i <= count; i++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(table[(4 * i)..]);
            if (start < 0 || start > end - offset || offset + start < previous || (i == 0 && offset + start != first))
            {
                throw new InvalidDataException("the entity table names a position out of order or outside the records");
            }

            starts[i] = previous = offset + start;
        }

        return starts;
    }

    /// <summary>
    /// Markup, keys and English take one byte a character (half the bytes to read and checksum); Chinese stays UTF-16. Any
    /// Latin-1 text could (the reader widens Latin-1), but the writer asks for ASCII: <see cref="Ascii.IsValid(ReadOnlySpan{char})"/>
    /// allocates nothing, where the generic range check boxed on every call until the JIT optimised it (~200 MB per write at 100k).
    /// </summary>
    private static bool OneByte(string s) => Ascii.IsValid(s);

    private static int Check(int index, int length) =>
        index >= 0 && index < length ? index : throw new InvalidDataException("a record names a position that is not there");

    /// <summary>The string table: count, lengths, then the characters, cut into strings on every core.</summary>
    private static string[] DecodeStrings(byte[] bytes, int from, int to)
    {
        var table = bytes.AsSpan(from, to - from);
        var count = table.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(table) : -1;
        if (count < 0 || count > (table.Length - 4) / 4)
        {
            throw new InvalidDataException("the string table's count reaches past the payload");
        }

        var starts = new int[count + 1];
        long at = 4 + (4L * count);
        var latin1 = new bool[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = from + (int)at;
            var length = BinaryPrimitives.ReadInt32LittleEndian(table[(4 + (4 * i))..]);
            latin1[i] = (length & 1) != 0;
            at += latin1[i] ? length >>> 1 : 2L * (length >>> 1);
            if (length < 0 || at > table.Length)
            {
                throw new InvalidDataException("a string reaches past the payload");
            }
        }

        if (at != table.Length)
        {
            throw new InvalidDataException("the string table has bytes after its last string");
        }

        starts[count] = to;
        var strings = new string[count];
        Parallel.For(0, (count + 4095) / 4096, chunk =>
        {
            for (var i = chunk * 4096; i < Math.Min(count, (chunk + 1) * 4096); i++)
            {
                var text = bytes.AsSpan(starts[i], starts[i + 1] - starts[i]);
                strings[i] = latin1[i] ? Encoding.Latin1.GetString(text) : new string(MemoryMarshal.Cast<byte, char>(text));
            }
        });
        return strings;
    }
}
