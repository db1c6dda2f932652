using System.Globalization;
using System.Security.Cryptography;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using DigitalTrade.Graph.Stores.Neo4j.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>How far a seed has come: a phase and its rows done out of its total.</summary>
public sealed record SeedProgress(string Phase, int Done, int Total);

/// <summary>
/// Writes a validated snapshot to Neo4j as a new generation beside the served one, then switches to it.
/// Steps: check the server; bring the schema to what the store needs and wait for indexes; write the
/// generation in batches, each its own small transaction (server memory stays bounded however large the corpus);
/// check every batch wrote all its rows and recount the whole; switch the pointer in one small transaction that
/// also records the bookmarks of the writes; delete generations whose retention has passed. Until the switch no
/// reader sees anything of the new generation; a seed that fails or is interrupted deletes what it wrote (or
/// the next seed does), so a failed seed never leaves a half-visible graph. Seeding twice gives the same graph.
/// </summary>
public sealed partial class Neo4jSeeder(
    Neo4jQueryClient client,
    Neo4jServerCheck check,
    Neo4jSchemaMigrator schema,
    IOptions<Neo4jOptions> options,
    TimeProvider time,
    ILogger<Neo4jSeeder> logger)
{
    /// <summary>The layout of what a generation holds; a change makes older serving releases refuse it.</summary>
    public const int Format = 2;

    public async Task SeedAsync(GraphSnapshot snapshot, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var settings = options.Value;
        if (settings.GenerationRetention < settings.MinimumRetention)
        {
            LogRetentionRaised(logger, settings.GenerationRetention, settings.MinimumRetention);
        }

        await check.EnsureSupportedAsync(cancellationToken);
        await schema.EnsureAsync(progress, cancellationToken);

        var generation = NewGenerationId(snapshot.Version);
        await CleanUpAsync(generation, progress, cancellationToken);

        var byKind = snapshot.Entities.GroupBy(e => e.Kind.Info().Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var byType = RelationTypes.All.Select(t => (t.Name, Count: snapshot.OfType(t.Type).Count)).Where(t => t.Count > 0).ToList();
        await WriteAsync(CypherStatements.BeginGeneration, cancellationToken,
            ("generation", generation),
            ("version", snapshot.Version),
            ("createdAt", snapshot.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("retainSeconds", (long)settings.EffectiveRetention.TotalSeconds),
            ("format", Format),
            ("kindNames", byKind.Select(g => g.Key).ToArray()),
            ("kindCounts", byKind.Select(g => g.Count()).ToArray()),
            ("typeNames", byType.Select(t => t.Name).ToArray()),
            ("typeCounts", byType.Select(t => t.Count).ToArray()));
        LogStarted(logger, snapshot.Version, generation);

        string? previous;
        string? legacy;
        try
        {
            await WriteBatchesAsync(generation, snapshot, progress, cancellationToken);
            await VerifyAsync(generation, snapshot, cancellationToken);
            progress?.Report(new SeedProgress("verified", snapshot.Entities.Count + snapshot.AllRelations.Count, snapshot.Entities.Count + snapshot.AllRelations.Count));

            var switched = await WriteAsync(CypherStatements.SwitchGeneration, cancellationToken,
                ("generation", generation),
                ("bookmarks", client.Bookmarks.ToArray()));
            if (switched.Rows is not [var row])
            {
                throw new Neo4jQueryException(Neo4jQueryException.SeedMismatch, $"generation {generation} was no longer being written at the switch (deleted by another seed?); nothing was switched");
            }

            previous = row.GetString("previous");
            legacy = previous is null ? row.GetString("previousVersion") : null;
        }
        catch (Exception e) when (e is Neo4jQueryException or OperationCanceledException)
        {
            // Even if the switch's answer was lost after it committed, this cannot delete the served
            // generation: MarkDeleting never touches the current one.
            LogAbandoned(logger, snapshot.Version, generation, e.Message);
            await DeleteQuietlyAsync(generation);
            throw;
        }

        var total = snapshot.Entities.Count + snapshot.AllRelations.Count;
        progress?.Report(new SeedProgress("committed", total, total));
        LogSeeded(logger, snapshot.Version, generation, snapshot.Entities.Count, snapshot.AllRelations.Count, previous ?? "none");

        // The seed has succeeded; a cleanup that fails now is left for the next seed.
        try
        {
            if (legacy is not null)
            {
                LogLegacy(logger, legacy);
                await DeleteBatchesAsync(CypherStatements.DeleteLegacyBatch, null, cancellationToken);
            }

            await CleanUpAsync(generation, progress, cancellationToken);
        }
        catch (Neo4jQueryException e)
        {
            LogCleanupDeferred(logger, e.Message);
        }
    }

    /// <summary>Unique per seed, readable in logs: the corpus version's start, then the time and a random part.</summary>
    private string NewGenerationId(string version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version[..Math.Min(12, version.Length)]}-{time.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    private async Task WriteBatchesAsync(string generation, GraphSnapshot snapshot, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.Value.SeedBatchSize);
        var entities = snapshot.Entities;
        for (var done = 0; done < entities.Count;)
        {
            var rows = entities.Skip(done).Take(batchSize).Select(EntityRows.Row).ToArray();
            await WriteBatchAsync(CypherStatements.WriteEntities, generation, rows, "entities", cancellationToken);
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
                await WriteBatchAsync(CypherStatements.WriteRelations(type.Type), generation, rows, type.Name, cancellationToken);
                done += rows.Length;
                written += rows.Length;
                progress?.Report(new SeedProgress("relations", written, relationCount));
            }
        }
    }

    /// <summary>A batch must write every row: a relation whose endpoint is missing would otherwise vanish silently.</summary>
    private async Task WriteBatchAsync(string statement, string generation, Dictionary<string, object?>[] rows, string what, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(statement, cancellationToken, ("generation", generation), ("rows", rows));
        var written = result.Rows is [var row] ? row.GetInt32("written") : -1;
        if (written != rows.Length)
        {
            throw new Neo4jQueryException(Neo4jQueryException.SeedMismatch, $"a batch of {rows.Length} {what} wrote {written}; nothing was switched");
        }
    }

    /// <summary>Counts what the generation holds and compares it with the snapshot, per kind and per relation type.</summary>
    private async Task VerifyAsync(string generation, GraphSnapshot snapshot, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["generation"] = generation };
        var kinds = await client.RunAsync(new CypherQuery(CypherStatements.CountGenerationEntities, parameters), AccessMode.Read, cancellationToken);
        var types = await client.RunAsync(new CypherQuery(CypherStatements.CountGenerationRelations, parameters), AccessMode.Read, cancellationToken);
        static string Counts(IEnumerable<(string? Name, int Count)> counts) =>
            string.Join(", ", counts.Select(c => $"{c.Name} {c.Count}").Order(StringComparer.Ordinal));
        var found = $"entities [{Counts(kinds.Rows.Select(r => (r.GetString("kind"), r.GetInt32("count"))))}], "
            + $"relations [{Counts(types.Rows.Select(r => (r.GetString("type"), r.GetInt32("count"))))}]";
        var expected = $"entities [{Counts(snapshot.Entities.GroupBy(e => e.Kind.Info().Name).Select(g => ((string?)g.Key, g.Count())))}], "
            + $"relations [{Counts(RelationTypes.All.Where(t => snapshot.OfType(t.Type).Count > 0).Select(t => ((string?)t.Name, snapshot.OfType(t.Type).Count)))}]";
        if (found != expected)
        {
            throw new Neo4jQueryException(
                Neo4jQueryException.SeedMismatch,
                $"generation {generation} holds {found}; expected {expected}; nothing was switched");
        }
    }

    /// <summary>Deletes every generation whose time is up: superseded beyond its retention, abandoned, or half-deleted.</summary>
    private async Task CleanUpAsync(string own, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var expired = await client.RunAsync(
            new CypherQuery(CypherStatements.ExpiredGenerations, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["generation"] = own,
                ["abandonedAfterSeconds"] = (long)options.Value.AbandonedSeedAfter.TotalSeconds,
            }),
            AccessMode.Write,
            cancellationToken);
        var done = 0;
        foreach (var row in expired.Rows)
        {
            var id = row.GetRequiredString("id");
            LogDeleting(logger, id, row.GetString("version") ?? "?", row.GetString("state") ?? "?");
            await DeleteGenerationAsync(id, cancellationToken);
            progress?.Report(new SeedProgress("cleanup", ++done, expired.Rows.Count));
        }
    }

    private async Task DeleteGenerationAsync(string generation, CancellationToken cancellationToken)
    {
        var marked = await WriteAsync(CypherStatements.MarkDeleting, cancellationToken, ("generation", generation));
        if (marked.Rows.Count == 0)
        {
            return;
        }

        await DeleteBatchesAsync(CypherStatements.DeleteGenerationBatch, generation, cancellationToken);
        await WriteAsync(CypherStatements.DeleteGenerationRecord, cancellationToken, ("generation", generation));
    }

    private async Task DeleteBatchesAsync(string statement, string? generation, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.Value.SeedBatchSize);
        int deleted;
        do
        {
            var result = generation is null
                ? await WriteAsync(statement, cancellationToken, ("batchSize", batchSize))
                : await WriteAsync(statement, cancellationToken, ("generation", generation), ("batchSize", batchSize));
            deleted = result.Rows is [var row] ? row.GetInt32("deleted") : 0;
        }
        while (deleted >= batchSize);
    }

    /// <summary>After a failure: what this seed wrote goes (best effort, bounded); otherwise the next seed removes it.</summary>
    private async Task DeleteQuietlyAsync(string generation)
    {
        using var budget = new CancellationTokenSource(options.Value.RequestTimeout * 4);
        try
        {
            await DeleteGenerationAsync(generation, budget.Token);
        }
        catch (Exception e) when (e is Neo4jQueryException or OperationCanceledException)
        {
            LogCleanupDeferred(logger, e.Message);
        }
    }

    private Task<QueryResult> WriteAsync(string statement, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        client.RunAsync(
            new CypherQuery(statement, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)),
            AccessMode.Write,
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j: writing graph {Version} as generation {Generation}")]
    private static partial void LogStarted(ILogger logger, string version, string generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j seeded with graph {Version} (generation {Generation}): {EntityCount} entities, {RelationCount} relations; previous generation {Previous} kept for its retention")]
    private static partial void LogSeeded(ILogger logger, string version, string generation, int entityCount, int relationCount, string previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding graph {Version} (generation {Generation}) abandoned; nothing was switched and the previous graph keeps serving: {Problem}")]
    private static partial void LogAbandoned(ILogger logger, string version, string generation, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j: deleting generation {Generation} (graph {Version}, {State})")]
    private static partial void LogDeleting(ILogger logger, string generation, string version, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j: deleting the graph {Version} written before generations existed")]
    private static partial void LogLegacy(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j cleanup left for the next seed: {Problem}")]
    private static partial void LogCleanupDeferred(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j:GenerationRetention {Configured} is shorter than a request can take; {Minimum} is used")]
    private static partial void LogRetentionRaised(ILogger logger, TimeSpan configured, TimeSpan minimum);
}
