using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 14.4 and 14.6 through the API: <c>Source.origin</c> and <c>Source.reference</c> on every fact, and
/// <c>datesNotGiven</c> on policies and agreements, counted against what the shipped corpus files mark.
/// </summary>
public sealed partial class ProvenanceApiTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    /// <summary>
    /// What the migration of the free-text marks produced (tools/corpus-migrate/provenance.py over the inventory of
    /// general-knowledge facts): 122 relations, and on entities' sources 121 aliases, 16 English names, 8 statuses,
    /// 4 narratives and 1 identity (272); then the events' own marks, converted by hand when the event kind was
    /// merged: 6 relations (HELD_IN ×4, ORGANIZED_BY ×2) and 11 facts on sources (5 English names, 4 identities,
    /// 1 summary and 1 alias). A mark lost or added without
    /// updating this number fails the test.
    /// </summary>
    private const int GeneralFacts = 289;

    /// <summary>Policies and agreements whose dates the report does not give (the inventory of dates not in the report).</summary>
    private const int DatesNotGiven = 43;

    [GeneratedRegex(@"^\s*origin: general\s*$", RegexOptions.Multiline)]
    private static partial Regex OriginOnEntry();

    [GeneratedRegex(@"^\s*-?\s*about: \[(?<items>[^\]]*)\]", RegexOptions.Multiline)]
    private static partial Regex About();

    [GeneratedRegex(@"^\s+\w+: not_given\b", RegexOptions.Multiline)]
    private static partial Regex NotGivenDate();

    private static readonly string RelationTypesWithSources =
        string.Join(", ", RelationTypes.All.Where(t => t.Type != RelationType.Mentions).Select(t => t.Name));

    private static IEnumerable<string> FrontMatters() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "graph-seed"), "*.md", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "README.md")
            .Select(f => File.ReadAllText(f).Split("\n---\n", 2)[0]);

    private async Task<List<JsonNode>> AllEntitiesAsync(string selection)
    {
        var nodes = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = (await api.QueryAsync($$"""
                query($after: String) { entities(first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { key {{selection}} } } }
                """, new { after }))["entities"]!;
            nodes.AddRange(page["nodes"]!.AsArray().Select(n => n!));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);
        return nodes;
    }

    [Fact]
    public async Task The_GENERAL_facts_the_API_serves_are_the_ones_the_corpus_marks()
    {
        var nodes = await AllEntitiesAsync($$"""
            sources { origin reference about }
            figures { source { origin reference } }
            relations(direction: OUTGOING, types: [{{RelationTypesWithSources}}], first: 100) { pageInfo { hasNextPage } edges { source { origin reference section } } }
            """);

        var relations = nodes.SelectMany(n => n["relations"]!["edges"]!.AsArray()).Select(e => e!["source"]).Where(s => (string?)s?["origin"] == "GENERAL").ToList();
        var figures = nodes.SelectMany(n => n["figures"]!.AsArray()).Select(f => f!["source"]).Where(s => (string?)s?["origin"] == "GENERAL").ToList();
        var sources = nodes.SelectMany(n => n["sources"]!.AsArray()).Where(s => (string?)s!["origin"] == "GENERAL").ToList();
        var served = relations.Count + figures.Count + sources.Sum(s => s!["about"]!.AsArray().Count);

        // Counted from the files' text, independently of the loader: each entry's origin line, each about item.
        var marked = FrontMatters().Sum(text =>
            OriginOnEntry().Count(text) + About().Matches(text).Sum(m => m.Groups["items"].Value.Split(',').Length));

        Assert.All(nodes, n => Assert.False((bool)n["relations"]!["pageInfo"]!["hasNextPage"]!, (string?)n["key"]));
        Assert.Equal(GeneralFacts, served);
        Assert.Equal(marked, served);
        Assert.All(relations.Concat(figures).Concat(sources), s => Assert.False(string.IsNullOrWhiteSpace((string?)s!["reference"])));
        Assert.All(sources, s => Assert.NotEmpty(s!["about"]!.AsArray()));

        // Everything else is the report's, with no reference.
        var report = nodes.SelectMany(n => n["sources"]!.AsArray()).Where(s => (string?)s!["origin"] == "REPORT").ToList();
        Assert.True(report.Count > 400);
        Assert.All(report, s => Assert.Null(s!["reference"]));
    }

    [Fact]
    public async Task Each_policy_and_agreement_has_a_date_or_says_the_report_gives_none()
    {
        var nodes = await AllEntitiesAsync("""
            ... on Policy { dates { name } datesNotGiven issued { text } }
            ... on Agreement { dates { name } datesNotGiven signed { text } }
            """);

        var dated = nodes.Where(n => n.AsObject().ContainsKey("datesNotGiven")).ToList();
        Assert.All(dated, n => Assert.True(n["dates"]!.AsArray().Count + n["datesNotGiven"]!.AsArray().Count > 0, (string?)n["key"]));
        var notGiven = dated.Where(n => n["datesNotGiven"]!.AsArray().Count > 0).ToList();
        Assert.Equal(DatesNotGiven, notGiven.Count);
        Assert.Equal(FrontMatters().Sum(t => NotGivenDate().Count(t)), notGiven.Sum(n => n["datesNotGiven"]!.AsArray().Count));

        // A date not given is not a date: the typed field stays null.
        var binjiang = nodes.Single(n => (string?)n["key"] == "policies/binjiang-ip-implementation-opinions");
        Assert.Equal(["issued"], binjiang["datesNotGiven"]!.AsArray().Select(d => (string?)d));
        Assert.Null(binjiang["issued"]);
    }

    [Fact]
    public async Task A_general_relation_says_where_to_check_it()
    {
        var data = await api.QueryAsync("""
            { entity(key: "bases/qilu-software-park") { relations(types: [LOCATED_IN], direction: OUTGOING) { edges { node { key } note source { origin reference section } } } } }
            """);

        var edge = data["entity"]!["relations"]!["edges"]!.AsArray().Single(e => (string?)e!["node"]!["key"] == "provinces/shandong")!;
        Assert.Equal("GENERAL", (string?)edge["source"]!["origin"]);
        Assert.Equal("administrative divisions of the PRC (mca.gov.cn)", (string?)edge["source"]!["reference"]);
        Assert.Null(edge["source"]!["section"]);
        Assert.Equal("administrative geography the report does not state", (string?)edge["note"]);
    }

    [Fact]
    public async Task The_vocabulary_has_the_values_the_corpus_needed_instead_of_stop_gaps()
    {
        var data = await api.QueryAsync("""
            {
              hk: entity(key: "policies/hong-kong-stablecoins-ordinance") { ... on Policy { policyLevel } }
              fund: entity(key: "organizations/services-trade-innovation-fund") { ... on Organization { organizationType } }
              survey: entity(key: "policies/gacc-cbec-statistical-survey-system") { dates { name date { text } } ... on Policy { datesNotGiven } }
              sar: entities(kinds: [POLICY], filter: { policyLevel: [SAR] }) { totalCount }
            }
            """);

        Assert.Equal("SAR", (string?)data["hk"]!["policyLevel"]);
        Assert.Equal("FUND", (string?)data["fund"]!["organizationType"]);
        Assert.Equal(1, (int)data["sar"]!["totalCount"]!);
        Assert.Equal(
            ["started 2019", "approved 2023-05"],
            data["survey"]!["dates"]!.AsArray().Select(d => $"{d!["name"]} {d["date"]!["text"]}"));
        Assert.Equal(["issued"], data["survey"]!["datesNotGiven"]!.AsArray().Select(d => (string?)d));
    }
}
