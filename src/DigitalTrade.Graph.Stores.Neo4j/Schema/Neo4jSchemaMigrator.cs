using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Schema;

/// <summary>
/// Brings the database's indexes and constraints to <see cref="SchemaDefinitions.Wanted"/>: reads what exists,
/// drops retired names, creates what is missing, and drops and recreates in one explicit transaction what differs
/// (so a failed create leaves the old definition in place). Then it checks the result and waits, polling, until
/// every index is online: no request ever waits on the server longer than the client's timeout.
/// </summary>
public sealed partial class Neo4jSchemaMigrator(Neo4jQueryClient client, IOptions<Neo4jOptions> options, TimeProvider time, ILogger<Neo4jSchemaMigrator> logger)
{
    public async Task<IReadOnlyList<SchemaAction>> EnsureAsync(IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = SchemaDefinitions.Plan(await ReadAsync(cancellationToken));
        foreach (var action in plan)
        {
            switch (action)
            {
                case SchemaAction.Drop drop:
                    LogChange(logger, "dropping", drop.Existing.ToString(), drop.Reason);
                    await client.RunAsync(Drop(drop.Existing.Name, drop.Existing.IsConstraint), AccessMode.Write, cancellationToken);
                    break;
                case SchemaAction.Create create:
                    LogChange(logger, "creating", create.Wanted.ToString(), create.Reason);
                    await client.RunAsync(new CypherQuery(create.Wanted.CreateStatement), AccessMode.Write, cancellationToken);
                    break;
                case SchemaAction.Recreate recreate:
                    LogChange(logger, "recreating", $"{recreate.Existing} as {recreate.Wanted}", recreate.Reason);
                    await using (var transaction = await client.BeginAsync(cancellationToken))
                    {
                        await transaction.RunAsync(Drop(recreate.Existing.Name, recreate.Existing.IsConstraint), cancellationToken);
                        await transaction.RunAsync(new CypherQuery(recreate.Wanted.CreateStatement), cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }

                    break;
            }
        }

        progress?.Report(new SeedProgress("schema", plan.Count, plan.Count));
        await VerifyAsync(cancellationToken);
        await WaitOnlineAsync(progress, cancellationToken);
        return plan;
    }

    private static CypherQuery Drop(string name, bool constraint) => new(
        constraint ? CypherStatements.DropConstraint : CypherStatements.DropIndex,
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name });

    private async Task<List<ExistingSchemaObject>> ReadAsync(CancellationToken cancellationToken)
    {
        var constraints = await client.RunAsync(new CypherQuery(CypherStatements.ShowConstraints), AccessMode.Read, cancellationToken);
        var indexes = await client.RunAsync(new CypherQuery(CypherStatements.ShowIndexes), AccessMode.Read, cancellationToken);
        return [.. constraints.Rows.Select(ExistingSchemaObject.Constraint), .. indexes.Rows.Select(ExistingSchemaObject.Index)];
    }

    /// <summary>
    /// <c>IF NOT EXISTS</c> also does nothing when another object covers the same schema under another name; then
    /// the name we query by would be missing. Say so rather than fail later at the first search.
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(cancellationToken);
        foreach (var wanted in SchemaDefinitions.Wanted)
        {
            var found = existing.FirstOrDefault(e => e.Name == wanted.Name && (e.IsConstraint || e.OwningConstraint is null));
            var problem = found is null ? "it is missing" : SchemaDefinitions.Difference(wanted, found);
            if (problem is null)
            {
                continue;
            }

            var blocking = existing.Where(e => e.Name != wanted.Name && e.Labels.Contains(wanted.Label)
                && e.Properties.Order(StringComparer.Ordinal).SequenceEqual(wanted.Properties.Order(StringComparer.Ordinal), StringComparer.Ordinal));
            throw new Neo4jQueryException(
                Neo4jQueryException.SchemaProblem,
                $"{wanted.Name} could not be made {wanted}: {problem}"
                    + string.Concat(blocking.Select(b => $"; {b} covers the same properties and blocks it (drop it and seed again)")));
        }
    }

    private async Task WaitOnlineAsync(IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var names = SchemaDefinitions.Wanted.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var deadline = time.GetUtcNow() + options.Value.IndexWaitTimeout;
        while (true)
        {
            var indexes = (await client.RunAsync(new CypherQuery(CypherStatements.ShowIndexes), AccessMode.Read, cancellationToken)).Rows
                .Select(ExistingSchemaObject.Index)
                .Where(i => names.Contains(i.Name))
                .ToList();
            if (indexes.FirstOrDefault(i => i.State == "FAILED") is { } failed)
            {
                throw new Neo4jQueryException(
                    Neo4jQueryException.SchemaProblem,
                    $"index {failed.Name} FAILED to populate (SHOW INDEXES YIELD name, failureMessage tells why); drop it and seed again");
            }

            var waiting = indexes.Where(i => i.State != "ONLINE").ToList();
            progress?.Report(new SeedProgress("indexes", indexes.Count - waiting.Count, indexes.Count));
            if (waiting.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new Neo4jQueryException(
                    Neo4jQueryException.SchemaProblem,
                    $"indexes still populating after {options.Value.IndexWaitTimeout.TotalMinutes:0.#} min ("
                        + string.Join(", ", waiting.Select(i => $"{i.Name} {i.State} {i.PopulationPercent:0.#}%"))
                        + "); nothing was switched: seed again to go on waiting, or raise Neo4j:IndexWaitTimeout");
            }

            await Task.Delay(options.Value.IndexPollInterval, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j schema: {Action} {What} ({Reason})")]
    private static partial void LogChange(ILogger logger, string action, string what, string reason);
}
