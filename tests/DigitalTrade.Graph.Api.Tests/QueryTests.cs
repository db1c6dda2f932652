using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

public sealed class QueryTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    [Fact]
    public async Task An_entity_comes_with_its_typed_links_in_one_request()
    {
        var data = await api.QueryAsync("""
            {
              entity(key: "agreements/depa") {
                __typename key kind name { zh en } aliases
                ... on Agreement {
                  status signed { text year month day precision }
                  parties { key name { en } }
                  applicants { key }
                }
              }
            }
            """);

        var depa = data["entity"]!;
        Assert.Equal("Agreement", (string?)depa["__typename"]);
        Assert.Equal("AGREEMENT", (string?)depa["kind"]);
        Assert.Equal("数字经济伙伴关系协定", (string?)depa["name"]!["zh"]);
        Assert.Equal("DEPA", (string?)depa["aliases"]![0]);
        Assert.Equal("in_force", (string?)depa["status"]);
        Assert.Equal("2020-06", (string?)depa["signed"]!["text"]);
        Assert.Equal("MONTH", (string?)depa["signed"]!["precision"]);
        Assert.Null(depa["signed"]!["day"]);
        Assert.Equal(
            ["economies/chile", "economies/new-zealand", "economies/singapore", "economies/south-korea"],
            Keys(depa["parties"]));
        Assert.Equal(["economies/china"], Keys(depa["applicants"]));
    }

    [Fact]
    public async Task Typed_links_reach_provinces_bases_and_cases()
    {
        var data = await api.QueryAsync("""
            {
              zhejiang: entity(key: "provinces/zhejiang") {
                ... on Province { serviceExportBases { key city { key } } cities { key } cases { key } }
              }
              case: entity(key: "cases/binjiang-ip") {
                ... on Case { theme province { key } city { key } bases { key } policies { key } partners { key } }
              }
              policy: entity(key: "policies/data-flow-provisions") {
                ... on Policy { level type issued { text } issuers { key } appliesTo { key } usedBy { key } }
              }
            }
            """);

        Assert.Equal(["bases/hangzhou-binjiang-iot-park"], Keys(data["zhejiang"]!["serviceExportBases"]));
        Assert.Equal("cities/hangzhou", (string?)data["zhejiang"]!["serviceExportBases"]![0]!["city"]!["key"]);
        Assert.Equal(["cities/hangzhou"], Keys(data["zhejiang"]!["cities"]));
        Assert.Equal(["cases/binjiang-ip"], Keys(data["zhejiang"]!["cases"]));
        var binjiang = data["case"]!;
        Assert.Equal("ip_services", (string?)binjiang["theme"]);
        Assert.Equal("provinces/zhejiang", (string?)binjiang["province"]!["key"]);
        Assert.Equal("cities/hangzhou", (string?)binjiang["city"]!["key"]);
        Assert.Equal(["bases/hangzhou-binjiang-iot-park"], Keys(binjiang["bases"]));
        Assert.Equal(["policies/data-flow-provisions"], Keys(binjiang["policies"]));
        Assert.Equal(["organizations/mofcom"], Keys(binjiang["partners"]));
        var policy = data["policy"]!;
        Assert.Equal(("national", "regulation", "2024-03"), ((string?)policy["level"], (string?)policy["type"], (string?)policy["issued"]!["text"]));
        Assert.Equal(["organizations/mofcom"], Keys(policy["issuers"]));
        Assert.Equal(["economies/china"], Keys(policy["appliesTo"]));
        Assert.Equal(["cases/binjiang-ip"], Keys(policy["usedBy"]));
    }

    [Fact]
    public async Task Relations_filter_by_type_direction_and_kind_and_carry_their_properties()
    {
        var data = await api.QueryAsync("""
            {
              depa: entity(key: "agreements/depa") {
                incoming: relations(types: [PARTY_TO], direction: INCOMING) {
                  totalCount edges { type direction date { text } role fromNarrative node { key } }
                }
                outgoing: relations(direction: OUTGOING) { totalCount edges { type fromNarrative node { key } } }
                economies: relations(kinds: [ECONOMY]) { totalCount }
                cases: relations(kinds: [CASE]) { edges { type direction node { key } } }
              }
            }
            """);

        var incoming = data["depa"]!["incoming"]!;
        Assert.Equal(4, (int)incoming["totalCount"]!);
        var korea = incoming["edges"]!.AsArray().Single(e => (string?)e!["node"]!["key"] == "economies/south-korea")!;
        Assert.Equal(("PARTY_TO", "INCOMING", "2024-05", "member", false), ((string?)korea["type"], (string?)korea["direction"], (string?)korea["date"]!["text"], (string?)korea["role"], (bool)korea["fromNarrative"]!));
        var outgoing = data["depa"]!["outgoing"]!;
        Assert.Equal(1, (int)outgoing["totalCount"]!);
        Assert.Equal(("MENTIONS", true, "economies/singapore"), ((string?)outgoing["edges"]![0]!["type"], (bool)outgoing["edges"]![0]!["fromNarrative"]!, (string?)outgoing["edges"]![0]!["node"]!["key"]));
        Assert.Equal(6, (int)data["depa"]!["economies"]!["totalCount"]!); // 4 parties, 1 applicant, 1 mention
        var fromCase = Assert.Single(data["depa"]!["cases"]!["edges"]!.AsArray())!;
        Assert.Equal(("MENTIONS", "INCOMING", "cases/binjiang-ip"), ((string?)fromCase["type"], (string?)fromCase["direction"], (string?)fromCase["node"]!["key"]));
    }

    [Fact]
    public async Task Entities_page_forward_to_the_last_page()
    {
        const string Query = "query($after: String) { entities(kinds: [ECONOMY], first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { key } } nodes { key } } }";

        var first = (await api.QueryAsync(Query))["entities"]!;
        var second = (await api.QueryAsync(Query, new { after = (string?)first["pageInfo"]!["endCursor"] }))["entities"]!;
        var third = (await api.QueryAsync(Query, new { after = (string?)second["pageInfo"]!["endCursor"] }))["entities"]!;

        Assert.Equal(5, (int)first["totalCount"]!);
        Assert.Equal(["economies/chile", "economies/china"], Keys(first["nodes"]));
        Assert.Equal(["economies/new-zealand", "economies/singapore"], Keys(second["nodes"]));
        Assert.Equal(["economies/south-korea"], Keys(third["nodes"]));
        Assert.Equal((true, false), ((bool)first["pageInfo"]!["hasNextPage"]!, (bool)first["pageInfo"]!["hasPreviousPage"]!));
        Assert.Equal((false, true), ((bool)third["pageInfo"]!["hasNextPage"]!, (bool)third["pageInfo"]!["hasPreviousPage"]!));
        Assert.Equal((string?)first["edges"]![1]!["cursor"], (string?)first["pageInfo"]!["endCursor"]);
    }

    [Theory]
    [InlineData("{ entities(after: \"bm9wZQ\") { totalCount } }", "INVALID_CURSOR")]
    [InlineData("{ entity(key: \"agreements/depa\") { relations(after: \"eHl6\") { totalCount } } }", "INVALID_CURSOR")]
    [InlineData("{ node(id: \"not-an-id\") { id } }", "INVALID_ID")]
    public async Task Bad_arguments_are_field_errors_with_a_code(string query, string code)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.Equal(200, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        Assert.DoesNotContain("Exception", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_ids_round_trip_through_node_and_nodes()
    {
        var data = await api.QueryAsync("{ a: entity(key: \"agreements/depa\") { id } b: entity(key: \"economies/china\") { id } }");
        var depaId = (string)data["a"]!["id"]!;
        var chinaId = (string)data["b"]!["id"]!;

        var nodes = await api.QueryAsync(
            "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id ... on Agreement { key } } nodes(ids: $ids) { id ... on Economy { key } } }",
            new { id = depaId, ids = new[] { chinaId, depaId, Schema.GlobalId.Encode("Economy", "economies/nowhere") } });

        Assert.Equal(("agreements/depa", depaId), ((string?)nodes["node"]!["key"], (string?)nodes["node"]!["id"]));
        var list = nodes["nodes"]!.AsArray();
        Assert.Equal("economies/china", (string?)list[0]!["key"]);
        Assert.Equal(depaId, (string?)list[1]!["id"]);
        Assert.Null(list[2]);
    }

    [Fact]
    public async Task A_global_id_of_the_wrong_type_names_nothing()
    {
        var data = await api.QueryAsync($"{{ node(id: \"{Schema.GlobalId.Encode("Economy", "agreements/depa")}\") {{ id }} }}");

        Assert.Null(data["node"]);
    }

    [Fact]
    public async Task Narratives_render_entity_links_as_routable_anchors()
    {
        var data = await api.QueryAsync("{ entity(key: \"cases/binjiang-ip\") { narrative { markdown html text } zh: narrative(lang: ZH) { text } } }");

        var narrative = data["entity"]!["narrative"]!;
        Assert.Contains("<a href=\"/entity/agreements/depa\" data-key=\"agreements/depa\">DEPA</a>", (string?)narrative["html"], StringComparison.Ordinal);
        Assert.Equal("案例见基地与 DEPA。", (string?)data["entity"]!["zh"]!["text"]);
        Assert.Equal("案例见基地与 DEPA。\nAbout Binjiang IP protection.", (string?)narrative["text"]);
        Assert.Contains("(../agreements/depa.md)", (string?)narrative["markdown"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicators_serve_series_and_exact_observations()
    {
        var data = await api.QueryAsync("""
            { entity(key: "indicators/table-06") { ... on Indicator {
                table unit dataSource series { id name { zh } unit }
                exports: observations(series: "exports") { period economyKey value unit }
                all: observations { value }
            } } }
            """);

        var table = data["entity"]!;
        Assert.Equal(("表6", "亿美元，%", "商务部"), ((string?)table["table"], (string?)table["unit"], (string?)table["dataSource"]));
        Assert.Equal(["exports", "exports_yoy"], table["series"]!.AsArray().Select(s => (string?)s!["id"]));
        Assert.Equal(
            [("2023", "economies/china", "2190.4", "亿美元"), ("2024", "economies/china", "2327.1", "亿美元")],
            table["exports"]!.AsArray().Select(o => ((string?)o!["period"], (string?)o["economyKey"], (string?)o["value"], (string?)o["unit"])));
        Assert.Equal(4, table["all"]!.AsArray().Count);
    }

    [Fact]
    public async Task Figures_and_sources_keep_values_units_and_sections()
    {
        var data = await api.QueryAsync("{ entity(key: \"bases/zhongguancun-software-park\") { figures { name { zh } value unit period source { section } } sources { section } } }");

        var figure = Assert.Single(data["entity"]!["figures"]!.AsArray())!;
        Assert.Equal(("数字服务出口收入", "152.4", "亿元", "2024", "综述篇 > 测试"), ((string?)figure["name"]!["zh"], (string?)figure["value"], (string?)figure["unit"], (string?)figure["period"], (string?)figure["source"]!["section"]));
    }

    [Fact]
    public async Task Every_response_carries_the_snapshot_version()
    {
        var (_, body) = await api.PostAsync("{ corpus { version } }");

        var version = (string?)body["data"]!["corpus"]!["version"];
        Assert.Equal(16, version!.Length);
        Assert.Equal(version, (string?)body["extensions"]!["snapshotVersion"]);
    }

    [Fact]
    public async Task The_corpus_field_reports_counts_per_kind_and_the_last_load()
    {
        var data = await api.QueryAsync("""
            { corpus {
                entityCount relationCount createdAt
                kinds { kind count } relationTypes { type count }
                lastLoad { succeeded errorCount warningCount milliseconds attemptedAt diagnostics { code } }
            } }
            """);

        var corpus = data["corpus"]!;
        Assert.Equal(16, (int)corpus["entityCount"]!);
        var kinds = corpus["kinds"]!.AsArray().ToDictionary(k => (string)k!["kind"]!, k => (int)k!["count"]!);
        Assert.Equal(11, kinds.Count); // every kind, counted even when empty (the test corpus has no event)
        Assert.Equal((5, 2, 2, 1), (kinds["ECONOMY"], kinds["AGREEMENT"], kinds["SERVICE_EXPORT_BASE"], kinds["CASE"]));
        var types = corpus["relationTypes"]!.AsArray().ToDictionary(k => (string)k!["type"]!, k => (int)k!["count"]!);
        Assert.Equal(8, types["PARTY_TO"]);
        Assert.Equal((int)corpus["relationCount"]!, types.Values.Sum());
        var load = corpus["lastLoad"]!;
        Assert.True((bool)load["succeeded"]!);
        Assert.Equal((0, 0), ((int)load["errorCount"]!, (int)load["warningCount"]!));
        Assert.Empty(load["diagnostics"]!.AsArray());
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"]).Order(StringComparer.Ordinal)];
}
