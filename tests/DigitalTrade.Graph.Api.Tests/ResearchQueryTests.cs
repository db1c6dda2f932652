using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The researcher's queries on the small test corpus, where every answer can be counted by hand.</summary>
public sealed class ResearchQueryTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    [Fact]
    public async Task A_neighborhood_grows_with_depth_and_says_when_the_limit_cut_it()
    {
        var data = await api.QueryAsync("""
            {
              one: neighborhood(key: "cities/hangzhou") { truncated center { key } nodes { key } edges { from to type } }
              two: neighborhood(key: "cities/hangzhou", depth: 2) { truncated nodes { key } }
              cut: neighborhood(key: "cities/hangzhou", depth: 2, limit: 3) { truncated nodes { key } }
              typed: neighborhood(key: "agreements/depa", relationTypes: [APPLIED_TO]) { nodes { key } edges { type } }
              kinds: neighborhood(key: "provinces/zhejiang", kinds: [SERVICE_EXPORT_BASE]) { nodes { key } }
            }
            """);

        var one = data["one"]!;
        Assert.Equal("cities/hangzhou", (string?)one["center"]!["key"]);
        Assert.Equal(["cities/hangzhou", "provinces/zhejiang", "bases/hangzhou-binjiang-iot-park", "cases/binjiang-ip"], Keys(one["nodes"]));
        Assert.False((bool)one["truncated"]!);
        Assert.Contains(one["edges"]!.AsArray(), e => (string?)e!["from"] == "cities/hangzhou" && (string?)e["to"] == "provinces/zhejiang" && (string?)e["type"] == "LOCATED_IN");
        Assert.True(Keys(data["two"]!["nodes"]).Count > 4);
        Assert.Equal(3, Keys(data["cut"]!["nodes"]).Count);
        Assert.True((bool)data["cut"]!["truncated"]!);
        Assert.Equal(["agreements/depa", "economies/china"], Keys(data["typed"]!["nodes"]));
        Assert.All(data["typed"]!["edges"]!.AsArray(), e => Assert.Equal("APPLIED_TO", (string?)e!["type"]));
        Assert.Equal(["provinces/zhejiang", "bases/hangzhou-binjiang-iot-park"], Keys(data["kinds"]!["nodes"]));
    }

    [Fact]
    public async Task Paths_are_shortest_first_with_typed_directed_edges_joining_their_nodes()
    {
        var data = await api.QueryAsync("""
            {
              paths(from: "bases/zhongguancun-software-park", to: "agreements/depa", maxHops: 5, first: 3) {
                length nodes { key } edges { from to type }
              }
              short: paths(from: "bases/zhongguancun-software-park", to: "agreements/depa", maxHops: 2) { length }
              through: paths(from: "cities/hangzhou", to: "agreements/depa", throughKinds: [CASE], first: 5) { nodes { key } }
            }
            """);

        var paths = data["paths"]!.AsArray();
        Assert.NotEmpty(paths);
        var lengths = paths.Select(p => (int)p!["length"]!).ToList();
        Assert.Equal(lengths.Order(), lengths);
        foreach (var path in paths)
        {
            var nodes = Keys(path!["nodes"]);
            var edges = path["edges"]!.AsArray();
            Assert.Equal(nodes.Count - 1, edges.Count);
            Assert.Equal(nodes.Count, nodes.Distinct().Count());
            for (var i = 0; i < edges.Count; i++)
            {
                var ends = new[] { (string?)edges[i]!["from"], (string?)edges[i]!["to"] };
                Assert.Contains(nodes[i], ends);
                Assert.Contains(nodes[i + 1], ends);
            }
        }

        // zhongguancun → beijing → china → (APPLIED_TO) depa is the only route: 3 hops.
        Assert.Equal(3, lengths[0]);
        Assert.Empty(data["short"]!.AsArray());
        Assert.All(data["through"]!.AsArray(), p => Assert.Equal("cases/binjiang-ip", Keys(p!["nodes"])[1]));
    }

    [Theory]
    [InlineData("{ neighborhood(key: \"agreements/depa\", depth: 4) { truncated } }", 422, "LIMIT_EXCEEDED")]
    [InlineData("{ neighborhood(key: \"agreements/depa\", limit: 501) { truncated } }", 422, "LIMIT_EXCEEDED")]
    [InlineData("{ paths(from: \"agreements/depa\", to: \"agreements/rcep\", maxHops: 7) { length } }", 422, "LIMIT_EXCEEDED")]
    [InlineData("{ paths(from: \"agreements/depa\", to: \"agreements/rcep\", first: 21) { length } }", 422, "LIMIT_EXCEEDED")]
    [InlineData("{ entities(first: 101) { totalCount } }", 422, "LIMIT_EXCEEDED")]
    [InlineData("{ neighborhood(key: \"agreements/depa\", limit: 0) { truncated } }", 200, "INVALID_ARGUMENT")]
    [InlineData("{ entities(filter: { dateFrom: \"2024-13\" }) { totalCount } }", 200, "INVALID_ARGUMENT")]
    public async Task Bounds_are_enforced_before_execution_and_bad_values_during_it(string query, int status, string code)
    {
        var (actual, body) = await api.PostAsync(query);

        Assert.Equal(status, actual);
        Assert.Equal(code, (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_bound_passed_in_a_variable_is_checked_before_execution_too()
    {
        var (status, body) = await api.PostAsync("query($d: Int) { neighborhood(key: \"agreements/depa\", depth: $d) { truncated } }", new { d = 5 });

        Assert.Equal(422, status);
        Assert.Equal(("neighborhood depth", 5L, 3L), ((string?)body["errors"]![0]!["extensions"]!["limit"], (long)body["errors"]![0]!["extensions"]!["value"]!, (long)body["errors"]![0]!["extensions"]!["maximum"]!));
    }

    [Fact]
    public async Task Entities_filter_by_status_dates_province_and_relation_and_order_by_date()
    {
        var data = await api.QueryAsync("""
            {
              inForce: entities(kinds: [AGREEMENT], filter: { status: ["in_force"] }) { totalCount }
              signed2020: entities(filter: { dateField: "signed", dateFrom: "2020", dateTo: "2020-12" }) { nodes { key } }
              in2024: entities(filter: { dateFrom: "2024-03-01", dateTo: "2024-03-31" }) { nodes { key } }
              zhejiang: entities(filter: { province: "provinces/zhejiang" }) { nodes { key } }
              depaParties: entities(filter: { relatedTo: { key: "agreements/depa", type: PARTY_TO, direction: OUTGOING } }) { totalCount }
              text: entities(filter: { text: "binjiang protection" }) { nodes { key } }
              dated: entities(kinds: [AGREEMENT, POLICY], orderBy: DATE_DESC) { nodes { key } }
              byName: entities(kinds: [ECONOMY], orderBy: NAME_EN, first: 2) { nodes { name { en } } pageInfo { endCursor } }
            }
            """);

        Assert.Equal(2, (int)data["inForce"]!["totalCount"]!);
        Assert.Equal(["agreements/depa"], Keys(data["signed2020"]!["nodes"]));
        Assert.Equal(["policies/data-flow-provisions"], Keys(data["in2024"]!["nodes"]));
        Assert.Equal(["bases/hangzhou-binjiang-iot-park", "cases/binjiang-ip", "cities/hangzhou"], Keys(data["zhejiang"]!["nodes"]).Order(StringComparer.Ordinal));
        Assert.Equal(4, (int)data["depaParties"]!["totalCount"]!);
        Assert.Equal(["cases/binjiang-ip"], Keys(data["text"]!["nodes"]));
        Assert.Equal(["policies/data-flow-provisions", "agreements/rcep", "agreements/depa"], Keys(data["dated"]!["nodes"]));
        Assert.Equal(["Chile", "China"], data["byName"]!["nodes"]!.AsArray().Select(n => (string?)n!["name"]!["en"]));

        var next = await api.QueryAsync("query($after: String) { entities(kinds: [ECONOMY], orderBy: NAME_EN, first: 2, after: $after) { nodes { name { en } } } }",
            new { after = (string?)data["byName"]!["pageInfo"]!["endCursor"] });
        Assert.Equal(["New Zealand", "Singapore"], next["entities"]!["nodes"]!.AsArray().Select(n => (string?)n!["name"]!["en"]));
    }

    [Fact]
    public async Task Indicator_series_are_one_query_with_exact_values()
    {
        var data = await api.QueryAsync("""
            {
              indicator(key: "indicators/table-06") { table series { id } observations(series: "exports", economy: "economies/china", from: 2024, to: 2024) { period value unit } }
              forChina: indicators(economy: "economies/china") { totalCount nodes { key } }
              forNobody: indicators(economy: "economies/chile") { totalCount }
            }
            """);

        var exports = data["indicator"]!["observations"]!.AsArray();
        Assert.Equal(("2024", "2327.1", "亿美元"), ((string?)exports[0]!["period"], (string?)exports[0]!["value"], (string?)exports[0]!["unit"]));
        Assert.Single(exports);
        Assert.Equal(["indicators/table-06"], Keys(data["forChina"]!["nodes"]));
        Assert.Equal(0, (int)data["forNobody"]!["totalCount"]!);
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];
}
