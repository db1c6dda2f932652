using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;
using DigitalTrade.Graph.Stores.Embedded.Cache;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// What stands between a cache file and a served graph besides its checksum: the decoder's own checks (a file whose
/// checksum was made to match a lying payload), the corpus hash taken while the file is read (a file edited during a
/// restart), and the per-file hash a restart compares with the one the load computed.
/// </summary>
public sealed class SnapshotCacheIntegrityTests : IDisposable
{
    private static readonly Lazy<CorpusLoadResult> Shipped = new(() => CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed"), displayRoot: "graph-seed"));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dtg-integrity-" + Guid.NewGuid().ToString("N"));
    private readonly SnapshotCache _cache;

    public SnapshotCacheIntegrityTests()
    {
        _cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
    }

    private string File => Path.Combine(_folder, "graph-seed.snapshot");

    [Theory]
    [InlineData("swap two entity positions")]
    [InlineData("first entity one byte late")]
    [InlineData("an entity position past the records")]
    [InlineData("a negative entity position")]
    [InlineData("the last entity ending early")]
    [InlineData("a table one entry short")]
    public void A_lying_entity_table_is_refused_even_when_the_checksum_matches(string lie)
    {
        var load = Shipped.Value;
        Write(load.Fingerprint!, load);
        var file = CacheFile.Read(File);
        var table = file.EntityTable();
        var count = table.Length / 4;
        switch (lie)
        {
            case "swap two entity positions":
                var a = file.Int32At(table.Start + 40);
                file.SetInt32(table.Start + 40, file.Int32At(table.Start + 44));
                file.SetInt32(table.Start + 44, a);
                break;
            case "first entity one byte late":
                file.SetInt32(table.Start, file.Int32At(table.Start) + 1);
                break;
            case "an entity position past the records":
                file.SetInt32(table.Start + (4 * (count / 2)), int.MaxValue - 7);
                break;
            case "a negative entity position":
                file.SetInt32(table.Start + (4 * (count / 3)), -12);
                break;
            case "the last entity ending early":
                file.SetInt32(table.Start + (4 * (count - 1)), file.Int32At(table.Start + (4 * (count - 1))) - 3);
                break;
            case "a table one entry short":
                // The table's start moved one entry on: its length no longer matches the entity count.
                file.SetInt64(file.PayloadEnd - 8, file.Int64At(file.PayloadEnd - 8) + 4);
                break;
        }

        file.Save(File);

        var read = _cache.TryRead(File, load.Fingerprint!, load.Snapshot!.Version);

        Assert.Null(read.Graph);
        Assert.Contains("InvalidDataException", read.Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_damage_behind_a_matching_checksum_is_refused_by_the_decoder_s_own_checks_or_read_as_written()
    {
        // Each count and position is checked before it is used: any damage that gets past the checksum is refused
        // as invalid data — never an index out of range, an overflow or a huge allocation — or decodes to a graph.
        var load = Shipped.Value;
        Write(load.Fingerprint!, load);
        var original = CacheFile.Read(File);
        var random = new Random(5);
        var refusals = 0;
        for (var i = 0; i < 120; i++)
        {
            var file = original.Copy();
            var at = file.PayloadStart + random.Next(file.PayloadEnd - file.PayloadStart);
            file.Bytes[at] = (byte)(random.Next(2) == 0 ? file.Bytes[at] ^ (1 << random.Next(8)) : random.Next(256));
            file.Save(File);

            var read = _cache.TryRead(File, load.Fingerprint!, load.Snapshot!.Version);

            if (read.Graph is null)
            {
                refusals++;
                Assert.Matches("InvalidDataException|could not be read", read.Miss!);
                Assert.DoesNotMatch("IndexOutOfRange|ArgumentOutOfRange|Overflow|NullReference|OutOfMemory", read.Miss!);
            }
            else
            {
                read.Graph.Index.Dispose();
            }
        }

        Assert.InRange(refusals, 1, 120);
    }

    [Fact]
    public void A_corpus_file_changed_while_the_restart_reads_the_cache_is_never_served_from_it()
    {
        using var corpus = TestCorpus.Valid();
        var load = CorpusLoader.Load(corpus.Root);
        Write(load.Fingerprint!, load);
        var edited = Path.Combine(corpus.Root, "economies", "china.md");

        // The service hashes the files while the cache file is read and decoded, and asks for the key only then:
        // an edit that lands in between is in the bytes hashed, so the key no longer matches.
        var read = _cache.TryRead(File, () =>
        {
            System.IO.File.AppendAllText(edited, "\nEdited during the restart.\n");
            return CorpusFingerprint.Compute(corpus.Root, cancellationToken: TestContext.Current.CancellationToken) is { } f ? (f, CorpusFingerprint.VersionOf(f)) : null;
        });

        Assert.Null(read.Graph);
        Assert.Contains("stale", read.Miss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_racing_a_restart_serve_the_cache_only_when_the_hashed_bytes_are_the_cached_ones()
    {
        using var corpus = TestCorpus.Valid();
        var load = CorpusLoader.Load(corpus.Root);
        Write(load.Fingerprint!, load);
        var edited = Path.Combine(corpus.Root, "economies", "china.md");
        var before = System.IO.File.ReadAllBytes(edited);
        byte[] after = [.. before, .. "\nChanged.\n"u8];

        // A writer flips the file between its cached and another content while restarts hash the corpus: whatever the
        // timing, a served graph comes with a hash of exactly the cached bytes, and a refusal says the cache is stale.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                System.IO.File.WriteAllBytes(edited, i % 2 == 0 ? after : before);
            }
        }, TestContext.Current.CancellationToken);
        var (served, refused) = (0, 0);
        for (var i = 0; i < 40; i++)
        {
            string? hashed = null;
            var read = _cache.TryRead(File, () => (hashed = CorpusFingerprint.Compute(corpus.Root, cancellationToken: TestContext.Current.CancellationToken)) is { } f ? (f, CorpusFingerprint.VersionOf(f)) : null);
            if (read.Graph is { } graph)
            {
                served++;
                Assert.Equal(load.Fingerprint, hashed);
                graph.Index.Dispose();
            }
            else
            {
                refused++;
                Assert.Matches("stale|cannot be hashed", read.Miss!);
                Assert.NotEqual(load.Fingerprint, hashed);
            }
        }

        stop.Cancel();
        await writer;
        Assert.Equal(40, served + refused);
    }

    [Theory]
    [InlineData(new[] { 1, 4095, 65535, 65536, 65537, 200_000, 3 })]
    [InlineData(new[] { 200_000, 65537, 65536, 1, 65535, 0, 131_072 })]
    public void Each_file_s_hash_is_the_sha256_of_all_its_bytes_whatever_its_size_and_the_buffer_left_by_the_last(int[] sizes)
    {
        // One buffer per hashing thread is reused, and a read that stops at the file's size ends the file: sizes on
        // either side of the buffer's length, in growing and shrinking order, must all hash every byte.
        Directory.CreateDirectory(_folder);
        var random = new Random(3);
        foreach (var size in sizes)
        {
            var path = Path.Combine(_folder, $"file-{size}.md");
            var bytes = new byte[size];
            random.NextBytes(bytes);
            System.IO.File.WriteAllBytes(path, bytes);

            Assert.Equal(SHA256.HashData(bytes), CorpusFingerprint.HashFile(path, 1 << 20));
        }

        Assert.Null(CorpusFingerprint.HashFile(Path.Combine(_folder, "file-200000.md"), 199_999));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Write(string key, CorpusLoadResult load)
    {
        var snapshot = load.Snapshot!;
        var graph = new CachedGraph(snapshot, SearchIndex.Build(snapshot), [.. load.Diagnostics.Select(d => new CorpusIssue(d.Path, d.Line, d.Column, d.IsError, d.Code, d.Message))], load.FileCount);
        Assert.Null(_cache.TryWrite(File, key, graph));
    }

    /// <summary>A cache file's bytes with the header parsed, to damage its payload and make its checksum match again.</summary>
    private sealed class CacheFile
    {
        private const int ChecksumBytes = 16;

        private CacheFile(byte[] bytes)
        {
            Bytes = bytes;
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
            var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16 + keyLength));
            ChecksumAt = 16 + keyLength + 8;
            PayloadStart = ChecksumAt + ChecksumBytes;
            PayloadEnd = PayloadStart + (int)payloadLength;
        }

        public byte[] Bytes { get; }

        public int ChecksumAt { get; }

        public int PayloadStart { get; }

        public int PayloadEnd { get; }

        public static CacheFile Read(string path) => new(System.IO.File.ReadAllBytes(path));

        public CacheFile Copy() => new((byte[])Bytes.Clone());

        /// <summary>The entity position table: between the two trailing numbers' positions (string table end) and them.</summary>
        public (int Start, int Length) EntityTable()
        {
            var startsAt = PayloadStart + (int)Int64At(PayloadEnd - 8);
            return (startsAt, PayloadEnd - 16 - startsAt);
        }

        public int Int32At(int at) => BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at));

        public long Int64At(int at) => BinaryPrimitives.ReadInt64LittleEndian(Bytes.AsSpan(at));

        public void SetInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(Bytes.AsSpan(at), value);

        public void SetInt64(int at, long value) => BinaryPrimitives.WriteInt64LittleEndian(Bytes.AsSpan(at), value);

        public void Save(string path)
        {
            XxHash128.Hash(Bytes.AsSpan(PayloadStart)).CopyTo(Bytes.AsSpan(ChecksumAt));
            System.IO.File.WriteAllBytes(path, Bytes);
        }
    }
}
