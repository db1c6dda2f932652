using System.Globalization;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>How far a seed has come: a phase and its rows done out of its total.</summary>
public sealed record SeedProgress(string Phase, int Done, int Total);

/// <summary>
/// Writes a validated snapshot to Neo4j. Constraints and indexes first (<c>IF NOT EXISTS</c>), then the whole
/// graph in one explicit transaction: removed entities and relations deleted, the rest merged in batches,
/// the version switched last. Until the commit, readers keep the previous graph; a seed that fails or is
/// interrupted is rolled back (or expires on the server) and leaves it serving. Seeding twice gives the same graph.
/// </summary>
public sealed partial class Neo4jSeeder(Neo4jQueryClient client, IOptions<Neo4jOptions> options, TimeProvider time, ILogger<Neo4jSeeder> logger)
{
    public static readonly IReadOnlyList<string> SchemaStatements =
    [
        CypherStatements.CreateKeyConstraint,
        CypherStatements.CreateVersionConstraint,
        CypherStatements.CreateKindIndex,
        CypherStatements.CreateTextIndex,
    ];

    public async Task SeedAsync(GraphSnapshot snapshot, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var batchSize = Math.Max(1, options.Value.SeedBatchSize);

        // Schema changes cannot share a transaction with data writes; IF NOT EXISTS makes them repeatable.
        foreach (var statement in SchemaStatements)
        {
            await client.RunAsync(new CypherQuery(statement), AccessMode.Write, cancellationToken);
        }

        await client.RunAsync(new CypherQuery(CypherStatements.AwaitIndexes, Parameters(("timeoutSeconds", 300))), AccessMode.Write, cancellationToken);
        progress?.Report(new SeedProgress("schema", SchemaStatements.Count, SchemaStatements.Count));

        await using var transaction = await client.BeginAsync(cancellationToken);
        try
        {
            await transaction.RunAsync(
                new CypherQuery(CypherStatements.DeleteRemovedEntities, Parameters(("keys", snapshot.Entities.Select(e => e.Key).ToArray()))), cancellationToken);
            await transaction.RunAsync(
                new CypherQuery(CypherStatements.DeleteRemovedRelations, Parameters(("relationIds", snapshot.AllRelations.Select(EntityRows.RelationId).ToArray()))), cancellationToken);

            var entities = snapshot.Entities;
            for (var done = 0; done < entities.Count;)
            {
                var rows = entities.Skip(done).Take(batchSize).Select(EntityRows.Row).ToArray();
                await transaction.RunAsync(new CypherQuery(CypherStatements.MergeEntities, Parameters(("rows", rows))), cancellationToken);
                done += rows.Length;
                progress?.Report(new SeedProgress("entities", done, entities.Count));
            }

            var relationCount = snapshot.AllRelations.Count;
            var written = 0;
            foreach (var type in RelationTypes.All)
            {
                var ofType = snapshot.OfType(type.Type);
                for (var done = 0; done < ofType.Count;)
                {
                    var rows = ofType.Skip(done).Take(batchSize).Select(EntityRows.Row).ToArray();
                    await transaction.RunAsync(new CypherQuery(CypherStatements.MergeRelations(type.Type), Parameters(("rows", rows))), cancellationToken);
                    done += rows.Length;
                    written += rows.Length;
                    progress?.Report(new SeedProgress("relations", written, relationCount));
                }
            }

            await transaction.RunAsync(
                new CypherQuery(CypherStatements.SetVersion, Parameters(
                    ("version", snapshot.Version),
                    ("createdAt", snapshot.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
                    ("seededAt", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)))),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is Neo4jQueryException or OperationCanceledException)
        {
            LogAbandoned(logger, snapshot.Version, e.Message);
            await RollBackQuietly(transaction);
            throw;
        }

        progress?.Report(new SeedProgress("committed", snapshot.Entities.Count + snapshot.AllRelations.Count, snapshot.Entities.Count + snapshot.AllRelations.Count));
        LogSeeded(logger, snapshot.Version, snapshot.Entities.Count, snapshot.AllRelations.Count);
    }

    private static async Task RollBackQuietly(QueryTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Neo4jQueryException)
        {
            // The transaction is gone already (expired, or the server is away): nothing was committed.
        }
    }

    private static Dictionary<string, object?> Parameters(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j seeded with graph {Version}: {EntityCount} entities, {RelationCount} relations")]
    private static partial void LogSeeded(ILogger logger, string version, int entityCount, int relationCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding graph {Version} abandoned and rolled back; the previous graph keeps serving: {Problem}")]
    private static partial void LogAbandoned(ILogger logger, string version, string problem);
}
