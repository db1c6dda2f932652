using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Resolvers read an in-memory snapshot directly and batch through loaders otherwise (Neo4j): both paths must give
/// the same answers. One host reads the snapshot directly; the other goes through a counting wrapper (not a
/// snapshot view), so it takes the batched path. Cache off on both: every request executes.
/// </summary>
public sealed class SnapshotPathTests
{
    private const string Linked = """
        query($key: String!) {
          entity(key: $key) {
            key kind name { zh en }
            ... on Agreement { parties { key ... on Economy { agreements { key } } } implementedBy { key } amends { key } amendedBy { key } }
            ... on Policy { issuers { key } appliesTo { key kind } implements { key } implementedBy { key } usedBy { key } }
            ... on Organization { members { key } agreements { key parties { key } } issued { key } }
            ... on Economy { agreements { key parties { key } } memberships { key } applications { key } }
            ... on Province { serviceExportBases { key city { key } } cases { key } cities { key } zones { key } policies { key } }
            ... on City { province { key } serviceExportBases { key } cases { key } zones { key } policies { key } }
            ... on Zone { province { key } city { key } parent { key } areas { key } cases { key province { key } } policies { key } }
            ... on ServiceExportBase { province { key } city { key } cases { key bases { key } } policies { key } }
            ... on Case { province { key } city { key } bases { key } zones { key } policies { key } implements { key } partners { key kind } }
            relations(first: 7) { totalCount pageInfo { hasNextPage endCursor } edges { cursor type direction node { key kind } } }
            incoming: relations(direction: INCOMING, kinds: [POLICY, CASE], first: 3) { totalCount edges { node { key } } }
          }
        }
        """;

    [Fact]
    public async Task Every_entity_answers_the_same_read_directly_or_batched()
    {
        var seed = Path.Combine(RepositoryRoot.Path, "graph-seed");
        var off = new Dictionary<string, string> { ["GraphQL:ResponseCache:Enabled"] = "false" };
        await using var batched = new GraphApiFactory(seed, settings: off);
        await using var direct = new SnapshotStoreFactory(seed, off);
        var keys = (await direct.QueryAsync("{ entities(first: 100) { totalCount } }"))["entities"]!["totalCount"]!.GetValue<int>();
        var all = new List<string>();
        string? after = null;
        do
        {
            var page = (await direct.QueryAsync("query($after: String) { entities(first: 100, after: $after) { nodes { key } pageInfo { hasNextPage endCursor } } }", new { after }))["entities"]!;
            all.AddRange(page["nodes"]!.AsArray().Select(n => (string)n!["key"]!));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);
        Assert.Equal(keys, all.Count);

        foreach (var key in all)
        {
            await AssertSame(batched, direct, Linked, new { key });
        }

        // Node IDs, name matches and key checks of walks take the direct path too; and a missing key reports the same error.
        var ids = (await direct.QueryAsync("{ entities(first: 30) { nodes { id } } }"))["entities"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        await AssertSame(batched, direct, "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }", new { ids });
        await AssertSame(batched, direct, "query($id: ID!) { node(id: $id) { id } }", new { id = ids[3] });
        await AssertSame(batched, direct, """{ resolve(names: ["海南", "DEPA", "zhejaing"]) { matches { key entity { key name { en } } } suggestions { key entity { key } } } }""", null);
        await AssertSame(batched, direct, """{ paths(from: "provinces/hainan", to: "agreements/depa", first: 5) { length nodes { key } steps { from to relations { type direction } } } }""", null);
        await AssertSame(batched, direct, """{ a: entity(key: "agreements/nope") { key } b: indicator(key: "agreements/depa") { key } }""", null);
    }

    private static async Task AssertSame(GraphApiFactory batched, GraphApiFactory direct, string query, object? variables)
    {
        var (statusA, a) = await batched.PostAsync(query, variables);
        var (statusB, b) = await direct.PostAsync(query, variables);
        Assert.Equal(statusA, statusB);
        foreach (var error in new[] { a, b }.SelectMany(body => body["errors"]?.AsArray() ?? []))
        {
            // Each request has its own id; everything else must be equal.
            error!["extensions"]?.AsObject().Remove("requestId");
        }

        Assert.True(JsonNode.DeepEquals(a, b), $"{System.Text.Json.JsonSerializer.Serialize(variables)}:\nbatched {a.ToJsonString()}\ndirect  {b.ToJsonString()}");
    }
}
