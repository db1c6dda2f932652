using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Listing by province or by a related entity starts from the province's members or the entity's edges instead of
/// every entity of the kinds; the answer must be what the definition gives, computed here the slow way over every
/// entity of the shipped corpus: each province with several kind sets, and related-to over hubs and samples with
/// every direction and some relation types.
/// </summary>
public sealed class EntityListingTests
{
    private static readonly Lazy<GraphSnapshot> Shipped = new(() => CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!);

    private static readonly IReadOnlySet<EntityKind>?[] KindSets =
    [
        null,
        new HashSet<EntityKind> { EntityKind.Case },
        new HashSet<EntityKind> { EntityKind.City, EntityKind.Zone },
        new HashSet<EntityKind> { EntityKind.Policy, EntityKind.Organization, EntityKind.Event },
    ];

    [Fact]
    public void A_province_lists_exactly_its_members_of_the_kinds()
    {
        var graph = Shipped.Value;
        var compared = 0;
        foreach (var province in graph.OfKind(EntityKind.Province))
        {
            foreach (var kinds in KindSets)
            {
                var expected = Slow(graph, kinds, e => graph.InProvince(province.Key).Contains(e.Key));
                Assert.Equal(expected, AllPages(graph, new EntityFilter(kinds) { Province = province.Key }));
                compared += expected.Count;
            }
        }

        Assert.True(compared > 200, $"only {compared} listed entities compared");
    }

    [Fact]
    public void Related_to_lists_exactly_the_entities_with_such_an_edge()
    {
        var graph = Shipped.Value;
        var keys = graph.Entities.OrderByDescending(e => graph.EdgesOf(e.Key).Count).Take(15).Select(e => e.Key)
            .Concat(graph.Entities.Where((_, i) => i % 23 == 0).Select(e => e.Key))
            .Append("economies/no-such-economy")
            .ToList();
        RelationType?[] types = [null, RelationType.PartyTo, RelationType.LocatedIn, RelationType.Mentions];
        var compared = 0;
        foreach (var key in keys)
        {
            foreach (var direction in new[] { RelationDirection.Both, RelationDirection.Incoming, RelationDirection.Outgoing })
            {
                foreach (var type in types)
                {
                    foreach (var kinds in KindSets)
                    {
                        var related = new RelatedTo(key, type, direction);
                        var expected = Slow(graph, kinds, e => graph.EdgesOf(e.Key).Any(edge => edge.OtherKey == key
                            && (type is null || edge.Relation.Type == type)
                            && (direction == RelationDirection.Both || edge.Direction == direction)));
                        Assert.Equal(expected, AllPages(graph, new EntityFilter(kinds) { RelatedTo = related }));
                        compared += expected.Count;
                    }
                }
            }
        }

        Assert.True(compared > 1000, $"only {compared} listed entities compared");
    }

    [Fact]
    public void A_province_and_a_related_entity_together_list_what_both_allow()
    {
        var graph = Shipped.Value;
        foreach (var province in graph.OfKind(EntityKind.Province).Take(8))
        {
            var related = new RelatedTo("economies/china");
            var expected = Slow(graph, null, e => graph.InProvince(province.Key).Contains(e.Key) && graph.EdgesOf(e.Key).Any(edge => edge.OtherKey == "economies/china"));
            Assert.Equal(expected, AllPages(graph, new EntityFilter { Province = province.Key, RelatedTo = related }));
        }
    }

    private static List<string> Slow(GraphSnapshot graph, IReadOnlySet<EntityKind>? kinds, Func<Entity, bool> holds) =>
        [.. graph.Entities.Where(e => (kinds is null || kinds.Contains(e.Kind)) && holds(e)).Select(e => e.Key).Order(StringComparer.Ordinal)];

    private static List<string> AllPages(GraphSnapshot graph, EntityFilter filter)
    {
        var keys = new List<string>();
        string? after = null;
        while (true)
        {
            var page = graph.List(filter, EntityOrder.Key, new PageRequest(PageRequest.MaxPageSize, after));
            keys.AddRange(page.Items.Select(i => i.Node.Key));
            if (!page.HasNextPage)
            {
                return keys;
            }

            after = page.Items[^1].Cursor;
        }
    }
}
