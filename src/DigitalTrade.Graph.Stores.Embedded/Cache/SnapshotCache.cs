using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

/// <summary>A snapshot, its search index and the diagnostics of the load that built them.</summary>
public sealed record CachedGraph(GraphSnapshot Snapshot, SearchIndex Index, IReadOnlyList<CorpusIssue> Issues, int FileCount);

/// <summary>A cache read: the graph, or why there is none (no file, stale, corrupt …); <paramref name="Split"/> says where a read's time went.</summary>
public sealed record CacheRead(CachedGraph? Graph, string? Miss, string? Split = null);

/// <summary>
/// Keeps a published snapshot and its search index in one file, so that a restart on unchanged corpus files
/// opens them instead of parsing and indexing again. The file is keyed by the caller's key (a hash of every
/// corpus file) and the identity of this build; a file whose key, build, format or checksum disagrees is
/// ignored, never served. Files are written to a temporary name and renamed, so a reader sees a whole file or none.
/// </summary>
/// <remarks>
/// Layout: magic, format, key, payload length, XxHash128 of everything after it; then the payload
/// (<see cref="SnapshotPayload"/> as <see cref="SnapshotCodec"/> writes it) and the index files (count, then name and bytes of each).
/// </remarks>
public sealed class SnapshotCache(SnapshotCacheOptions options)
{
    /// <summary>Raised when the layout or the meaning of the payload changes.</summary>
    public const int FormatVersion = 3;

    private const int MaxKeyBytes = 4096;
    private const int MaxIndexFiles = 4096;
    private const int ChecksumBytes = 16;

    /// <summary>A cache file from which a refused read leaves enough garbage to collect at once (see <see cref="Release"/>).</summary>
    private const long LargeFile = 64L << 20;
    private static readonly byte[] Magic = "DTGSNAP\n"u8.ToArray();

    /// <summary>The assemblies whose code decides what a snapshot and its index contain: any change to them is a new build.</summary>
    private static readonly Lazy<string> Build = new(() => string.Join(",",
        new[] { typeof(GraphSnapshot), typeof(SearchIndex), typeof(SnapshotCache) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"))));

    public SnapshotCacheOptions Options => options;

    /// <summary>The cache file of a corpus folder: one per folder, replaced by every write.</summary>
    public string FileFor(string corpusRoot)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(corpusRoot))))[..16];
        return Path.Combine(options.ResolveFolder(), $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(corpusRoot)))}-{id}.snapshot");
    }

    /// <summary>Reads the graph cached under <paramref name="key"/>, expecting snapshot <paramref name="version"/>; never throws.</summary>
    public CacheRead TryRead(string file, string key, string version) => TryRead(file, () => (key, version));

    /// <summary>
    /// Reads the graph cached in <paramref name="file"/>; never throws. <paramref name="expected"/> gives the key and
    /// version the graph must have (null: none can be served). It is asked once the file is read, checked and decoded, so
    /// a caller can hash the corpus meanwhile; nothing read from the file is returned unless the key matches.
    /// </summary>
    public CacheRead TryRead(string file, Func<(string Key, string Version)?> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var large = false;
        try
        {
            var read = Read(file, expected, ref large);
            if (read.Graph is null)
            {
                Release(large);
            }

            return read;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Records are decoded on every core: a corrupt one arrives wrapped.
            var cause = e is AggregateException all ? all.Flatten().InnerExceptions[0] : e;
            Release(large);
            return new CacheRead(null, $"the cache file could not be read ({cause.GetType().Name}: {cause.Message})");
        }
    }

    /// <summary>
    /// A refused read of a large file leaves the file's bytes and what was decoded from them (a graph's worth: 1.4 GB at
    /// 100k entities, most of it already in the oldest generation) as garbage, just before a load that needs as much
    /// again: collected now, or the two add up to the process's peak (2.2–2.3 GB measured at 100k with a stale cache).
    /// </summary>
    private static void Release(bool large)
    {
        if (large)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private CacheRead Read(string file, Func<(string Key, string Version)?> expected, ref bool large)
    {
        var split = new Split();
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            return Missed("there is no cache file yet");
        }

        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return Missed("the cache file is a symbolic link, which is never followed");
        }

        if (info.Length > options.MaxBytes)
        {
            return Missed($"the cache file has {info.Length} bytes, more than Corpus:Cache:MaxBytes ({options.MaxBytes})");
        }

        // The file is read whole into one array (not zeroed first) and decoded from there: no second copy of the payload.
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (length > options.MaxBytes)
        {
            return Missed("the cache file grew past Corpus:Cache:MaxBytes while it was opened");
        }

        if (length > Array.MaxLength)
        {
            return Missed($"the cache file has {length} bytes, more than one read can hold");
        }

        large = length >= LargeFile;
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        var total = 0;
        int read;
        while (total < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(total), total)) > 0)
        {
            total += read;
        }

        Span<byte> more = stackalloc byte[1];
        if (total != bytes.Length || RandomAccess.Read(handle, more, total) != 0)
        {
            return Missed("the cache file changed size while it was read");
        }

        // Parsed in a method of its own: nothing of it (spans, the reader) keeps the file's bytes alive once they are decoded.
        var (corrupt, cachedKey, payloadAt, payloadLength, files) = Parse(bytes);
        if (corrupt is not null)
        {
            return Missed(corrupt);
        }

        // Built while the caller may still be hashing the corpus (the two took turns before); nothing leaves here unless the key matches.
        split.Step("read and checked");
        var payload = SnapshotCodec.Decode(bytes, payloadAt, payloadLength);
        bytes = null;
        split.Step("decoded");
        var snapshot = GraphSnapshot.Create(payload.Version, payload.CreatedAt, payload.Entities, payload.Relations);
        split.Step("snapshot");
        var index = SearchIndex.Open(snapshot, files);
        split.Step("search index");
        var wanted = expected();
        split.Step("waited for the corpus hash");
        var miss = wanted switch
        {
            null => "the corpus files cannot be hashed (a link, a file over the size limit, or one that cannot be read)",
            var (key, _) when cachedKey != FullKey(key) => "the cache file is stale (the corpus files or the build changed)",
            var (_, version) when payload.Version != version => $"the cache file holds snapshot {payload.Version}, the corpus files are {version}",
            _ => null,
        };
        if (miss is not null)
        {
            index.Dispose();
            return Missed(miss);
        }

        return new CacheRead(new CachedGraph(snapshot, index, payload.Issues, payload.FileCount), null, split.ToString());
    }

    /// <summary>The header and index files of a cache file read whole, its checksum checked; or why it is refused.</summary>
    private static (string? Corrupt, string Key, int PayloadAt, int PayloadLength, Dictionary<string, byte[]> Files) Parse(byte[] bytes)
    {
        static (string?, string, int, int, Dictionary<string, byte[]>) Fail(string why) => (why, "", 0, 0, []);

        var reader = new BoundedReader(bytes);
        if (!reader.Bytes(Magic.Length).SequenceEqual(Magic))
        {
            return Fail("the file is not a dtgraph snapshot cache");
        }

        if (reader.Int32() is var format && format != FormatVersion)
        {
            return Fail($"the cache file has format {format}, this build reads {FormatVersion}");
        }

        var keyLength = reader.Int32();
        if (keyLength is < 0 or > MaxKeyBytes)
        {
            return Fail("the cache file is corrupt (key length)");
        }

        var cachedKey = Encoding.UTF8.GetString(reader.Bytes(keyLength));

        var payloadLength = reader.Int64();
        var expectedHash = reader.Bytes(ChecksumBytes).ToArray();
        var payloadAt = reader.Position;
        reader.Bytes(payloadLength);
        var fileCount = reader.Int32();
        if (fileCount is < 0 or > MaxIndexFiles)
        {
            return Fail("the cache file is corrupt (index file count)");
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < fileCount; i++)
        {
            var name = Encoding.UTF8.GetString(reader.Bytes(reader.Int32()));
            files[name] = reader.Bytes(reader.Int32()).ToArray();
        }

        if (reader.Position != bytes.Length || !CryptographicOperations.FixedTimeEquals(Checksum(bytes.AsSpan(payloadAt)), expectedHash))
        {
            return Fail("the cache file is corrupt (checksum mismatch or trailing bytes)");
        }

        return (null, cachedKey, payloadAt, (int)payloadLength, files);

    }

    /// <summary>Writes the graph under <paramref name="key"/> to a temporary file and renames it over <paramref name="file"/>.</summary>
    /// <returns>Null when written, else why not (the cache is an optimisation: a failed write is reported, never thrown).</returns>
    public string? TryWrite(string file, string key, CachedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(file)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            RemoveAbandoned(folder, Path.GetFileName(file));
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16 }))
            {
                Write(stream, FullKey(key), graph);
                if (stream.Length > options.MaxBytes)
                {
                    return $"the snapshot takes {stream.Length} bytes, more than Corpus:Cache:MaxBytes ({options.MaxBytes})";
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind in the cache folder; a later write does not depend on it.
            }
        }
    }

    /// <summary>Temporary files of writes that never finished (a process killed mid-write), once they are an hour old.</summary>
    private static void RemoveAbandoned(string folder, string name)
    {
        foreach (var temp in new DirectoryInfo(folder).EnumerateFiles($".{name}.*.tmp"))
        {
            if (temp.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1))
            {
                temp.Delete();
            }
        }
    }

    private static void Write(FileStream stream, string fullKey, CachedGraph graph)
    {
        var key = Encoding.UTF8.GetBytes(fullKey);
        stream.Write(Magic);
        WriteInt32(stream, FormatVersion);
        WriteInt32(stream, key.Length);
        stream.Write(key);
        var lengthAt = stream.Position;
        stream.Write(new byte[8 + ChecksumBytes]);
        var payloadAt = stream.Position;

        var snapshot = graph.Snapshot;
        SnapshotCodec.Encode(new SnapshotPayload(snapshot.Version, snapshot.CreatedAt, graph.FileCount, snapshot.Entities, snapshot.AllRelations, graph.Issues), stream);
        var payloadLength = stream.Position - payloadAt;
        var files = graph.Index.Files;
        WriteInt32(stream, files.Count);
        foreach (var (name, bytes) in files)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            WriteInt32(stream, nameBytes.Length);
            stream.Write(nameBytes);
            WriteInt32(stream, bytes.Length);
            stream.Write(bytes);
        }

        // The checksum is taken from what reached the file, in a second pass.
        stream.Flush();
        stream.Position = payloadAt;
        var checksum = new XxHash128();
        checksum.Append(stream);
        var hash = checksum.GetCurrentHash();
        stream.Position = lengthAt;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, payloadLength);
        stream.Write(length);
        stream.Write(hash);
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>Wall and process CPU milliseconds of each step of a read, for the log (what a restart spends where).</summary>
    private sealed class Split
    {
        private readonly StringBuilder _text = new();
        private long _at = Stopwatch.GetTimestamp();
        private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void Step(string name)
        {
            var now = Stopwatch.GetTimestamp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            _text.Append(_text.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{name} {Stopwatch.GetElapsedTime(_at, now).TotalMilliseconds:0} ms (CPU {(cpu - _cpu).TotalMilliseconds:0} ms)");
            (_at, _cpu) = (now, cpu);
        }

        public override string ToString() => _text.ToString();
    }

    private static string FullKey(string key) => $"{key}|build={Build.Value}";

    private static CacheRead Missed(string why) => new(null, why);

    /// <summary>
    /// XxHash128 of everything after the header's checksum field. It guards against a damaged or cut file, which a
    /// 128-bit hash catches as surely as SHA-256 did at a twentieth of the cost; neither could stop someone who can
    /// write the cache folder (they could write a matching checksum, or the corpus), so nothing is lost by it.
    /// </summary>
    private static byte[] Checksum(ReadOnlySpan<byte> bytes) => XxHash128.Hash(bytes);

    /// <summary>Reads the file's fields from the array it was read into, refusing any length that reaches past its end.</summary>
    private ref struct BoundedReader(byte[] bytes)
    {
        public int Position { get; private set; }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public ReadOnlySpan<byte> Bytes(long count)
        {
            if (count < 0 || count > bytes.Length - Position)
            {
                throw new InvalidDataException($"a field of {count} bytes reaches past the end of the file");
            }

            var field = bytes.AsSpan(Position, (int)count);
            Position += (int)count;
            return field;
        }
    }
}
