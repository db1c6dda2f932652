using System.Globalization;
using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>
/// Builds the served schema from schema.graphql (embedded from the repository root, the single
/// source of the contract) and attaches resolvers. Fields whose names match a model property
/// use GraphQL.NET's default resolver; everything else is wired here.
/// </summary>
public static class GraphSchemaFactory
{
    /// <summary>The contract exactly as written in schema.graphql.</summary>
    public static string Sdl { get; } = ReadEmbeddedSdl();

    public static ISchema Create()
    {
        var schema = GraphQL.Types.Schema.For(Sdl, Configure);
        IntrospectionCompatibility.Enable(schema);
        schema.Initialize();
        return schema;
    }

    private static string ReadEmbeddedSdl()
    {
        using var stream = typeof(GraphSchemaFactory).Assembly.GetManifestResourceStream("schema.graphql")
            ?? throw new InvalidOperationException("schema.graphql is not embedded in the API assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Configure(SchemaBuilder builder)
    {
        ConfigureQuery(builder.Types.For("Query"));
        foreach (var kind in EntityKinds.All)
        {
            ConfigureEntityType(builder.Types.For(kind.TypeName), kind);
        }

        foreach (var link in LinkFields.All)
        {
            Resolve(builder.Types.For(link.TypeName), link.FieldName, ctx => ResolveLink(ctx, link));
        }

        var edge = builder.Types.For("RelationEdge");
        Resolve(edge, "cursor", ctx => Edge(ctx).Cursor);
        Resolve(edge, "type", ctx => Edge(ctx).Node.Relation.Type.Info().Name);
        Resolve(edge, "direction", ctx => Edge(ctx).Node.Direction == RelationDirection.Outgoing ? "OUTGOING" : "INCOMING");
        Resolve(edge, "node", ctx => GraphRequestContext.From(ctx).Entities.Load(Edge(ctx).Node.OtherKey));
        Resolve(edge, "date", ctx => Edge(ctx).Node.Relation.Properties.Date);
        Resolve(edge, "role", ctx => Edge(ctx).Node.Relation.Properties.Role);
        Resolve(edge, "note", ctx => Edge(ctx).Node.Relation.Properties.Note);
        Resolve(edge, "source", ctx => Edge(ctx).Node.Relation.Properties.Source);
        Resolve(edge, "fromNarrative", ctx => Edge(ctx).Node.Relation.Properties.Origin == RelationOrigin.BodyLink);

        var date = builder.Types.For("PartialDate");
        Resolve(date, "text", ctx => ((PartialDate)ctx.Source!).ToString());
        Resolve(date, "precision", ctx => ((PartialDate)ctx.Source!).Precision);

        ConfigureCorpus(builder);
        ConfigureGraphViews(builder);
    }

    private static void ConfigureGraphViews(SchemaBuilder builder)
    {
        var neighborhood = builder.Types.For("Neighborhood");
        Resolve(neighborhood, "center", ctx => ((Neighborhood)ctx.Source!).Nodes[0]);

        var edge = builder.Types.For("GraphEdge");
        Resolve(edge, "type", ctx => ((Relation)ctx.Source!).Type.Info().Name);
        Resolve(edge, "fromNarrative", ctx => ((Relation)ctx.Source!).Properties.Origin == RelationOrigin.BodyLink);

        var hit = builder.Types.For("SearchHit");
        static SearchHit Hit(IResolveFieldContext ctx) => ((PageItem<SearchHit>)ctx.Source!).Node;
        Resolve(hit, "cursor", ctx => ((PageItem<SearchHit>)ctx.Source!).Cursor);
        Resolve(hit, "score", ctx => (double)Hit(ctx).Score);
        Resolve(hit, "node", ctx => Hit(ctx).Entity);
        Resolve(hit, "highlights", ctx => Hit(ctx).Highlights);
    }

    private static void ConfigureQuery(TypeConfig query)
    {
        Resolve(query, "entity", ctx => GraphRequestContext.From(ctx).Entities.Load(ctx.GetArgument<string>("key")));
        Resolve(query, "node", ctx => LoadNode(ctx, ctx.GetArgument<string>("id")));
        Resolve(query, "nodes", ctx => DataLoaderResults.All([.. ctx.GetArgument<List<string>>("ids").Select(id => LoadNode(ctx, id))]));
        ResolveAsync(query, "entities", async ctx =>
        {
            var filter = Arguments.EntityFilter(ctx.GetArgument<Dictionary<string, object?>?>("filter"), Kinds(ctx, "kinds"));
            var order = Arguments.Order(ctx.GetArgument<string?>("orderBy"));
            var page = Page(ctx);
            return Connection.From(await View(ctx).ListEntitiesAsync(filter, order, page, ctx.CancellationToken).ConfigureAwait(false));
        });
        ResolveAsync(query, "indicators", async ctx =>
        {
            var filter = new EntityFilter(new HashSet<EntityKind> { EntityKind.Indicator }) { ObservedEconomy = ctx.GetArgument<string?>("economy") };
            return Connection.From(await View(ctx).ListEntitiesAsync(filter, EntityOrder.Key, Page(ctx), ctx.CancellationToken).ConfigureAwait(false));
        });
        Resolve(query, "indicator", ctx => GraphRequestContext.From(ctx).Entities.Load(ctx.GetArgument<string>("key")).Select(e => e?.Kind == EntityKind.Indicator ? e : null));
        ResolveAsync(query, "neighborhood", async ctx =>
        {
            var request = new NeighborhoodQuery(
                ctx.GetArgument<string>("key"),
                Arguments.InRange(ctx.GetArgument<int?>("depth") ?? 1, 1, NeighborhoodQuery.MaxDepth, "depth"),
                Arguments.Direction(ctx.GetArgument<string?>("direction")),
                Names(ctx, "relationTypes")?.Select(n => RelationTypes.FromName(n)!.Type).ToHashSet(),
                Kinds(ctx, "kinds"),
                Arguments.InRange(ctx.GetArgument<int?>("limit") ?? 100, 1, NeighborhoodQuery.MaxLimit, "limit"));
            return await View(ctx).GetNeighborhoodAsync(request, ctx.CancellationToken).ConfigureAwait(false);
        });
        ResolveAsync(query, "paths", async ctx =>
        {
            var request = new PathQuery(
                ctx.GetArgument<string>("from"),
                ctx.GetArgument<string>("to"),
                Arguments.InRange(ctx.GetArgument<int?>("maxHops") ?? 4, 1, PathQuery.HopLimit, "maxHops"),
                Names(ctx, "relationTypes")?.Select(n => RelationTypes.FromName(n)!.Type).ToHashSet(),
                Kinds(ctx, "throughKinds"),
                Arguments.InRange(ctx.GetArgument<int?>("first") ?? 3, 1, PathQuery.MaxPaths, "first"));
            return await View(ctx).FindPathsAsync(request, ctx.CancellationToken).ConfigureAwait(false);
        });
        ResolveAsync(query, "search", async ctx =>
        {
            var request = new SearchQuery(ctx.GetArgument<string>("query"), Kinds(ctx, "kinds"));
            return Connection.From(await View(ctx).SearchAsync(request, Page(ctx), ctx.CancellationToken).ConfigureAwait(false));
        });
        ResolveAsync(query, "corpus", async ctx => await GraphRequestContext.From(ctx).View.GetStatisticsAsync(ctx.CancellationToken).ConfigureAwait(false));
    }

    private static void ConfigureEntityType(TypeConfig type, EntityKindInfo kind)
    {
        type.IsTypeOfFunc = source => source is Entity entity && entity.Kind == kind.Kind;
        Resolve(type, "id", ctx => GlobalId.Encode(kind.TypeName, Entity(ctx).Key));
        Resolve(type, "kind", ctx => Entity(ctx).Kind.Info().EnumValue);
        Resolve(type, "relations", ResolveRelations);
        switch (kind.Kind)
        {
            case EntityKind.Agreement:
                Resolve(type, "type", ctx => Entity(ctx).Category);
                Resolve(type, "signed", ctx => Entity(ctx).DateOf("signed"));
                Resolve(type, "inForce", ctx => Entity(ctx).DateOf("in_force"));
                Resolve(type, "concluded", ctx => Entity(ctx).DateOf("concluded"));
                break;
            case EntityKind.Policy:
                Resolve(type, "type", ctx => Entity(ctx).Category);
                Resolve(type, "issued", ctx => Entity(ctx).DateOf("issued"));
                break;
            case EntityKind.Organization or EntityKind.Economy or EntityKind.Province or EntityKind.Zone:
                Resolve(type, "type", ctx => Entity(ctx).Category);
                break;
            case EntityKind.Indicator:
                Resolve(type, "table", ctx => Table(ctx).Table);
                Resolve(type, "unit", ctx => Table(ctx).Unit);
                Resolve(type, "dataSource", ctx => Table(ctx).DataSource);
                Resolve(type, "notes", ctx => Table(ctx).Notes);
                Resolve(type, "series", ctx => Table(ctx).Series);
                Resolve(type, "observations", ResolveObservations);
                break;
        }
    }

    private static void ConfigureCorpus(SchemaBuilder builder)
    {
        var corpus = builder.Types.For("Corpus");
        static GraphStatistics Stats(IResolveFieldContext ctx) => (GraphStatistics)ctx.Source!;
        Resolve(corpus, "createdAt", ctx => Stats(ctx).CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        Resolve(corpus, "kinds", ctx => Stats(ctx).EntitiesByKind.Select(p => new KindCount(p.Key.Info().EnumValue, p.Value)));
        Resolve(corpus, "relationTypes", ctx => Stats(ctx).RelationsByType.Select(p => new RelationTypeCount(p.Key.Info().Name, p.Value)));
        Resolve(corpus, "lastLoad", ctx => ctx.RequestServices?.GetService(typeof(ICorpusLoadReporter)) is ICorpusLoadReporter reporter ? reporter.LastLoad : null);

        var load = builder.Types.For("CorpusLoad");
        Resolve(load, "attemptedAt", ctx => ((CorpusLoad)ctx.Source!).AttemptedAt.ToString("O", CultureInfo.InvariantCulture));
        Resolve(load, "diagnostics", ctx =>
        {
            var severity = ctx.GetArgument<string?>("severity");
            return ((CorpusLoad)ctx.Source!).Issues.Where(i => severity is null || i.IsError == (severity == "ERROR"));
        });
        Resolve(builder.Types.For("Diagnostic"), "severity", ctx => ((CorpusIssue)ctx.Source!).IsError ? "ERROR" : "WARNING");
    }

    private static IDataLoaderResult<Entity?> LoadNode(IResolveFieldContext ctx, string id)
    {
        if (!GlobalId.TryDecode(id, out var typeName, out var key) || EntityKinds.FromTypeName(typeName) is not { } kind)
        {
            throw new GraphQueryException("INVALID_ID", $"'{id}' is not a valid node ID.");
        }

        return GraphRequestContext.From(ctx).Entities.Load(key).Select(e => e?.Kind == kind.Kind ? e : null);
    }

    private static IDataLoaderResult<Connection> ResolveRelations(IResolveFieldContext ctx)
    {
        var types = Names(ctx, "types")?.Select(n => RelationTypes.FromName(n)!.Type).ToHashSet();
        var direction = Arguments.Direction(ctx.GetArgument<string?>("direction"));
        var kinds = Kinds(ctx, "kinds");
        var page = Page(ctx);
        var filter = new RelationFilter(types, direction, kinds);
        var signature = string.Join('|', string.Join(',', (types ?? []).Order()), direction, string.Join(',', (kinds ?? []).Order()), page.First, page.After);
        return GraphRequestContext.From(ctx).Relations(filter, page, signature).Load(Entity(ctx).Key).Select(Connection.From);
    }

    private static object ResolveLink(IResolveFieldContext ctx, LinkField link)
    {
        var linked = GraphRequestContext.From(ctx).Links(link).Load(Entity(ctx).Key);
        return link.Single ? linked.Select(list => list.Count > 0 ? list[0] : null) : linked;
    }

    private static IEnumerable<ObservationView> ResolveObservations(IResolveFieldContext ctx)
    {
        var table = Table(ctx);
        var series = ctx.GetArgument<string?>("series");
        var economy = ctx.GetArgument<string?>("economy");
        var from = ctx.GetArgument<int?>("from") ?? int.MinValue;
        var to = ctx.GetArgument<int?>("to") ?? int.MaxValue;
        var units = table.Series.ToDictionary(s => s.Id, s => s.Unit, StringComparer.Ordinal);
        var column = table.Series.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return table.Observations
            .Where(o => (series is null || o.Series == series) && (economy is null || o.Economy == economy)
                && Periods.StartYear(o.Period) >= from && Periods.StartYear(o.Period) <= to)
            .OrderBy(o => o.Economy, StringComparer.Ordinal)
            .ThenBy(o => column[o.Series])
            .ThenBy(o => o.Period, StringComparer.Ordinal)
            .Select(o => new ObservationView(o.Series, o.Period, o.Economy, o.Value, units[o.Series]));
    }

    private static IGraphView View(IResolveFieldContext ctx) => GraphRequestContext.From(ctx).View;

    private static PageRequest Page(IResolveFieldContext ctx) =>
        PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), GraphRequestContext.From(ctx).MaxPageSize);

    private static List<string>? Names(IResolveFieldContext ctx, string argument) =>
        ctx.Arguments?.TryGetValue(argument, out var value) == true && value.Value is IEnumerable<object> items
            ? [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)!)]
            : null;

    private static HashSet<EntityKind>? Kinds(IResolveFieldContext ctx, string argument) =>
        Names(ctx, argument)?.Select(n => EntityKinds.FromEnumValue(n)!.Kind).ToHashSet();

    private static Entity Entity(IResolveFieldContext ctx) => (Entity)ctx.Source!;

    private static IndicatorTable Table(IResolveFieldContext ctx) =>
        Entity(ctx).Indicator ?? throw new InvalidOperationException($"Indicator '{Entity(ctx).Key}' has no table.");

    private static PageItem<RelationEdge> Edge(IResolveFieldContext ctx) => (PageItem<RelationEdge>)ctx.Source!;

    private static void Resolve(TypeConfig type, string field, Func<IResolveFieldContext, object?> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(resolve);

    private static void ResolveAsync(TypeConfig type, string field, Func<IResolveFieldContext, Task<object?>> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(ctx => new ValueTask<object?>(resolve(ctx)));
}
