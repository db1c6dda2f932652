using DigitalTrade.Graph.Api.Telemetry;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace DigitalTrade.Graph.Api.Caching;

/// <summary>A kept answer: the exact bytes sent the first time, and the operation label its metrics count under.</summary>
internal sealed record CachedAnswer(byte[] Json, string Operation);

/// <summary>
/// Successful answers by (version, request tag), bounded by bytes. Keys hold the version, so an answer of one
/// version can never be served for another, whatever the timing; and when a view of a new version shows up, the
/// entries of the old one are dropped at once (a generation token makes even a racing late insert of the old
/// version dead on arrival). HTTP and in-process callers share it through the executor, after the limits.
/// </summary>
internal sealed class ResponseCache : IDisposable
{
    /// <summary>What an entry costs beyond its body: the key, the entry object, the eviction callback.</summary>
    private const int EntryOverhead = 256;

    private readonly MemoryCache? _cache;
    private readonly ResponseCacheOptions _options;
    private readonly GraphMetrics _metrics;
    private readonly Lock _switching = new();
    private Generation? _generation;

    public ResponseCache(Microsoft.Extensions.Options.IOptions<GraphApiOptions> options, GraphMetrics metrics)
    {
        _options = options.Value.ResponseCache;
        _metrics = metrics;
        if (_options.Enabled)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.SizeLimitBytes, TrackStatistics = true });
            metrics.ObserveCacheSize(() => SizeBytes);
        }
    }

    public bool Enabled => _cache is not null;

    /// <summary>How many answers are held now.</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>The bytes the held answers count for (bodies plus per-entry overhead), as the size limit sees them.</summary>
    public long SizeBytes => _cache?.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The answer kept for this version and tag; <paramref name="isCurrent"/> says whether the version is the one served now (null: unknown).</summary>
    public CachedAnswer? TryGet(string version, string tag, bool? isCurrent)
    {
        if (_cache is null || GenerationFor(version, isCurrent) is null)
        {
            return null;
        }

        if (_cache.TryGetValue(Key(version, tag), out CachedAnswer? answer) && answer is not null)
        {
            _metrics.CacheHit();
            return answer;
        }

        _metrics.CacheMiss();
        return null;
    }

    /// <summary>Keeps an answer unless it is too large or its version is no longer the one served.</summary>
    public void Add(string version, string tag, bool? isCurrent, CachedAnswer answer)
    {
        if (_cache is null || answer.Json.Length > _options.MaxEntryBytes || GenerationFor(version, isCurrent) is not { } generation)
        {
            return;
        }

        using var entry = _cache.CreateEntry(Key(version, tag));
        entry.Value = answer;
        entry.Size = answer.Json.Length + EntryOverhead;
        entry.AddExpirationToken(generation.Token);
        entry.RegisterPostEvictionCallback(Evicted, this);
    }

    public void Dispose() => _cache?.Dispose();

    private static string Key(string version, string tag) => version + ":" + tag;

    private static void Evicted(object key, object? value, EvictionReason reason, object? state)
    {
        var reasonLabel = reason switch
        {
            EvictionReason.Capacity => "capacity",
            EvictionReason.Removed or EvictionReason.TokenExpired => "version",
            _ => null,
        };
        if (reasonLabel is not null)
        {
            ((ResponseCache)state!)._metrics.CacheEvicted(reasonLabel);
        }
    }

    /// <summary>
    /// The generation of <paramref name="version"/>, switching to it (and dropping every other version's entries) when it
    /// is the version served now; null for an older view still finishing its request, which neither reads nor writes.
    /// </summary>
    private Generation? GenerationFor(string version, bool? isCurrent)
    {
        var current = Volatile.Read(ref _generation);
        if (current?.Version == version)
        {
            return current;
        }

        if (isCurrent == false)
        {
            return null;
        }

        lock (_switching)
        {
            current = _generation;
            if (current?.Version == version)
            {
                return current;
            }

            var next = new Generation(version);
            Volatile.Write(ref _generation, next);
            if (current is not null)
            {
                current.Expire();
                _cache!.Clear();
            }

            return next;
        }
    }

    /// <summary>
    /// One version's entries share a token; cancelling it expires them all, and any added later with it. Never
    /// disposed: a request may still be adding with it, and a source without a timer holds nothing to release.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Never disposed on purpose: see the summary.")]
    private sealed class Generation
    {
        private readonly CancellationTokenSource _expired = new();

        public Generation(string version)
        {
            Version = version;
            Token = new CancellationChangeToken(_expired.Token);
        }

        public string Version { get; }

        public IChangeToken Token { get; }

        public void Expire() => _expired.Cancel();
    }
}
