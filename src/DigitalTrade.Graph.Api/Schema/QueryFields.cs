using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Utilities;
using static DigitalTrade.Graph.Api.Schema.GraphSchemaFactory;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>The root fields that take keys and names: entity lookups, filtered lists, graph walks and name resolution.</summary>
internal static class QueryFields
{
    /// <summary>How many names one <c>resolve</c> takes: enough for a form or a pasted list, bounded for the edit-distance work.</summary>
    public const int MaxNames = 50;

    public static void Configure(TypeConfig query)
    {
        Resolve(query, "entity", ctx => LoadReported(ctx, new KeyArgument("key", ctx.GetArgument<string>("key"))));
        Resolve(query, "indicator", ctx => LoadReported(ctx, new KeyArgument("key", ctx.GetArgument<string>("key"), EntityKind.Indicator)));
        ResolveAsync(query, "entities", async ctx =>
        {
            var filter = Arguments.EntityFilter(ctx.GetArgument<Dictionary<string, object?>?>("filter"), Kinds(ctx, "kinds"));
            var order = Arguments.Order(ctx.GetArgument<string?>("orderBy"));
            return await ListAsync(ctx, filter, order).ConfigureAwait(false);
        });
        ResolveAsync(query, "indicators", async ctx =>
        {
            var economy = ctx.GetArgument<string?>("economy");
            if (economy is not null)
            {
                await KeyArguments.RequireAsync(ctx, new KeyArgument("economy", economy, EntityKind.Economy)).ConfigureAwait(false);
            }

            var filter = new EntityFilter(new HashSet<EntityKind> { EntityKind.Indicator }) { ObservedEconomy = economy };
            return Connection.From(await View(ctx).ListEntitiesAsync(filter, EntityOrder.Key, Page(ctx), ctx.CancellationToken).ConfigureAwait(false));
        });
        ResolveAsync(query, "neighborhood", async ctx =>
        {
            var key = ctx.GetArgument<string>("key");
            var request = new NeighborhoodQuery(
                key,
                Arguments.InRange(ctx.GetArgument<int?>("depth") ?? 1, 1, NeighborhoodQuery.MaxDepth, "depth"),
                Arguments.Direction(ctx.GetArgument<string?>("direction")),
                RelationTypeSet(ctx, "relationTypes"),
                Kinds(ctx, "kinds"),
                Arguments.InRange(ctx.GetArgument<int?>("limit") ?? 100, 1, NeighborhoodQuery.MaxLimit, "limit"));
            return await View(ctx).GetNeighborhoodAsync(request, ctx.CancellationToken).ConfigureAwait(false)
                ?? throw await KeyArguments.NotFoundAsync(View(ctx), new KeyArgument("key", key), ctx.CancellationToken).ConfigureAwait(false);
        });
        ResolveAsync(query, "paths", async ctx =>
        {
            var from = ctx.GetArgument<string>("from");
            var to = ctx.GetArgument<string>("to");
            var request = new PathQuery(
                from,
                to,
                Arguments.InRange(ctx.GetArgument<int?>("maxHops") ?? 4, 1, PathQuery.HopLimit, "maxHops"),
                RelationTypeSet(ctx, "relationTypes"),
                Kinds(ctx, "throughKinds"),
                Arguments.InRange(ctx.GetArgument<int?>("first") ?? 3, 1, PathQuery.MaxPaths, "first"))
            {
                ExcludeTypes = RelationTypeSet(ctx, "excludeRelationTypes"),
                IncludeMentions = ctx.GetArgument<bool?>("includeMentions") ?? true,
            };
            await KeyArguments.RequireAsync(ctx, new KeyArgument("from", from), new KeyArgument("to", to)).ConfigureAwait(false);
            return await View(ctx).FindPathsAsync(request, ctx.CancellationToken).ConfigureAwait(false);
        });
        ResolveAsync(query, "resolve", async ctx =>
        {
            var names = ctx.GetArgument<List<string>>("names");
            if (names.Count > MaxNames)
            {
                throw new GraphQueryException("INVALID_ARGUMENT", $"'names' takes at most {MaxNames} names, got {names.Count}.");
            }

            return await View(ctx).ResolveNamesAsync(names, Kinds(ctx, "kinds"), ctx.CancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// A page of entities for a filter, after checking (unless <paramref name="checkKeys"/> is false) that the keys it
    /// names exist; an empty page when the filter's conditions contradict each other (<paramref name="filter"/> null).
    /// </summary>
    public static async Task<Connection> ListAsync(IResolveFieldContext ctx, EntityFilter? filter, EntityOrder order, bool checkKeys = true)
    {
        var page = Page(ctx);
        if (filter is null)
        {
            return Connection.From(Model.Page<Entity>.Empty);
        }

        if (checkKeys)
        {
            await RequireKeysAsync(ctx, filter).ConfigureAwait(false);
        }

        return Connection.From(await View(ctx).ListEntitiesAsync(filter, order, page, ctx.CancellationToken).ConfigureAwait(false));
    }

    private static async Task RequireKeysAsync(IResolveFieldContext ctx, EntityFilter filter)
    {
        var keys = new List<KeyArgument>();
        if (filter.Province is { } province)
        {
            keys.Add(new KeyArgument("province", province, EntityKind.Province));
        }

        if (filter.RelatedTo is { } related)
        {
            keys.Add(new KeyArgument("relatedTo.key", related.Key));
        }

        await KeyArguments.RequireAsync(ctx, [.. keys]).ConfigureAwait(false);
    }

    private static object? LoadReported(IResolveFieldContext ctx, KeyArgument key)
    {
        var context = GraphRequestContext.From(ctx);
        if (context.Snapshot?.Find(key.Key) is { } found && KeyArguments.Names(found, key))
        {
            return found;
        }

        // Missing (or a store without a snapshot): through the loader, which reports the error with suggestions.
        return context.Entities.Load(key.Key).SelectAsync(KeyArguments.ReportMissing(ctx, key));
    }
}
