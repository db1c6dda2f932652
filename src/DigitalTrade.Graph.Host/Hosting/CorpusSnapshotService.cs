using System.Diagnostics;
using System.Text.Json;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;
using DigitalTrade.Graph.Stores.Embedded;
using DigitalTrade.Graph.Stores.Embedded.Cache;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// Loads the corpus and publishes the snapshot to the embedded store. A corpus with errors is
/// never published: the last good snapshot keeps serving (or, at start-up, the service stays
/// up and not ready) and the diagnostics are kept for the <c>corpus</c> query field. At start-up
/// a snapshot cached for exactly these files (and this build) is published instead of a fresh load.
/// </summary>
public sealed partial class CorpusSnapshotService(
    EmbeddedGraphStore store,
    SnapshotCache cache,
    IOptions<CorpusOptions> options,
    TimeProvider time,
    Api.Telemetry.GraphMetrics metrics,
    ILogger<CorpusSnapshotService> logger) : IHostedService, ICorpusLoadReporter
{
    /// <summary>How often a long load logs how far it is.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a graph from a watch reload must stay served before it is written to the snapshot cache.</summary>
    private static readonly TimeSpan CacheWriteQuiet = TimeSpan.FromSeconds(10);

    private readonly Lock _reloading = new();
    private readonly Lock _caching = new();
    private CorpusLoad? _lastLoad;

    /// <summary>What the last load read per file, so a watch reload re-reads only changed files (taken by each load, under the lock).</summary>
    private CorpusReadState? _readState;

    public CorpusLoad? LastLoad => Volatile.Read(ref _lastLoad);

    /// <summary>The last background write of the snapshot cache (for tests and shutdown); completed when there is none.</summary>
    public Task CacheWrite { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Reload(fromCache: true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the corpus and swaps the snapshot in when it is valid; returns whether it was.</summary>
    /// <param name="fromCache">Publish the cached snapshot when it was built from exactly the files there are now.</param>
    /// <param name="changed">
    /// The corpus files (relative paths) that may have changed since the last load: only they are read again (see
    /// <see cref="CorpusLoader.LoadChanged"/>). Null when that is not known: files whose bytes changed are read again.
    /// </param>
    public bool Reload(bool fromCache = false, IReadOnlyCollection<string>? changed = null)
    {
        // One load at a time: a watcher burst must not publish an older read after a newer one.
        lock (_reloading)
        {
            using var activity = Api.Telemetry.GraphMetrics.Activities.StartActivity("corpus.load");
            var path = options.Value.Path;
            var attemptedAt = time.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            if (fromCache && cache.Options.Enabled && PublishCached(path, attemptedAt, started))
            {
                return true;
            }

            var root = CorpusLocation.Resolve(path);
            var previous = _readState;
            _readState = null; // a load that throws leaves no state: the next one reads every file
            var load = CorpusLoader.LoadChanged(root, previous, changed, CorpusLocation.DisplayName(root), time, options.Value.Limits, new ProgressLog(logger, path, time));
            // Kept for the next reload only when files are watched: at 100k it is every file's draft, ~0.3 GB the GC can have back.
            _readState = options.Value.Watch ? load.State : null;
            var result = load.Result;
            if (previous is not null)
            {
                LogFilesRead(logger, path, load.FilesRead, result.FileCount);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            foreach (var d in result.Diagnostics)
            {
                // Warnings (the report's own inconsistencies, kept as printed) are for `validate`; at start-up they are counted in one line.
                LogDiagnostic(logger, d.IsError ? LogLevel.Error : LogLevel.Debug, d.Path, d.Line, d.Column, d.Code, d.Message);
            }

            IReadOnlyList<CorpusIssue> issues = [.. result.Diagnostics.Select(d => new CorpusIssue(d.Path, d.Line, d.Column, d.IsError, d.Code, d.Message))];
            Volatile.Write(ref _lastLoad, new CorpusLoad(attemptedAt, result.Succeeded, elapsed, issues));

            if (result.Snapshot is null)
            {
                metrics.CorpusLoaded(false, Stopwatch.GetElapsedTime(started));
                LogRejected(logger, path, result.ErrorCount, result.WarningCount, elapsed, store.Current?.Version ?? "nothing");
                return false;
            }

            // Publishing builds the search index, so the logged time covers everything a reload costs. A watch reload keeps
            // the served index's shards whose entities are unchanged (the same objects, or equal in what is indexed) and rebuilds the others.
            var index = SearchIndex.Build(result.Snapshot, previous is null ? null : store.CurrentIndex);
            store.Publish(result.Snapshot, index);
            PrepareLater(result.Snapshot);
            elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.CorpusLoaded(true, Stopwatch.GetElapsedTime(started));
            LogPublished(logger, result.Snapshot.Version, result.Snapshot.Entities.Count, result.Snapshot.AllRelations.Count, path, result.WarningCount, elapsed);
            if (cache.Options.Enabled && result.Fingerprint is { } fingerprint)
            {
                // A watch reload waits for the edits to settle: a write costs seconds of CPU at 100k, and the next edit would compete with it.
                WriteCacheLater(path, fingerprint, new CachedGraph(result.Snapshot, index, issues, result.FileCount), previous is null ? TimeSpan.Zero : CacheWriteQuiet);
            }

            return true;
        }
    }

    private bool PublishCached(string path, DateTimeOffset attemptedAt, long started)
    {
        var root = CorpusLocation.Resolve(path);
        var limits = options.Value.Limits;
        // The files are hashed while the cache file is read: the two together are what a restart costs.
        using var cancel = new CancellationTokenSource();
        var fingerprint = Task.Run(() => CorpusFingerprint.Compute(root, limits, cancel.Token), cancel.Token);
        var file = cache.FileFor(root);
        var read = cache.TryRead(file, () => fingerprint.GetAwaiter().GetResult() is { } f ? (CacheKey(root, f), CorpusFingerprint.VersionOf(f)) : null);
        if (read.Graph is not { } graph)
        {
            // A missing or refused file: the load that follows hashes the files anyway.
            cancel.Cancel();
            LogCacheMissed(logger, File.Exists(file) ? LogLevel.Information : LogLevel.Debug, path, read.Miss ?? "no reason given");
            return false;
        }

        store.Publish(graph.Snapshot, graph.Index);
        PrepareLater(graph.Snapshot);
        if (options.Value.Watch)
        {
            ReadStateLater(path, graph.Snapshot.Version);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Volatile.Write(ref _lastLoad, new CorpusLoad(attemptedAt, true, elapsed.TotalMilliseconds, graph.Issues));
        metrics.CorpusLoaded(true, elapsed);
        LogPublishedFromCache(logger, graph.Snapshot.Version, graph.Snapshot.Entities.Count, graph.Snapshot.AllRelations.Count, path,
            graph.Issues.Count(i => !i.IsError), file, elapsed.TotalMilliseconds);
        LogCacheSplit(logger, file, read.Split ?? "");
        return true;
    }

    /// <summary>The background build of the last published snapshot's edge lists (a cache write waits for it).</summary>
    private Task _prepared = Task.CompletedTask;

    /// <summary>Builds the snapshot's edge lists off the start-up path, so that the first graph walk rarely waits for them.</summary>
    private void PrepareLater(GraphSnapshot snapshot) => _prepared = Task.Run(snapshot.Prepare);

    /// <summary>
    /// With <c>--watch</c>, a start from the cache has no per-file state, so the first edit would read every file. The
    /// state is built in the background instead (a full read under the reload lock, not published), and kept only if it
    /// describes the graph served: a file changed meanwhile leaves the next reload to read every file, as before.
    /// </summary>
    private void ReadStateLater(string path, string servedVersion) => _ = Task.Run(() =>
    {
        lock (_reloading)
        {
            if (_readState is not null || store.Current?.Version != servedVersion)
            {
                return; // a reload came first
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var root = CorpusLocation.Resolve(path);
                var load = CorpusLoader.LoadChanged(root, null, null, CorpusLocation.DisplayName(root), time, options.Value.Limits);
                if (load.Result.Snapshot?.Version == servedVersion)
                {
                    _readState = load.State;
                    LogStateRead(logger, path, load.Result.FileCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogStateNotRead(logger, path, e.Message);
            }
        }
    });

    /// <summary>Writes the cache off the request path; only the graph still served is written (a newer reload supersedes an older write).</summary>
    private void WriteCacheLater(string path, string fingerprint, CachedGraph graph, TimeSpan after)
    {
        var root = CorpusLocation.Resolve(path);
        var prepared = _prepared;
        CacheWrite = Task.Run(async () =>
        {
            await Task.Delay(after, time);
            // After the edge lists: the write's string table and their build are each a peak of the process's memory, and
            // two CPU-heavy jobs at once on a small machine slow the first requests more than one after the other.
            await prepared.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            lock (_caching)
            {
                if (!ReferenceEquals(store.Current, graph.Snapshot))
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                var file = cache.FileFor(root);
                if (cache.TryWrite(file, CacheKey(root, fingerprint), graph) is { } failure)
                {
                    LogCacheNotWritten(logger, file, failure);
                }
                else
                {
                    LogCacheWritten(logger, graph.Snapshot.Version, file, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }

    /// <summary>
    /// What the cached graph depends on besides the code: the files (their hash), the name diagnostics give
    /// the folder, and the limits each file was read under. The cache adds the build's identity.
    /// </summary>
    private string CacheKey(string root, string fingerprint) =>
        $"corpus={fingerprint}|name={CorpusLocation.DisplayName(root)}|limits={JsonSerializer.Serialize(options.Value.Limits)}|loader={typeof(CorpusLoader).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Logs how far a long load is, every <see cref="ProgressInterval"/> (reports come from the reading threads).</summary>
    private sealed class ProgressLog(ILogger logger, string path, TimeProvider time) : IProgress<CorpusLoadProgress>
    {
        private readonly long _started = time.GetTimestamp();
        private long _next = 1;

        public void Report(CorpusLoadProgress value)
        {
            var due = (long)(time.GetElapsedTime(_started).Ticks / ProgressInterval.Ticks);
            var next = Interlocked.Read(ref _next);
            if (due >= next && Interlocked.CompareExchange(ref _next, due + 1, next) == next)
            {
                LogProgress(logger, path, value.FilesRead, value.FileCount);
            }
        }
    }

    [LoggerMessage(Message = "{File}({Line},{Column}): {Code}: {Problem}")]
    private static partial void LogDiagnostic(ILogger logger, LogLevel level, string file, int line, int column, string code, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus {CorpusPath} rejected with {ErrorCount} errors and {WarningCount} warnings in {ElapsedMs:0} ms; still serving {ServedVersion}")]
    private static partial void LogRejected(ILogger logger, string corpusPath, int errorCount, int warningCount, double elapsedMs, string servedVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {CorpusPath}: {EntityCount} entities, {RelationCount} relations, {WarningCount} warnings (run `dtgraph validate` for details); snapshot {SnapshotVersion} published in {ElapsedMs:0} ms")]
    private static partial void LogPublished(ILogger logger, string snapshotVersion, int entityCount, int relationCount, string corpusPath, int warningCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {CorpusPath}: {EntityCount} entities, {RelationCount} relations, {WarningCount} warnings (run `dtgraph validate` for details); snapshot {SnapshotVersion} published from the cache {CacheFile} in {ElapsedMs:0} ms")]
    private static partial void LogPublishedFromCache(ILogger logger, string snapshotVersion, int entityCount, int relationCount, string corpusPath, int warningCount, string cacheFile, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot cache {CacheFile}: {Split}")]
    private static partial void LogCacheSplit(ILogger logger, string cacheFile, string split);

    [LoggerMessage(Message = "Snapshot cache not used for {CorpusPath}: {Reason}; reading the corpus")]
    private static partial void LogCacheMissed(ILogger logger, LogLevel level, string corpusPath, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {SnapshotVersion} cached in {CacheFile} in {ElapsedMs:0} ms")]
    private static partial void LogCacheWritten(ILogger logger, string snapshotVersion, string cacheFile, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot cache {CacheFile} not written: {Reason}")]
    private static partial void LogCacheNotWritten(ILogger logger, string cacheFile, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {CorpusPath}: {FileCount} files read in the background in {ElapsedMs:0} ms, so a watch reload re-reads only what changes")]
    private static partial void LogStateRead(ILogger logger, string corpusPath, int fileCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Corpus {CorpusPath}: the background read for watch reloads failed ({Reason}); the first reload reads every file")]
    private static partial void LogStateNotRead(ILogger logger, string corpusPath, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {CorpusPath} changed: {FilesRead} of {FileCount} files read again")]
    private static partial void LogFilesRead(ILogger logger, string corpusPath, int filesRead, int fileCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading {CorpusPath}: {FilesRead}/{FileCount} files")]
    private static partial void LogProgress(ILogger logger, string corpusPath, int filesRead, int fileCount);
}
