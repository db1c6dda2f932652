using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Serves the graph from Neo4j. A view reads the current generation once when opened (cached briefly, so a
/// burst of requests costs one round trip) and every statement it sends names that generation: a request reads
/// one version however many statements it takes and whatever a seed commits meanwhile, because a seed writes a
/// new generation beside the served one and superseded generations are kept for their retention.
/// </summary>
/// <remarks>
/// Why not one explicit read transaction per view: Neo4j runs transactions at read-committed isolation
/// ("non-repeatable reads may occur", https://neo4j.com/docs/operations-manual/current/database-internals), so a
/// transaction would not hold one version either, and would cost a begin and a commit per request and a
/// transaction held open on the server for the request's length. Generation-scoped statements cost nothing extra.
/// </remarks>
public sealed partial class Neo4jGraphStore(
    Neo4jQueryClient client,
    Neo4jServerCheck check,
    IOptions<Neo4jOptions> options,
    TimeProvider time,
    ILogger<Neo4jGraphStore> logger) : IGraphStore, IDisposable
{
    private readonly SemaphoreSlim _versionRead = new(1, 1);
    private readonly GenerationNames _names = new(client);

    // A reference, swapped whole: readers never see half of an update.
    private Current? _cached;

    public async ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken)
    {
        await check.EnsureSupportedAsync(cancellationToken);
        var current = await CurrentAsync(cancellationToken);
        if (current.Generation is not { } generation)
        {
            throw new InvalidOperationException($"Neo4j {current.Problem}.");
        }

        // Deletion of a superseded generation starts no earlier than its retention after the switch, which is
        // after this read; the view stops a round trip and a minute before that, whatever the clocks say.
        var deadline = current.ReadAt + generation.Retention - options.Value.RequestTimeout - TimeSpan.FromMinutes(1);
        return new Neo4jGraphView(client, generation, deadline, time, _names);
    }

    /// <summary>Ready when a supported server serves a generation; answered from the brief cache when it is fresh.</summary>
    public async ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var where = $"Neo4j at {options.Value.Uri}";
        try
        {
            await check.EnsureSupportedAsync(cancellationToken);
            var current = await CurrentAsync(cancellationToken);
            return current.Generation is not { } generation
                ? new StoreStatus(false, $"{where} {current.Problem}")
                : new StoreStatus(true, $"{where}, database {options.Value.Database}, graph {generation.Version} (generation {generation.Id})");
        }
        catch (Neo4jQueryException e) when (e.Code == Neo4jQueryException.UnsupportedServer)
        {
            return new StoreStatus(false, e.ServerMessage);
        }
        catch (Neo4jQueryException e)
        {
            LogUnready(logger, e.Code, e.ServerMessage);
            return new StoreStatus(false, $"{where} is not answering: {e.Message}");
        }
    }

    public void Dispose() => _versionRead.Dispose();

    private async Task<Current> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.ReadAt < options.Value.VersionCacheDuration)
        {
            return cached;
        }

        // One reader refreshes; the others wait and take its answer.
        await _versionRead.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() - fresh.ReadAt < options.Value.VersionCacheDuration)
            {
                return fresh;
            }

            // Taken before the read: the pointer the server reads is at least this recent.
            var readAt = time.GetUtcNow();
            var (generation, problem) = GraphGeneration.Read(
                await client.RunAsync(new CypherQuery(CypherStatements.ReadCurrent), AccessMode.Read, cancellationToken));
            var current = new Current(generation, problem, readAt);
            _cached = generation is null ? null : current;
            return current;
        }
        finally
        {
            _versionRead.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j store not ready: {Code}: {Problem}")]
    private static partial void LogUnready(ILogger logger, string code, string problem);

    private sealed record Current(GraphGeneration? Generation, string? Problem, DateTimeOffset ReadAt);
}
