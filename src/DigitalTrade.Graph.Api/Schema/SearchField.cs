using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>The search connection as the schema serves it: a page of hits, matches per kind, suggestions when nothing matched.</summary>
internal sealed record SearchConnection(IReadOnlyList<object> Edges, PageInfo PageInfo, int TotalCount, IReadOnlyList<KindCount> Facets, IReadOnlyList<SearchSuggestion> Suggestions);

/// <summary>The `search` field's types: SearchConnection, SearchHit and SearchSuggestion.</summary>
internal static class SearchField
{
    public static SearchConnection Connection(SearchResults results)
    {
        var page = Schema.Connection.From(results.Hits);
        var facets = results.Facets.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Select(f => new KindCount(f.Key.Info().EnumValue, f.Value)).ToList();
        return new SearchConnection(page.Edges, page.PageInfo, page.TotalCount, facets, results.Suggestions);
    }

    public static void Configure(SchemaBuilder builder)
    {
        var hit = builder.Types.For("SearchHit");
        static SearchHit Hit(IResolveFieldContext ctx) => ((PageItem<SearchHit>)ctx.Source!).Node;
        Resolve(hit, "cursor", ctx => ((PageItem<SearchHit>)ctx.Source!).Cursor);
        Resolve(hit, "score", ctx => (double)Hit(ctx).Score);
        Resolve(hit, "node", ctx => Hit(ctx).Entity);
        Resolve(hit, "highlights", ctx => Hit(ctx).Highlights);

        Resolve(builder.Types.For("SearchSuggestion"), "node", ctx => ((SearchSuggestion)ctx.Source!).Entity);
    }

    private static void Resolve(TypeConfig type, string field, Func<IResolveFieldContext, object?> resolve) =>
        type.FieldFor(field).Resolver = new FuncFieldResolver<object>(resolve);
}
