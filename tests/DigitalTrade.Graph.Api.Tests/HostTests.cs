using System.Net;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task A_corpus_with_errors_is_never_served_and_the_host_says_it_is_not_ready()
    {
        var corpus = ApiCorpus.Write();
        File.WriteAllText(Path.Combine(corpus, "cases", "broken.md"), "---\nkind: case\nname: { zh: 坏, en: Broken }\nrelations:\n  LOCATED_IN: provinces/nowhere\n---\n");
        await using var api = new GraphApiFactory(corpus);
        using var client = api.CreateClient();

        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var (status, body) = await api.PostAsync("{ entity(key: \"agreements/depa\") { key } }");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(503, status);
        Assert.Equal("NOT_READY", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task The_shipped_corpus_answers_the_questions_a_front_end_asks()
    {
        await using var api = new GraphApiFactory(Path.Combine(RepositoryRoot.Path, "graph-seed"));

        var data = await api.QueryAsync("""
            {
              depa: entity(key: "agreements/depa") { ... on Agreement { name { zh en } parties { key } applicants { key } implementedBy { key } } }
              zhejiang: entity(key: "provinces/zhejiang") { ... on Province { serviceExportBases { key } } }
              bases: entities(kinds: [SERVICE_EXPORT_BASE], first: 50) { totalCount }
              table6: entity(key: "indicators/table-06-china-digitally-deliverable-services") {
                ... on Indicator { observations(series: "exports", economy: "economies/china") { period value unit } }
              }
            }
            """);

        var depa = data["depa"]!;
        Assert.Equal("数字经济伙伴关系协定", (string?)depa["name"]!["zh"]);
        Assert.Superset(new HashSet<string?> { "economies/singapore", "economies/chile", "economies/new-zealand", "economies/south-korea" }, Keys(depa["parties"]));
        Assert.Superset(new HashSet<string?> { "economies/china", "economies/canada", "economies/costa-rica", "economies/peru", "economies/united-arab-emirates", "economies/el-salvador", "economies/ukraine" }, Keys(depa["applicants"]));
        Assert.Contains("policies/hainan-depa-pilot-measures", Keys(depa["implementedBy"]));
        Assert.Contains("bases/hangzhou-binjiang-iot-park", Keys(data["zhejiang"]!["serviceExportBases"]));
        Assert.Equal(12, (int)data["bases"]!["totalCount"]!);
        var exports = data["table6"]!["observations"]!.AsArray();
        Assert.Equal(("2024", "2327.1", "亿美元"), ((string?)exports[^1]!["period"], (string?)exports[^1]!["value"], (string?)exports[^1]!["unit"]));
        Assert.Equal(9, exports.Count);
    }

    [Fact]
    public async Task The_shipped_corpus_carries_facts_from_every_chapter()
    {
        await using var api = new GraphApiFactory(Path.Combine(RepositoryRoot.Path, "graph-seed"));

        var data = await api.QueryAsync("""
            {
              peru: entity(key: "agreements/china-peru-fta-upgrade-protocol") { ... on Agreement { signed { text } amends { key signed { text } } } }
              singapore: entity(key: "agreements/china-singapore-fta-upgrade-protocol") { ... on Agreement { inForce { text } } }
              wto: entity(key: "agreements/wto-ecommerce-agreement") { ... on Agreement { concluded { text } figures { value unit } } }
              asean: entity(key: "agreements/china-asean-fta-3") { ... on Agreement { concluded { text } figures { value unit } } }
              korea: entity(key: "economies/south-korea") { relations(types: [PARTY_TO], direction: OUTGOING) { edges { date { text } node { key } } } }
              zgc: entity(key: "bases/zhongguancun-software-park") { figures { value unit period source { section } } }
              tianhe: entity(key: "bases/tianhe-cbd") { ... on ServiceExportBase { province { key } city { key } } figures { value unit } }
              bjsg: entity(key: "cases/beijing-singapore-trade-digitalization") { ... on Case { theme partners { key } } }
              hainan: entity(key: "cases/hainan-data-processing-trade") { ... on Case { province { key } policies { key } } }
              t3: entity(key: "indicators/table-03-top-10-exporters") { ... on Indicator { observations(economy: "economies/united-states") { series period value } } }
              cbec: entity(key: "indicators/table-11-china-cross-border-ecommerce") { ... on Indicator { table observations { series period value unit } } }
            }
            """);

        Assert.Equal("2024-11", (string?)data["peru"]!["signed"]!["text"]);
        Assert.Equal("agreements/china-peru-fta", (string?)data["peru"]!["amends"]![0]!["key"]);
        Assert.Equal("2009-04", (string?)data["peru"]!["amends"]![0]!["signed"]!["text"]);
        Assert.Equal("2024-12", (string?)data["singapore"]!["inForce"]!["text"]);
        Assert.Equal("2024-12", (string?)data["wto"]!["concluded"]!["text"]);
        Assert.Contains(data["wto"]!["figures"]!.AsArray(), f => (string?)f!["value"] == "71");
        Assert.Equal("2025-05", (string?)data["asean"]!["concluded"]!["text"]);
        Assert.Contains(data["asean"]!["figures"]!.AsArray(), f => (string?)f!["value"] == "9");
        Assert.Contains(data["korea"]!["relations"]!["edges"]!.AsArray(), e => (string?)e!["node"]!["key"] == "agreements/depa" && (string?)e["date"]!["text"] == "2024-05");
        var zgc = data["zgc"]!["figures"]!.AsArray().Select(f => ((string?)f!["value"], (string?)f["unit"])).ToList();
        Assert.Contains(("152.4", "亿元"), zgc);
        Assert.Contains(("152.2", "亿元"), zgc);
        Assert.Contains(("6458.1", "亿元"), zgc);
        Assert.Equal(("provinces/guangdong", "cities/guangzhou"), ((string?)data["tianhe"]!["province"]!["key"], (string?)data["tianhe"]!["city"]!["key"]));
        Assert.Contains(data["tianhe"]!["figures"]!.AsArray(), f => (string?)f!["value"] == "22.8" && (string?)f["unit"] == "亿美元");
        Assert.Superset(new HashSet<string?> { "organizations/imda", "economies/singapore" }, Keys(data["bjsg"]!["partners"]));
        Assert.Equal("provinces/hainan", (string?)data["hainan"]!["province"]!["key"]);
        Assert.Contains("policies/hainan-digital-economy-regulation", Keys(data["hainan"]!["policies"]));
        var us = data["t3"]!["observations"]!.AsArray().Where(o => (string?)o!["period"] == "2024").ToDictionary(o => (string)o!["series"]!, o => (string?)o!["value"]);
        Assert.Equal(("7410.4", "1"), (us["exports"], us["rank"]));
        var cbec2024 = data["cbec"]!["observations"]!.AsArray().Where(o => (string?)o!["period"] == "2024").Select(o => ((string?)o!["value"], (string?)o["unit"])).ToList();
        Assert.Equal([("27072", "亿元人民币"), ("21520", "亿元人民币"), ("5552", "亿元人民币"), ("14.0", "%"), ("16.9", "%"), ("4.1", "%")], cbec2024);
    }

    private static HashSet<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];
}
