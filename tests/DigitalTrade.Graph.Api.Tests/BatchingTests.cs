namespace DigitalTrade.Graph.Api.Tests;

/// <summary>Resolvers batch through the store: store calls grow with the query's depth, not with the number of entities.</summary>
public sealed class BatchingTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    private const string ThreeLevels = """
        query($n: Int!) {
          entities(kinds: [ECONOMY], first: $n) {
            nodes {
              key
              relations(first: 50) { edges { node { key name { en } } } }
              ... on Economy { agreements { key parties { key } } }
            }
          }
        }
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Linked_entities_cost_the_same_calls_for_one_economy_or_five(int n)
    {
        api.Store.Reset();

        var data = await api.QueryAsync(ThreeLevels, new { n });

        Assert.Equal(n, data["entities"]!["nodes"]!.AsArray().Count);
        // Level 1: one list call. Level 2: one relations call for every connection, and one
        // relations + entities pair for every `agreements` list. Level 3: one entities call for
        // every edge node, and one relations + entities pair for every `parties` list.
        Assert.Equal((3, 3, 7), (api.Store.EntityCalls, api.Store.RelationCalls, api.Store.TotalCalls));
    }

    [Fact]
    public async Task Every_entity_in_a_list_is_fetched_in_one_call()
    {
        api.Store.Reset();

        var (_, body) = await api.PostAsync("""{ a: entity(key: "economies/china") { key } b: entity(key: "economies/chile") { key } c: entity(key: "agreements/depa") { key } d: entity(key: "nowhere/x") { key } }""");

        // The unknown key answers null with a NOT_FOUND error; finding suggestions for it is no entity call.
        Assert.Equal((1, 0), (api.Store.EntityCalls, api.Store.RelationCalls));
        Assert.Equal("NOT_FOUND", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(["d"], body["errors"]![0]!["path"]!.AsArray().Select(p => (string?)p));
    }
}
