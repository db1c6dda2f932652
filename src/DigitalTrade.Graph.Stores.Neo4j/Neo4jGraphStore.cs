using System.Globalization;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Serves the graph from Neo4j. A view reads the seeded version once when opened (cached briefly, so a
/// burst of requests costs one round trip); every view method is one batched statement or a few.
/// </summary>
public sealed partial class Neo4jGraphStore(
    Neo4jQueryClient client,
    IOptions<Neo4jOptions> options,
    TimeProvider time,
    ILogger<Neo4jGraphStore> logger) : IGraphStore, IDisposable
{
    private readonly SemaphoreSlim _versionRead = new(1, 1);
    private (GraphVersion Version, DateTimeOffset ReadAt)? _cached;

    public async ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(cancellationToken)
            ?? throw new InvalidOperationException("Neo4j holds no seeded graph yet: run `dtgraph seed --neo4j`.");
        return new Neo4jGraphView(client, version.Version, version.CreatedAt);
    }

    public async ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await ReadVersionAsync(cancellationToken);
            return version is null
                ? new StoreStatus(false, $"Neo4j at {options.Value.Uri} holds no seeded graph (run `dtgraph seed --neo4j`)")
                : new StoreStatus(true, $"Neo4j at {options.Value.Uri}, database {options.Value.Database}, graph {version.Version}");
        }
        catch (Neo4jQueryException e)
        {
            LogUnready(logger, e.Code, e.ServerMessage);
            return new StoreStatus(false, $"Neo4j at {options.Value.Uri} is not answering: {e.Message}");
        }
    }

    public void Dispose() => _versionRead.Dispose();

    private async Task<GraphVersion?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.ReadAt < options.Value.VersionCacheDuration)
        {
            return cached.Version;
        }

        // One reader refreshes; the others wait and take its answer.
        await _versionRead.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() - fresh.ReadAt < options.Value.VersionCacheDuration)
            {
                return fresh.Version;
            }

            var version = await ReadVersionAsync(cancellationToken);
            _cached = version is null ? null : (version, time.GetUtcNow());
            return version;
        }
        finally
        {
            _versionRead.Release();
        }
    }

    private async Task<GraphVersion?> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var result = await client.RunAsync(new CypherQuery(CypherStatements.ReadVersion), AccessMode.Read, cancellationToken);
        if (result.Rows is not [var row] || row.GetString("version") is not { } version)
        {
            return null;
        }

        var createdAt = DateTimeOffset.TryParse(row.GetString("createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        return new GraphVersion(version, createdAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j store not ready: {Code}: {Problem}")]
    private static partial void LogUnready(ILogger logger, string code, string problem);

    private sealed record GraphVersion(string Version, DateTimeOffset CreatedAt);
}
