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

    private static HashSet<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];
}
