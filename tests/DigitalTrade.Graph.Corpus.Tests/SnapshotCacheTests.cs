using System.Text.Json;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;
using DigitalTrade.Graph.Stores.Embedded.Cache;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// The on-disk snapshot cache: what comes back equals a fresh load, and any file that is not exactly what
/// this build wrote for these corpus files is refused with a reason (never thrown, never served).
/// </summary>
public sealed class SnapshotCacheTests : IDisposable
{
    private static readonly Lazy<(CorpusLoadResult Load, SearchIndex Index)> Shipped = new(() =>
    {
        var load = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed"), displayRoot: "graph-seed");
        return (load, SearchIndex.Build(load.Snapshot!));
    });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dtg-cache-" + Guid.NewGuid().ToString("N"));
    private readonly SnapshotCache _cache;

    public SnapshotCacheTests()
    {
        _cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
    }

    private static string Key => Shipped.Value.Load.Fingerprint!;

    private static string Version => Shipped.Value.Load.Snapshot!.Version;

    private string File => Path.Combine(_folder, "graph-seed.snapshot");

    [Fact]
    public void Every_shipped_entity_relation_and_diagnostic_comes_back_exactly_as_a_fresh_load_gives_it()
    {
        var (load, _) = Shipped.Value;
        Write();

        var read = _cache.TryRead(File, Key, Version);

        var graph = Assert.IsType<CachedGraph>(read.Graph, exactMatch: true);
        // Reflection-based JSON of every public property: a Model field the cache dropped or changed shows here.
        Assert.Equal(Json(load.Snapshot!.Entities), Json(graph.Snapshot.Entities));
        Assert.Equal(Json(load.Snapshot.AllRelations), Json(graph.Snapshot.AllRelations));
        Assert.Equal(Json(Issues(load)), Json(graph.Issues));
        Assert.Equal(load.Snapshot.Version, graph.Snapshot.Version);
        Assert.Equal(load.Snapshot.CreatedAt, graph.Snapshot.CreatedAt);
        Assert.Equal(load.FileCount, graph.FileCount);
        Assert.All(load.Snapshot.Entities.Take(50), e => Assert.Equal(Json(load.Snapshot.EdgesOf(e.Key)), Json(graph.Snapshot.EdgesOf(e.Key))));
    }

    [Theory]
    [InlineData("数据跨境")]
    [InlineData("DEPA")]
    [InlineData("digital service export base")]
    public void The_cached_search_index_answers_as_the_one_built_fresh(string text)
    {
        Write();
        var graph = _cache.TryRead(File, Key, Version).Graph!;

        var page = new PageRequest(20, null);
        var fresh = Shipped.Value.Index.Search(new SearchQuery(text), page, TestContext.Current.CancellationToken);
        var cached = graph.Index.Search(new SearchQuery(text), page, TestContext.Current.CancellationToken);

        Assert.NotEmpty(fresh.Hits.Items);
        Assert.Equal(Hits(fresh), Hits(cached));
    }

    [Fact]
    public void No_file_is_a_miss_that_says_so() =>
        Assert.Contains("no cache file", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);

    [Fact]
    public void Other_corpus_files_make_the_cache_stale()
    {
        Write();

        var read = _cache.TryRead(File, Key.Replace(Key[0], Key[0] == 'a' ? 'b' : 'a'), Version);

        Assert.Null(read.Graph);
        Assert.Contains("stale", read.Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_matches_but_another_version_is_refused()
    {
        Write();

        var read = _cache.TryRead(File, Key, "0123456789abcdef");

        Assert.Null(read.Graph);
        Assert.Contains("holds snapshot", read.Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_files_that_cannot_be_hashed_are_never_served_from_the_cache()
    {
        Write();

        var read = _cache.TryRead(File, () => null);

        Assert.Null(read.Graph);
        Assert.Contains("cannot be hashed", read.Miss, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(0.98)]
    public void A_flipped_byte_anywhere_after_the_header_fails_the_checksum(double at)
    {
        Write();
        var bytes = System.IO.File.ReadAllBytes(File);
        var position = Math.Max(200, (int)(bytes.Length * at));
        bytes[position] ^= 0x40;
        System.IO.File.WriteAllBytes(File, bytes);

        var read = _cache.TryRead(File, Key, Version);

        Assert.Null(read.Graph);
        Assert.NotNull(read.Miss);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void A_truncated_file_is_refused(int keep)
    {
        Write();
        var bytes = System.IO.File.ReadAllBytes(File);
        System.IO.File.WriteAllBytes(File, bytes[..(keep >= 0 ? keep : bytes.Length - 1)]);

        var read = _cache.TryRead(File, Key, Version);

        Assert.Null(read.Graph);
        Assert.NotNull(read.Miss);
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        Write();
        using (var stream = new FileStream(File, FileMode.Append))
        {
            stream.Write("more"u8);
        }

        Assert.Contains("trailing", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_format_version_is_refused()
    {
        Write();
        var bytes = System.IO.File.ReadAllBytes(File);
        bytes[8] = (byte)(SnapshotCache.FormatVersion + 1);
        System.IO.File.WriteAllBytes(File, bytes);

        Assert.Contains($"format {SnapshotCache.FormatVersion + 1}", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_cache_or_claims_huge_lengths_is_refused_without_allocating_them()
    {
        Directory.CreateDirectory(_folder);
        System.IO.File.WriteAllText(File, "{\"not\": \"a cache\"}");
        Assert.Contains("not a dtgraph snapshot cache", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);

        // The right magic and format, then a key length of 2 GB and a JSON length of 8 EB: refused from the file's size.
        byte[] header = [.. "DTGSNAP\n"u8, .. BitConverter.GetBytes(SnapshotCache.FormatVersion), .. BitConverter.GetBytes(int.MaxValue)];
        System.IO.File.WriteAllBytes(File, header);
        Assert.Contains("corrupt", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);

        Write();
        var bytes = System.IO.File.ReadAllBytes(File);
        var keyLength = BitConverter.ToInt32(bytes, 12);
        BitConverter.GetBytes(long.MaxValue).CopyTo(bytes, 16 + keyLength);
        System.IO.File.WriteAllBytes(File, bytes);
        Assert.Contains("past the end", _cache.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_bound_is_neither_read_nor_written()
    {
        Write();
        var small = new SnapshotCache(new SnapshotCacheOptions { Path = _folder, MaxBytes = 1024 });

        Assert.Contains("more than Corpus:Cache:MaxBytes", small.TryRead(File, Key, Version).Miss, StringComparison.Ordinal);
        var other = Path.Combine(_folder, "other.snapshot");
        Assert.Contains("more than Corpus:Cache:MaxBytes", small.TryWrite(other, Key, Graph()), StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(other));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_cache_file_that_is_a_symbolic_link_is_never_followed()
    {
        Write();
        var target = Path.Combine(_folder, "elsewhere.snapshot");
        System.IO.File.Move(File, target);
        System.IO.File.CreateSymbolicLink(File, target);

        var read = _cache.TryRead(File, Key, Version);

        Assert.Null(read.Graph);
        Assert.Contains("symbolic link", read.Miss, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_writers_and_readers_see_a_whole_file_or_none()
    {
        Write();
        var graph = Graph();
        var misses = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            if (i % 2 == 0)
            {
                Assert.Null(_cache.TryWrite(File, Key, graph));
            }
            else if (_cache.TryRead(File, Key, Version) is { Graph: null, Miss: { } miss })
            {
                misses.Add(miss);
            }
        });

        Assert.Empty(misses);
        Assert.NotNull(_cache.TryRead(File, Key, Version).Graph);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_a_reason_not_an_exception()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "a-file");
        System.IO.File.WriteAllText(blocker, "x");

        Assert.NotNull(_cache.TryWrite(Path.Combine(blocker, "graph-seed.snapshot"), Key, Graph()));
    }

    [Fact]
    public void Each_corpus_folder_has_its_own_file_in_the_configured_folder()
    {
        var a = _cache.FileFor("/data/one/graph-seed");
        var b = _cache.FileFor("/data/two/graph-seed");

        Assert.NotEqual(a, b);
        Assert.All([a, b], f => Assert.Equal(_folder, Path.GetDirectoryName(f)));
        Assert.StartsWith("graph-seed-", Path.GetFileName(a), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_is_the_hash_a_load_computes_and_changes_with_any_byte()
    {
        using var corpus = TestCorpus.Valid();
        var load = CorpusLoader.Load(corpus.Root);
        Assert.Equal(load.Fingerprint, CorpusFingerprint.Compute(corpus.Root, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(load.Snapshot!.Version, CorpusFingerprint.VersionOf(load.Fingerprint!));

        var file = Path.Combine(corpus.Root, "economies", "china.md");
        System.IO.File.AppendAllText(file, " ");
        Assert.NotEqual(load.Fingerprint, CorpusFingerprint.Compute(corpus.Root, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_corpus_with_a_link_or_an_oversized_file_has_no_fingerprint()
    {
        using var corpus = TestCorpus.Valid();
        System.IO.File.CreateSymbolicLink(Path.Combine(corpus.Root, "economies", "link.md"), Path.Combine(corpus.Root, "economies", "china.md"));
        Assert.Null(CorpusFingerprint.Compute(corpus.Root, cancellationToken: TestContext.Current.CancellationToken));

        using var large = TestCorpus.Valid();
        Assert.Null(CorpusFingerprint.Compute(large.Root, new CorpusLimits { MaxFileBytes = 10 }, TestContext.Current.CancellationToken));
        Assert.Null(CorpusFingerprint.Compute(Path.Combine(large.Root, "missing"), cancellationToken: TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static CachedGraph Graph()
    {
        var (load, index) = Shipped.Value;
        return new CachedGraph(load.Snapshot!, index, Issues(load), load.FileCount);
    }

    private static List<CorpusIssue> Issues(CorpusLoadResult load) =>
        [.. load.Diagnostics.Select(d => new CorpusIssue(d.Path, d.Line, d.Column, d.IsError, d.Code, d.Message))];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static List<string> Hits(SearchResults results) =>
        [.. results.Hits.Items.Select(h => $"{h.Node.Entity.Key} {h.Node.Score} {string.Join("|", h.Node.Highlights.Select(x => x.Snippet))}")];

    private void Write() => Assert.Null(_cache.TryWrite(File, Key, Graph()));
}
