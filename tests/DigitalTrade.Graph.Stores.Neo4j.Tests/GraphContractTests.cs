using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>
/// GraphQL-level expectations every store must meet: the answers the model gives on the shipped corpus,
/// asked through the real host. Run against the embedded store always and against Neo4j when NEO4J_URI is set.
/// </summary>
public abstract class GraphContractTests<TStore>(TStore store)
    where TStore : IContractStore
{
    private static GraphSnapshot Graph => ShippedCorpus.Snapshot;

    private static IEnumerable<string?> Keys(JsonNode? list, string path = "key") =>
        list!.AsArray().Select(n => path.Split('.').Aggregate(n, (node, part) => node?[part])?.GetValue<string>());

    [Fact]
    public async Task Serves_the_version_it_was_given_and_entities_by_key()
    {
        var body = await store.Host().PostAsync("""{ entity(key: "agreements/depa") { key kind name { zh en } } }""");

        var depa = Graph.Find("agreements/depa")!;
        Assert.Equal(Graph.Version, body["extensions"]!["snapshotVersion"]!.GetValue<string>());
        Assert.Equal(depa.Name.Zh, body["data"]!["entity"]!["name"]!["zh"]!.GetValue<string>());
        Assert.Equal(depa.Name.En, body["data"]!["entity"]!["name"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_through_relations_in_the_models_order()
    {
        const string key = "provinces/zhejiang";
        var expected = Graph.EdgesOf(key).Select(e => e.OtherKey + " " + e.Relation.Type.Info().Name).ToList();
        var seen = new List<string>();
        string? after = null;
        int? total = null;
        do
        {
            var cursor = after is null ? string.Empty : $", after: \"{after}\"";
            var body = await store.Host().PostAsync($$"""{ entity(key: "{{key}}") { relations(first: 7{{cursor}}) { totalCount pageInfo { hasNextPage endCursor } edges { type node { key } } } } }""");
            var relations = body["data"]!["entity"]!["relations"]!;
            total ??= relations["totalCount"]!.GetValue<int>();
            seen.AddRange(relations["edges"]!.AsArray().Select(e => e!["node"]!["key"]!.GetValue<string>() + " " + e["type"]!.GetValue<string>()));
            after = relations["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? relations["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Filters_and_orders_entities_as_the_model_does()
    {
        var body = await store.Host().PostAsync("""
            { entities(kinds: [POLICY], filter: { province: "provinces/hainan", dateField: "issued", dateFrom: "2024" }, orderBy: DATE_DESC, first: 50) {
                totalCount nodes { key } } }
            """);

        var filter = new EntityFilter(new HashSet<EntityKind> { EntityKind.Policy }) { Province = "provinces/hainan", DateField = "issued", DateFrom = new PartialDate(2024, null, null) };
        var expected = Graph.List(filter, EntityOrder.DateDescending, new PageRequest(50, null));
        Assert.Equal(expected.TotalCount, body["data"]!["entities"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(expected.Items.Select(i => i.Node.Key), Keys(body["data"]!["entities"]!["nodes"]));
    }

    [Fact]
    public async Task Walks_a_neighborhood_nearest_first_and_cuts_it_at_the_limit()
    {
        var body = await store.Host().PostAsync("""{ neighborhood(key: "agreements/depa", depth: 2, limit: 60) { truncated nodes { key } edges { from to type } } }""");

        var expected = Graph.NeighborhoodOf(new NeighborhoodQuery("agreements/depa", 2, Limit: 60))!;
        var neighborhood = body["data"]!["neighborhood"]!;
        Assert.Equal(expected.Truncated, neighborhood["truncated"]!.GetValue<bool>());
        Assert.Equal(expected.Nodes.Select(n => n.Key), Keys(neighborhood["nodes"]));
        Assert.Equal(
            expected.Edges.Select(e => $"{e.From} {e.Type.Info().Name} {e.To}").Order(StringComparer.Ordinal),
            neighborhood["edges"]!.AsArray().Select(e => $"{e!["from"]} {e["type"]} {e["to"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Finds_the_same_shortest_paths()
    {
        var body = await store.Host().PostAsync("""{ paths(from: "cases/hainan-data-processing-trade", to: "agreements/depa", maxHops: 4, first: 3) { length nodes { key } } }""");

        var expected = Graph.Paths(new PathQuery("cases/hainan-data-processing-trade", "agreements/depa", 4, First: 3));
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Select(p => string.Join(" > ", p.Nodes.Select(n => n.Key))),
            body["data"]!["paths"]!.AsArray().Select(p => string.Join(" > ", Keys(p!["nodes"]))));
    }

    [Fact]
    public async Task Serves_each_narrative_language_alone_and_both_together()
    {
        var depa = Graph.Find("agreements/depa")!;

        var body = await store.Host().PostAsync("""{ entity(key: "agreements/depa") { both: narrative { markdown } zh: narrative(lang: ZH) { markdown } en: narrative(lang: EN) { html } } }""");

        var entity = body["data"]!["entity"]!;
        Assert.Equal(depa.Narrative.Markdown, entity["both"]!["markdown"]!.GetValue<string>());
        Assert.Equal(depa.Narrative.Zh!.Markdown, entity["zh"]!["markdown"]!.GetValue<string>());
        Assert.Equal(depa.Narrative.En!.Html, entity["en"]!["html"]!.GetValue<string>());
        Assert.NotEqual(depa.Narrative.Markdown, depa.Narrative.Zh.Markdown);
    }

    [Fact]
    public async Task Search_puts_an_exact_Chinese_name_first()
    {
        var depa = Graph.Find("agreements/depa")!;

        var body = await store.Host().PostAsync($$"""{ search(query: "{{depa.Name.Zh}}", first: 3) { totalCount edges { node { key } highlights { field snippet } } } }""");

        var search = body["data"]!["search"]!;
        Assert.True(search["totalCount"]!.GetValue<int>() >= 1);
        Assert.Equal("agreements/depa", search["edges"]![0]!["node"]!["key"]!.GetValue<string>());
        Assert.Contains(search["edges"]![0]!["highlights"]!.AsArray(), h => h!["snippet"]!.GetValue<string>().Contains("<em>", StringComparison.Ordinal));
    }
}

public sealed class EmbeddedGraphContractTests(EmbeddedContractStore store)
    : GraphContractTests<EmbeddedContractStore>(store), IClassFixture<EmbeddedContractStore>;

public sealed class Neo4jGraphContractTests(Neo4jContractStore store)
    : GraphContractTests<Neo4jContractStore>(store), IClassFixture<Neo4jContractStore>;
