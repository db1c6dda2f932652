using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 14.4 and 14.6: each fact says whether the report states it or general knowledge does (with a
/// reference), and a policy or agreement says its dates or that the report gives none.
/// </summary>
public sealed class ProvenanceTests
{
    private const string Agreement = """
        ---
        kind: agreement
        name: { zh: 区域全面经济伙伴关系协定, en: Regional Comprehensive Economic Partnership }
        aliases: [RCEP, 区域全面经济伙伴关系]
        summary: { zh: 摘要。, en: Summary. }
        status: in_force
        dates:
          signed: not_given
          in_force: 2022-01
        figures:
          - name: { zh: 成员数, en: Parties }
            value: 15
            unit: 个
            origin: general
            reference: "RCEP text, preamble"
        sources:
          - section: "综述篇 > 测试"
          - origin: general
            about: [status, "aliases.区域全面经济伙伴关系", dates.in_force]
            reference: rcepsec.org
            note: in force for China since 2022-01-01
        ---

        """;

    /// <summary>Singapore's file with its PARTY_TO entries (the relation a test is about comes after DEPA's).</summary>
    private static string Singapore(string rcepEntry) => $$"""
        ---
        kind: economy
        name: { zh: 新加坡, en: Singapore }
        type: country
        summary: { zh: 摘要。, en: Summary. }
        relations:
          PARTY_TO:
            - agreements/depa
        {{rcepEntry}}
        sources:
          - section: "综述篇 > 测试"
        ---

        """ + TestCorpus.Body;

    private static CorpusLoadResult Load(string agreement, string? singapore = null)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("agreements/rcep.md", agreement + TestCorpus.Body);
        corpus.Write("economies/singapore.md", singapore ?? Singapore("""
                - target: agreements/rcep
                  origin: general
                  reference: "RCEP text, list of parties"
                  note: one of the fifteen parties
                  source: { section: "综述篇 > 测试" }
            """));
        return corpus.Load();
    }

    [Fact]
    public void General_facts_carry_their_origin_and_reference_and_dates_not_given_are_kept()
    {
        var result = Load(Agreement);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var rcep = result.Snapshot!.Find("agreements/rcep")!;
        Assert.Equal(["signed"], rcep.DatesNotGiven);
        Assert.Equal(new PartialDate(2022, 1, null), rcep.DateOf("in_force"));
        Assert.Null(rcep.DateOf("signed"));
        var figure = Assert.Single(rcep.Figures);
        Assert.Equal((SourceOrigin.General, "RCEP text, preamble", (string?)null), (figure.Source!.Origin, figure.Source.Reference, figure.Source.Section));
        Assert.Equal(SourceOrigin.Report, rcep.Sources[0].Origin);
        var general = rcep.Sources[1];
        Assert.Equal((SourceOrigin.General, "rcepsec.org", (string?)null), (general.Origin, general.Reference, general.Section));
        Assert.Equal(["status", "aliases.区域全面经济伙伴关系", "dates.in_force"], general.About);

        var party = result.Snapshot.EdgesOf("economies/singapore").Single(e => e.OtherKey == "agreements/rcep" && e.Relation.Type == RelationType.PartyTo).Relation.Properties;
        Assert.Equal((SourceOrigin.General, "RCEP text, list of parties", "综述篇 > 测试", "one of the fifteen parties"), (party.Source!.Origin, party.Source.Reference, party.Source.Section, party.Note));
        var plain = result.Snapshot.EdgesOf("economies/singapore").Single(e => e.OtherKey == "agreements/depa" && e.Relation.Type == RelationType.PartyTo).Relation.Properties;
        Assert.Null(plain.Source);
    }

    [Theory]
    [InlineData("origin: general\n", "origin: General\n", "(14,13): error DTG015: 'General' is not a valid origin (allowed: report, general)")]
    [InlineData("    about: [status, \"aliases.区域全面经济伙伴关系\", dates.in_force]\n", "    about: [status, aliases.RCEP2, dates.effective]\n", "(19,21): error DTG015: 'about' cannot name 'aliases.RCEP2'")]
    [InlineData("    about: [status, \"aliases.区域全面经济伙伴关系\", dates.in_force]\n", "    about: [status, aliases.RCEP2, dates.effective]\n", "(19,36): error DTG015: 'about' cannot name 'dates.effective'")]
    [InlineData("    reference: rcepsec.org\n", "", "(18,5): error DTG040: a fact from general knowledge needs a 'reference'")]
    [InlineData("  - section: \"综述篇 > 测试\"\n", "  - section: \"综述篇 > 测试\"\n    reference: rcepsec.org\n", "(17,5): error DTG040: 'reference' is for facts from general knowledge")]
    [InlineData("  signed: not_given\n  in_force: 2022-01\n", "  signed: not given\n", "(8,11): error DTG010: 'not given' is not a valid date for 'dates.signed'")]
    [InlineData("dates:\n  signed: not_given\n  in_force: 2022-01\n", "", "(2,1): error DTG041: an agreement states its dates: the date the report gives ('signed: 2024-05') or, when it gives none, 'signed: not_given'")]
    public void A_wrong_mark_is_an_error_where_it_is_written(string replace, string with, string expected)
    {
        var agreement = Agreement.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Agreement, agreement);

        var result = Load(agreement);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.ToString().StartsWith("graph-seed/agreements/rcep.md" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_general_relation_needs_no_section_but_a_report_one_does()
    {
        var singapore = Singapore("""
                - target: agreements/rcep
                  source: { table: 表1 }
            """);

        var result = Load(Agreement, singapore);

        Assert.Contains(result.Diagnostics, d => d.ToString() == "graph-seed/economies/singapore.md(10,15): error DTG005: 'source' needs a 'section' (the report's heading path), or 'origin: general' with a 'reference'");
    }
}
