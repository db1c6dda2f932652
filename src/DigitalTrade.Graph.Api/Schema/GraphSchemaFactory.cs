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
        // Introspection as current clients ask for it; it also lets deprecated arguments and input fields (the free-text facet filters) say so.
        IntrospectionCompatibility.Enable(schema);
        schema.Initialize();
        ResolveEntityTypesByKind(schema);
        return schema;
    }

    /// <summary>
    /// An entity names its own object type by its kind. Without this GraphQL.NET asks each of the eleven entity types'
    /// IsTypeOf in turn, three times for every entity answered through the Entity or Node interface.
    /// </summary>
    private static void ResolveEntityTypesByKind(ISchema schema)
    {
        var byKind = new IObjectGraphType?[EntityKinds.All.Max(k => (int)k.Kind) + 1];
        foreach (var kind in EntityKinds.All)
        {
            byKind[(int)kind.Kind] = (IObjectGraphType)schema.AllTypes[kind.TypeName]!;
        }

        foreach (var name in new[] { "Node", "Entity" })
        {
            ((IAbstractGraphType)schema.AllTypes[name]!).ResolveType = value => value is Entity entity ? byKind[(int)entity.Kind] : null;
        }
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
        EntityFields.Configure(builder);

        var edge = builder.Types.For("RelationEdge");
        Resolve(edge, "cursor", ctx => Edge(ctx).Cursor);
        ResolveFromSource<PageItem<RelationEdge>>(edge, "type", e => e.Node.Relation.Type.Info().Name);
        ResolveFromSource<PageItem<RelationEdge>>(edge, "direction", e => e.Node.Direction == RelationDirection.Outgoing ? "OUTGOING" : "INCOMING");
        Resolve(edge, "node", ctx => GraphRequestContext.From(ctx).Entity(Edge(ctx).Node.OtherKey));
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
        PathFields.Configure(builder);
    }

    private static void ConfigureGraphViews(SchemaBuilder builder)
    {
        var neighborhood = builder.Types.For("Neighborhood");
        Resolve(neighborhood, "center", ctx => ((Neighborhood)ctx.Source!).Nodes[0]);

        ResolveFromSource<Neighborhood>(neighborhood, "truncated", n => n.Truncated);

        var edge = builder.Types.For("GraphEdge");
        ResolveFromSource<Relation>(edge, "from", r => r.From);
        ResolveFromSource<Relation>(edge, "to", r => r.To);
        ResolveFromSource<Relation>(edge, "type", r => r.Type.Info().Name);
        ResolveFromSource<Relation>(edge, "fromNarrative", r => r.Properties.Origin == RelationOrigin.BodyLink);

        var text = builder.Types.For("LocalizedText");
        ResolveFromSource<LocalizedText>(text, "zh", t => t.Zh);
        ResolveFromSource<LocalizedText>(text, "en", t => t.En);

        SearchField.Configure(builder);
    }

    private static void ConfigureQuery(TypeConfig query)
    {
        QueryFields.Configure(query);
        Resolve(query, "node", ctx => GraphRequestContext.From(ctx).Snapshot is { } snapshot
            ? NodeIn(snapshot, ctx.GetArgument<string>("id"))
            : LoadNode(ctx, ctx.GetArgument<string>("id")));
        Resolve(query, "nodes", ctx =>
        {
            var ids = ctx.GetArgument<List<string>>("ids");
            return GraphRequestContext.From(ctx).Snapshot is { } snapshot
                ? ids.Select(id => NodeIn(snapshot, id)).ToList()
                : DataLoaderResults.All([.. ids.Select(id => LoadNode(ctx, id))]);
        });
        ResolveAsync(query, "search", async ctx =>
        {
            var request = new SearchQuery(ctx.GetArgument<string>("query"), Kinds(ctx, "kinds"));
            return SearchField.Connection(await View(ctx).SearchAsync(request, Page(ctx), ctx.CancellationToken).ConfigureAwait(false));
        });
        ResolveAsync(query, "corpus", async ctx => await GraphRequestContext.From(ctx).View.GetStatisticsAsync(ctx.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>The solution's version and commit (every assembly of the solution carries the same, from Directory.Build.props); also part of every request hash.</summary>
    internal static readonly string ServerVersion =
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(GraphSchemaFactory).Assembly)?.InformationalVersion ?? "unknown";

    private static void ConfigureCorpus(SchemaBuilder builder)
    {
        var corpus = builder.Types.For("Corpus");
        static GraphStatistics Stats(IResolveFieldContext ctx) => (GraphStatistics)ctx.Source!;
        // A reload of unchanged files publishes the same version with a new build time: not a function of the version.
        Resolve(corpus, "createdAt", ctx => Volatile(ctx, Stats(ctx).CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        Resolve(corpus, "kinds", ctx => Stats(ctx).EntitiesByKind.Select(p => new KindCount(p.Key.Info().EnumValue, p.Value)));
        Resolve(corpus, "relationTypes", ctx => Stats(ctx).RelationsByType.Select(p => new RelationTypeCount(p.Key.Info().Name, p.Value)));
        // The last load may have been rejected while the version stayed: not a function of the version either.
        Resolve(corpus, "lastLoad", ctx => Volatile(ctx, ctx.RequestServices?.GetService(typeof(ICorpusLoadReporter)) is ICorpusLoadReporter reporter ? reporter.LastLoad : null));
        Resolve(corpus, "serverVersion", _ => ServerVersion);

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
        var (key, kind) = DecodeNode(id);
        return GraphRequestContext.From(ctx).Entities.Load(key).Select(e => e?.Kind == kind ? e : null);
    }

    private static Entity? NodeIn(GraphSnapshot snapshot, string id)
    {
        var (key, kind) = DecodeNode(id);
        return snapshot.Find(key) is { } entity && entity.Kind == kind ? entity : null;
    }

    private static (string Key, EntityKind Kind) DecodeNode(string id) =>
        GlobalId.TryDecode(id, out var typeName, out var key) && EntityKinds.FromTypeName(typeName) is { } kind
            ? (key, kind.Kind)
            : throw new GraphQueryException("INVALID_ID", $"'{id}' is not a valid node ID.");

    /// <summary>Marks the request's answer as not a function of (version, request), then returns <paramref name="value"/>.</summary>
    private static object? Volatile(IResolveFieldContext ctx, object? value)
    {
        GraphRequestContext.From(ctx).Volatile = true;
        return value;
    }

    internal static object ResolveRelations(IResolveFieldContext ctx)
    {
        var types = RelationTypeSet(ctx, "types");
        var direction = Arguments.Direction(ctx.GetArgument<string?>("direction"));
        var kinds = Kinds(ctx, "kinds");
        var page = Page(ctx);
        var filter = new RelationFilter(types, direction, kinds);
        if (GraphRequestContext.From(ctx).Snapshot is { } snapshot)
        {
            return Connection.From(snapshot.RelationsOf(Entity(ctx).Key, filter, page));
        }

        var signature = string.Join('|', string.Join(',', (types ?? []).Order()), direction, string.Join(',', (kinds ?? []).Order()), page.First, page.After);
        return GraphRequestContext.From(ctx).Relations(filter, page, signature).Load(Entity(ctx).Key).Select(Connection.From);
    }

    internal static IGraphView View(IResolveFieldContext ctx) => GraphRequestContext.From(ctx).View;

    internal static PageRequest Page(IResolveFieldContext ctx) =>
        PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), GraphRequestContext.From(ctx).MaxPageSize);

    internal static HashSet<RelationType>? RelationTypeSet(IResolveFieldContext ctx, string argument) =>
        Names(ctx, argument)?.Select(n => RelationTypes.FromName(n)!.Type).ToHashSet();

    internal static List<string>? Names(IResolveFieldContext ctx, string argument) =>
        ctx.Arguments?.TryGetValue(argument, out var value) == true && value.Value is IEnumerable<object> items
            ? [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)!)]
            : null;

    internal static HashSet<EntityKind>? Kinds(IResolveFieldContext ctx, string argument) =>
        Names(ctx, argument)?.Select(n => EntityKinds.FromEnumValue(n)!.Kind).ToHashSet();

    internal static Entity Entity(IResolveFieldContext ctx) => (Entity)ctx.Source!;

    private static PageItem<RelationEdge> Edge(IResolveFieldContext ctx) => (PageItem<RelationEdge>)ctx.Source!;

    internal static void Resolve(TypeConfig type, string field, Func<IResolveFieldContext, object?> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(resolve);

    /// <summary>A field read from its parent object alone (see <see cref="SourceResolver{TSource}"/>).</summary>
    internal static void ResolveFromSource<TSource>(TypeConfig type, string field, Func<TSource, object?> read) =>
        type.FieldFor(field).Resolver = new SourceResolver<TSource>(read);

    internal static void ResolveAsync(TypeConfig type, string field, Func<IResolveFieldContext, Task<object?>> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(ctx => new ValueTask<object?>(resolve(ctx)));

    /// <summary>A resolver that usually answers at once (a snapshot read) and awaits only when it has to (a store round trip).</summary>
    internal static void ResolveValue(TypeConfig type, string field, Func<IResolveFieldContext, ValueTask<object?>> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(resolve);
}
