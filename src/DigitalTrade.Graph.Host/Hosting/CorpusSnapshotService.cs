using System.Diagnostics;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// Loads the corpus at start-up and publishes the snapshot to the embedded store. A corpus
/// with errors is never published: the service stays up, not ready, and says why.
/// </summary>
public sealed partial class CorpusSnapshotService(
    EmbeddedGraphStore store,
    IOptions<CorpusOptions> options,
    ILogger<CorpusSnapshotService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Reload();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the corpus and swaps the snapshot in when it is valid; returns whether it was.</summary>
    public bool Reload()
    {
        var path = options.Value.Path;
        var started = Stopwatch.GetTimestamp();
        var result = CorpusLoader.Load(CorpusLocation.Resolve(path), displayRoot: path);
        foreach (var diagnostic in result.Diagnostics)
        {
            LogDiagnostic(logger, diagnostic.IsError ? LogLevel.Error : LogLevel.Warning, diagnostic.Path, diagnostic.Line, diagnostic.Column, diagnostic.Code, diagnostic.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Snapshot is null)
        {
            LogRejected(logger, path, result.ErrorCount, result.WarningCount, elapsed);
            return false;
        }

        store.Publish(result.Snapshot);
        LogPublished(logger, result.Snapshot.Version, result.Snapshot.Entities.Count, result.Snapshot.AllRelations.Count, path, result.WarningCount, elapsed);
        return true;
    }

    [LoggerMessage(Message = "{File}({Line},{Column}): {Code}: {Problem}")]
    private static partial void LogDiagnostic(ILogger logger, LogLevel level, string file, int line, int column, string code, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus {CorpusPath} rejected with {ErrorCount} errors and {WarningCount} warnings in {ElapsedMs:0} ms; nothing from it is served")]
    private static partial void LogRejected(ILogger logger, string corpusPath, int errorCount, int warningCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {SnapshotVersion} published: {EntityCount} entities, {RelationCount} relations from {CorpusPath} ({WarningCount} warnings) in {ElapsedMs:0} ms")]
    private static partial void LogPublished(ILogger logger, string snapshotVersion, int entityCount, int relationCount, string corpusPath, int warningCount, double elapsedMs);
}
