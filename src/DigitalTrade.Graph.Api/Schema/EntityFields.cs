using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Utilities;
using static DigitalTrade.Graph.Api.Schema.GraphSchemaFactory;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>The fields of the entity types: facets as enums, typed links with their connections, tables, figures.</summary>
internal static class EntityFields
{
    public static void Configure(SchemaBuilder builder)
    {
        foreach (var kind in EntityKinds.All)
        {
            ConfigureEntityType(builder.Types.For(kind.TypeName), kind);
        }

        foreach (var link in LinkFields.All)
        {
            var type = builder.Types.For(link.TypeName);
            if (link.InPlace)
            {
                ResolveValue(type, link.FieldName, ctx => ListInPlaceAsync(ctx, link));
            }
            else
            {
                Resolve(type, link.FieldName, ctx => ResolveLink(ctx, link));
            }

            if (!link.Single)
            {
                ResolveAsync(type, link.FieldName + "Connection", async ctx =>
                {
                    var conditions = Arguments.EntityFilter(ctx.GetArgument<Dictionary<string, object?>?>("filter"), Kinds(ctx, "kinds"));
                    var filter = conditions is null ? null : link.From(Entity(ctx).Key, conditions);
                    return await QueryFields.ListAsync(ctx, filter, EntityOrder.Key, checkKeys: false).ConfigureAwait(false);
                });
            }
        }

        var figure = builder.Types.For("Figure");
        Resolve(figure, "number", ctx => PrintedNumber.Parse(((Figure)ctx.Source!).Value));
        Resolve(figure, "figureQualifier", ctx => ((Figure)ctx.Source!).Qualifier is { } qualifier ? FacetNames.EnumValue(qualifier) : null);
        ProvenanceFields.Configure(builder);
    }

    private static void ConfigureEntityType(TypeConfig type, EntityKindInfo kind)
    {
        type.IsTypeOfFunc = source => source is Entity entity && entity.Kind == kind.Kind;
        Resolve(type, "id", ctx => GlobalId.Encode(kind.TypeName, Entity(ctx).Key));
        ResolveFromSource<Entity>(type, "key", e => e.Key);
        ResolveFromSource<Entity>(type, "kind", e => e.Kind.Info().EnumValue);
        ResolveFromSource<Entity>(type, "name", e => e.Name);
        Resolve(type, "relations", ResolveRelations);
        LanguageFields.ConfigureEntity(type);
        foreach (var facet in Vocabulary.FacetsOf(kind.Kind))
        {
            Resolve(type, FacetNames.Field(facet), ctx => facet.ValueOf(Entity(ctx)) is { } value ? FacetNames.EnumValue(value) : null);
            if (facet.Field == "type")
            {
                Resolve(type, "type", ctx => Entity(ctx).Category);
            }
        }

        switch (kind.Kind)
        {
            case EntityKind.Agreement:
                Resolve(type, "signed", ctx => Entity(ctx).DateOf("signed"));
                Resolve(type, "inForce", ctx => Entity(ctx).DateOf("in_force"));
                Resolve(type, "concluded", ctx => Entity(ctx).DateOf("concluded"));
                break;
            case EntityKind.Policy:
                Resolve(type, "issued", ctx => Entity(ctx).DateOf("issued"));
                break;
            case EntityKind.Event:
                Resolve(type, "start", ctx => Entity(ctx).DateOf("start"));
                Resolve(type, "end", ctx => Entity(ctx).DateOf("end"));
                break;
            case EntityKind.Indicator:
                Resolve(type, "table", ctx => Table(ctx).Table);
                Resolve(type, "unit", ctx => Table(ctx).Unit);
                Resolve(type, "dataSource", ctx => Table(ctx).DataSource);
                Resolve(type, "notes", ctx => Table(ctx).Notes);
                Resolve(type, "series", ctx => Table(ctx).Series);
                ResolveAsync(type, "observations", async ctx => await ObservationsAsync(ctx).ConfigureAwait(false));
                break;
        }
    }

    private static object? ResolveLink(IResolveFieldContext ctx, LinkField link)
    {
        var context = GraphRequestContext.From(ctx);
        if (context.Snapshot is { } snapshot)
        {
            var list = snapshot.Linked(Entity(ctx).Key, link.Filter, link.Single ? 1 : LinkField.Page.First);
            return link.Single ? (list.Count > 0 ? list[0] : null) : list;
        }

        var linked = context.Links(link).Load(Entity(ctx).Key);
        return link.Single ? linked.Select(list => list.Count > 0 ? list[0] : null) : linked;
    }

    /// <summary>A province's cases, policies, …: what the <c>province</c> filter finds of the link's kind, bounded like every link list.</summary>
    private static ValueTask<object?> ListInPlaceAsync(IResolveFieldContext ctx, LinkField link)
    {
        var filter = link.From(Entity(ctx).Key, new EntityFilter())!;
        if (GraphRequestContext.From(ctx).Snapshot is { } snapshot)
        {
            return new ValueTask<object?>(Nodes(snapshot.List(filter, EntityOrder.Key, LinkField.Page)));
        }

        return ListAsync(View(ctx), filter, ctx.CancellationToken);

        static async ValueTask<object?> ListAsync(IGraphView view, EntityFilter filter, CancellationToken cancellationToken) =>
            Nodes(await view.ListEntitiesAsync(filter, EntityOrder.Key, LinkField.Page, cancellationToken).ConfigureAwait(false));

        static IReadOnlyList<Entity> Nodes(Page<Entity> page) => [.. page.Items.Select(i => i.Node)];
    }

    private static async Task<IEnumerable<ObservationView>> ObservationsAsync(IResolveFieldContext ctx)
    {
        var table = Table(ctx);
        var series = ctx.GetArgument<string?>("series");
        var economy = ctx.GetArgument<string?>("economy");
        var from = ctx.GetArgument<int?>("from") ?? int.MinValue;
        var to = ctx.GetArgument<int?>("to") ?? int.MaxValue;
        if (series is not null && !table.Series.Any(s => s.Id == series))
        {
            var ids = table.Series.Select(s => s.Id).ToList();
            throw new GraphQueryException("INVALID_ARGUMENT",
                $"'series': {table.Table} has no series '{Arguments.Shorten(series)}'{KeySuggestions.Hint(series, ids)}; its series are {string.Join(", ", ids)}.");
        }

        if (economy is not null)
        {
            await KeyArguments.RequireAsync(ctx, new KeyArgument("economy", economy, EntityKind.Economy)).ConfigureAwait(false);
        }

        var units = table.Series.ToDictionary(s => s.Id, s => s.Unit, StringComparer.Ordinal);
        var column = table.Series.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return table.Observations
            .Where(o => (series is null || o.Series == series) && (economy is null || o.Economy == economy)
                && Periods.StartYear(o.Period) >= from && Periods.StartYear(o.Period) <= to)
            .OrderBy(o => o.Economy, StringComparer.Ordinal)
            .ThenBy(o => column[o.Series])
            .ThenBy(o => o.Period, StringComparer.Ordinal)
            .Select(o => new ObservationView(o.Series, o.Period, o.Economy, o.Value, PrintedNumber.Parse(o.Value), units[o.Series]));
    }

    private static IndicatorTable Table(IResolveFieldContext ctx) =>
        Entity(ctx).Indicator ?? throw new InvalidOperationException($"Indicator '{Entity(ctx).Key}' has no table.");
}
