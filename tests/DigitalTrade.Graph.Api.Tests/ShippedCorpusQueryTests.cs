using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>What a researcher expects from the real graph: search ranks, connecting paths, time series.</summary>
public sealed class ShippedCorpusQueryTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [Theory]
    [InlineData("数据跨境", "policies/cross-border-data-flow-provisions")]
    [InlineData("DEPA", "agreements/depa")]
    [InlineData("海南", "provinces/hainan")]
    [InlineData("digital economy partnership", "agreements/depa")]
    [InlineData("中关村", "bases/zhongguancun-software-park")]
    public async Task Search_puts_what_a_researcher_expects_first(string query, string expected)
    {
        var data = await api.QueryAsync("query($q: String!) { search(query: $q, first: 5) { totalCount edges { score node { key } highlights { field snippet } } } }", new { q = query });

        var hits = data["search"]!["edges"]!.AsArray();
        Assert.Equal(expected, (string?)hits[0]!["node"]!["key"]);
        Assert.Contains("<em>", (string?)hits[0]!["highlights"]![0]!["snippet"], StringComparison.Ordinal);
        Assert.True((double)hits[0]!["score"]! >= (double)hits[^1]!["score"]!);
    }

    [Fact]
    public async Task Searching_for_the_data_export_negative_list_finds_the_negative_lists()
    {
        var data = await api.QueryAsync("{ search(query: \"data export negative list\", kinds: [POLICY], first: 3) { edges { node { key name { en } } } } }");

        var hits = data["search"]!["edges"]!.AsArray();
        Assert.Contains("negative list", (string?)hits[0]!["node"]!["name"]!["en"], StringComparison.OrdinalIgnoreCase);
        Assert.All(hits, e => Assert.Contains("data export", (string?)e!["node"]!["name"]!["en"], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_counts_matches_per_kind_and_suggests_names_when_nothing_matched()
    {
        var data = await api.QueryAsync("""
            {
              policies: search(query: "海南", kinds: [POLICY], first: 2) { totalCount facets { kind count } suggestions { text } }
              nothing: search(query: "海南 稳定币") { totalCount edges { node { key } } suggestions { text node { key } } }
            }
            """);

        var policies = data["policies"]!;
        var facets = policies["facets"]!.AsArray().ToDictionary(f => (string)f!["kind"]!, f => (int)f!["count"]!);
        Assert.Equal(facets["POLICY"], (int)policies["totalCount"]!);
        Assert.Equal(1, facets["PROVINCE"]);
        Assert.Empty(policies["suggestions"]!.AsArray());
        Assert.Equal(0, (int)data["nothing"]!["totalCount"]!);
        Assert.Contains(data["nothing"]!["suggestions"]!.AsArray(), s => (string?)s!["node"]!["key"] == "provinces/hainan");
    }

    [Theory]
    [InlineData(1100, "characters")]
    [InlineData(30, "words")]
    public async Task Search_refuses_a_query_of_too_many_terms_with_a_coded_error_never_an_internal_one(int words, string limit)
    {
        var (status, body) = await api.PostAsync("query($q: String!) { search(query: $q) { totalCount } }", new { q = string.Join(' ', Enumerable.Repeat("数", words)) });

        Assert.True(status < 500, $"status {status}");
        var error = body["errors"]!.AsArray().Single()!;
        Assert.Equal("INVALID_ARGUMENT", (string?)error["extensions"]!["code"]);
        Assert.Contains(limit, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_pages_forward_without_repeating_hits()
    {
        const string Query = "query($after: String) { search(query: \"数据\", first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } }";
        var first = (await api.QueryAsync(Query))["search"]!;
        var second = (await api.QueryAsync(Query, new { after = (string?)first["pageInfo"]!["endCursor"] }))["search"]!;

        Assert.True((int)first["totalCount"]! > 10);
        Assert.Empty(Keys(first["edges"]).Intersect(Keys(second["edges"])));
    }

    [Fact]
    public async Task The_hainan_data_processing_pilot_connects_to_DEPA_in_one_query()
    {
        var data = await api.QueryAsync("""
            { paths(from: "cases/hainan-data-processing-trade", to: "agreements/depa", maxHops: 4, first: 5) { length nodes { key } edges { type } } }
            """);

        var paths = data["paths"]!.AsArray();
        Assert.Equal(2, (int)paths[0]!["length"]!);
        Assert.Contains(paths, p => p!["nodes"]!.AsArray().Any(n => (string?)n!["key"] == "policies/hainan-depa-pilot-measures")
            && p["edges"]!.AsArray().Any(e => (string?)e!["type"] == "IMPLEMENTS"));
    }

    [Fact]
    public async Task Chinas_digitally_deliverable_services_exports_2016_to_2024_are_one_query()
    {
        var data = await api.QueryAsync("""
            { indicator(key: "indicators/table-06-china-digitally-deliverable-services") {
                observations(series: "exports", economy: "economies/china", from: 2016, to: 2024) { period value unit } } }
            """);

        Assert.Equal(
            ["1173.5", "1025.7", "1321.3", "1439", "1551.5", "1956.7", "2105.4", "2190.4", "2327.1"],
            data["indicator"]!["observations"]!.AsArray().Select(o => (string?)o!["value"]));
    }

    [Fact]
    public async Task Policies_can_be_filtered_the_way_researchers_ask()
    {
        var data = await api.QueryAsync("""
            {
              ftzLists: entities(kinds: [POLICY], filter: { type: ["negative_list"], level: ["ftz"] }) { nodes { key } }
              issued2024: entities(kinds: [POLICY], filter: { dateField: "issued", dateFrom: "2024-01", dateTo: "2024-12" }, orderBy: DATE_ASC, first: 100) { totalCount nodes { key ... on Policy { issued { text } } } }
              hainan: entities(kinds: [POLICY], filter: { province: "provinces/hainan" }, first: 100) { nodes { key } }
              depa: entities(filter: { relatedTo: { key: "agreements/depa", type: IMPLEMENTS } }) { nodes { key } }
            }
            """);

        Assert.Superset(new HashSet<string?> { "policies/tianjin-ftz-data-export-negative-list-2024", "policies/beijing-ftz-data-export-negative-list-2024" }, Keys(data["ftzLists"]!["nodes"]).ToHashSet());
        var issued = data["issued2024"]!["nodes"]!.AsArray().Select(n => (string)n!["issued"]!["text"]!).ToList();
        Assert.True(issued.Count > 10);
        Assert.All(issued, d => Assert.StartsWith("2024", d, StringComparison.Ordinal));
        Assert.Equal(issued.Order(StringComparer.Ordinal), issued);
        Assert.Contains("policies/hainan-digital-economy-regulation", Keys(data["hainan"]!["nodes"]));
        Assert.Contains("policies/hainan-depa-pilot-measures", Keys(data["depa"]!["nodes"]));
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)(n!["node"] ?? n)!["key"])];
}
