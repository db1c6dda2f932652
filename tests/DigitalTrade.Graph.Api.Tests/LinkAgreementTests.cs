using System.Text;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>One meaning per link: a province's typed links hold what the province filter finds, and every typed link
/// list agrees with its paged, counted, filterable connection — over every entity of the shipped corpus.</summary>
public sealed class LinkAgreementTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    private static readonly (string Field, string Kind)[] ProvinceLinks =
        [("policies", "POLICY"), ("cases", "CASE"), ("zones", "ZONE"), ("cities", "CITY"), ("serviceExportBases", "SERVICE_EXPORT_BASE"), ("events", "EVENT")];

    [Fact]
    public async Task Every_provinces_links_equal_the_province_filter()
    {
        var provinces = api.Services.GetRequiredService<EmbeddedGraphStore>().Current!.OfKind(EntityKind.Province);
        Assert.True(provinces.Count >= 18);
        var nonEmpty = 0;
        foreach (var province in provinces)
        {
            var query = new StringBuilder("query($k: String!) { entity(key: $k) { ... on Province {");
            foreach (var (field, _) in ProvinceLinks)
            {
                query.Append($" {field} {{ key }} {field}Connection(first: 100) {{ totalCount nodes {{ key }} }}");
            }

            query.Append(" } }");
            foreach (var (field, kind) in ProvinceLinks)
            {
                query.Append($" {field}: entities(kinds: [{kind}], filter: {{ province: $k }}, first: 100) {{ totalCount nodes {{ key }} }}");
            }

            var data = await api.QueryAsync(query.Append(" }").ToString(), new { k = province.Key });
            foreach (var (field, _) in ProvinceLinks)
            {
                var filtered = Keys(data[field]!["nodes"]);
                Assert.True(filtered.Count < 100, "the filter page holds them all");
                Assert.Equal(filtered, Keys(data["entity"]![field]));
                Assert.Equal(filtered, Keys(data["entity"]![field + "Connection"]!["nodes"]));
                Assert.Equal((int)data[field]!["totalCount"]!, (int)data["entity"]![field + "Connection"]!["totalCount"]!);
                nonEmpty += filtered.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(nonEmpty > 30, $"{nonEmpty} non-empty province links");
    }

    [Fact]
    public async Task Shanghai_policies_include_those_of_its_zones()
    {
        var data = await api.QueryAsync("""{ entity(key: "provinces/shanghai") { ... on Province { policies { key } } } }""");

        Assert.Equal(3, Keys(data["entity"]!["policies"]).Count);
    }

    [Fact]
    public async Task Every_typed_link_list_equals_its_connection_for_every_entity()
    {
        var schema = api.Services.GetRequiredService<ISchema>();
        var checkedLinks = 0;
        foreach (var kind in EntityKinds.All)
        {
            var type = (IComplexGraphType)schema.AllTypes[kind.TypeName]!;
            var links = type.Fields.Where(f => f.Name.EndsWith("Connection", StringComparison.Ordinal) && f.Name != "relationsConnection")
                .Select(f => f.Name[..^"Connection".Length]).ToList();
            if (links.Count == 0)
            {
                continue;
            }

            var selection = string.Join(' ', links.Select(l => $"{l} {{ key }} {l}Connection(first: 100) {{ totalCount pageInfo {{ hasNextPage }} nodes {{ key }} }}"));
            string? after = null;
            do
            {
                var data = await api.QueryAsync(
                    $"query($after: String) {{ entities(kinds: [{kind.EnumValue}], first: 10, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ key ... on {kind.TypeName} {{ {selection} }} }} }} }}",
                    new { after });
                foreach (var node in data["entities"]!["nodes"]!.AsArray())
                {
                    foreach (var link in links)
                    {
                        var list = Keys(node![link]);
                        var connection = node[link + "Connection"]!;
                        Assert.True(list.Count < 100, $"{node["key"]}.{link}");
                        Assert.Equal(list, Keys(connection["nodes"]));
                        Assert.Equal(list.Count, (int)connection["totalCount"]!);
                        Assert.False((bool)connection["pageInfo"]!["hasNextPage"]!);
                        checkedLinks += list.Count > 0 ? 1 : 0;
                    }
                }

                after = (bool)data["entities"]!["pageInfo"]!["hasNextPage"]! ? (string?)data["entities"]!["pageInfo"]!["endCursor"] : null;
            }
            while (after is not null);
        }

        Assert.True(checkedLinks > 300, $"{checkedLinks} non-empty links compared");
    }

    [Fact]
    public async Task Link_connections_page_count_and_filter()
    {
        var data = await api.QueryAsync("""
            {
              depa: entity(key: "agreements/depa") { ... on Agreement {
                parties { key kind }
                economies: partiesConnection(kinds: [ECONOMY]) { totalCount nodes { key kind } }
                none: partiesConnection(kinds: [CASE]) { totalCount nodes { key } }
                page: partiesConnection(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { key } }
              } }
              zhejiang: entity(key: "provinces/zhejiang") { ... on Province { casesConnection(filter: { caseTheme: [DIGITAL_SERVICES] }) { totalCount nodes { key } } } }
              themed: entities(kinds: [CASE], filter: { province: "provinces/zhejiang", caseTheme: [DIGITAL_SERVICES] }) { totalCount nodes { key } }
            }
            """);

        var depa = data["depa"]!;
        var parties = depa["parties"]!.AsArray();
        Assert.Equal(
            parties.Where(p => (string?)p!["kind"] == "ECONOMY").Select(p => (string?)p!["key"]),
            Keys(depa["economies"]!["nodes"]));
        Assert.Equal(0, (int)depa["none"]!["totalCount"]!);
        Assert.Equal(parties.Count, (int)depa["page"]!["totalCount"]!);
        Assert.True((bool)depa["page"]!["pageInfo"]!["hasNextPage"]!);

        var rest = await api.QueryAsync(
            """query($after: String) { entity(key: "agreements/depa") { ... on Agreement { partiesConnection(first: 100, after: $after) { nodes { key } } } } }""",
            new { after = (string?)depa["page"]!["pageInfo"]!["endCursor"] });
        Assert.Equal(
            parties.Select(p => (string?)p!["key"]),
            Keys(depa["page"]!["nodes"]).Concat(Keys(rest["entity"]!["partiesConnection"]!["nodes"])));

        Assert.Equal(Keys(data["themed"]!["nodes"]), Keys(data["zhejiang"]!["casesConnection"]!["nodes"]));
        Assert.True((int)data["themed"]!["totalCount"]! > 0);
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];
}
