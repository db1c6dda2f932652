using System.Diagnostics;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// Loads the corpus and publishes the snapshot to the embedded store. A corpus with errors is
/// never published: the last good snapshot keeps serving (or, at start-up, the service stays
/// up and not ready) and the diagnostics are kept for the <c>corpus</c> query field.
/// </summary>
public sealed partial class CorpusSnapshotService(
    EmbeddedGraphStore store,
    IOptions<CorpusOptions> options,
    TimeProvider time,
    Api.Telemetry.GraphMetrics metrics,
    ILogger<CorpusSnapshotService> logger) : IHostedService, ICorpusLoadReporter
{
    private readonly Lock _reloading = new();
    private CorpusLoad? _lastLoad;

    public CorpusLoad? LastLoad => Volatile.Read(ref _lastLoad);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Reload();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the corpus and swaps the snapshot in when it is valid; returns whether it was.</summary>
    public bool Reload()
    {
        // One load at a time: a watcher burst must not publish an older read after a newer one.
        lock (_reloading)
        {
            using var activity = Api.Telemetry.GraphMetrics.Activities.StartActivity("corpus.load");
            var path = options.Value.Path;
            var attemptedAt = time.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            var result = CorpusLocation.Load(path, time, options.Value.Limits);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            foreach (var d in result.Diagnostics)
            {
                // Warnings (the report's own inconsistencies, kept as printed) are for `validate`; at start-up they are counted in one line.
                LogDiagnostic(logger, d.IsError ? LogLevel.Error : LogLevel.Debug, d.Path, d.Line, d.Column, d.Code, d.Message);
            }

            Volatile.Write(ref _lastLoad, new CorpusLoad(
                attemptedAt,
                result.Succeeded,
                elapsed,
                [.. result.Diagnostics.Select(d => new CorpusIssue(d.Path, d.Line, d.Column, d.IsError, d.Code, d.Message))]));

            if (result.Snapshot is null)
            {
                metrics.CorpusLoaded(false, Stopwatch.GetElapsedTime(started));
                LogRejected(logger, path, result.ErrorCount, result.WarningCount, elapsed, store.Current?.Version ?? "nothing");
                return false;
            }

            // Publishing builds the search index, so the logged time covers everything a reload costs.
            store.Publish(result.Snapshot);
            elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.CorpusLoaded(true, Stopwatch.GetElapsedTime(started));
            LogPublished(logger, result.Snapshot.Version, result.Snapshot.Entities.Count, result.Snapshot.AllRelations.Count, path, result.WarningCount, elapsed);
            return true;
        }
    }

    [LoggerMessage(Message = "{File}({Line},{Column}): {Code}: {Problem}")]
    private static partial void LogDiagnostic(ILogger logger, LogLevel level, string file, int line, int column, string code, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus {CorpusPath} rejected with {ErrorCount} errors and {WarningCount} warnings in {ElapsedMs:0} ms; still serving {ServedVersion}")]
    private static partial void LogRejected(ILogger logger, string corpusPath, int errorCount, int warningCount, double elapsedMs, string servedVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {CorpusPath}: {EntityCount} entities, {RelationCount} relations, {WarningCount} warnings (run `dtgraph validate` for details); snapshot {SnapshotVersion} published in {ElapsedMs:0} ms")]
    private static partial void LogPublished(ILogger logger, string snapshotVersion, int entityCount, int relationCount, string corpusPath, int warningCount, double elapsedMs);
}
