namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 18.3: a file with several independent problems reports all of them at once, each at its position.
/// The validator used to stop at the first: a missing name.en hid a misspelt relation target.
/// </summary>
public sealed class EveryProblemTests
{
    [Fact]
    public void A_missing_english_name_does_not_hide_a_misspelt_relation_target()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/new-case.md", """
            ---
            kind: case
            name:
              zh: 新案例
            summary:
              zh: 摘要。
              en: Summary.
            relations:
              LOCATED_IN: provinces/zhejaing
            sources:
              - section: "实践篇"
            ---
            ::: zh
            正文。
            :::

            ::: en
            Body.
            :::
            """);

        var result = corpus.Load();

        Assert.Equal(
            [
                "graph-seed/cases/new-case.md(4,3): error DTG005: 'name.en' is missing",
                "graph-seed/cases/new-case.md(9,15): error DTG012: relation target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Every_independent_check_runs_on_a_file_with_many_problems()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/many-problems.md", """
            ---
            kind: case
            name:
              zh: TODO 案例
            aliases: [DEPA]
            theme: cooking
            dates:
              started: 2024-13
            relations:
              LOCATED_IN: provinces/zhejaing
              INVOLVES: [organizations/nowhere]
              LOCATED_AT: economies/china
            figures:
              - name: { zh: 收入, en: Revenue }
                value: 12亿
            sourcse: []
            ---
            See [浙江](../provinces/zhejaing.md) and [a demo](javascript:alert(1)).

            And ![an image](data:text/html,x) with [a reference][r].

            [r]: vbscript:msgbox(1)
            """);

        var result = corpus.Load();

        Assert.Equal(
            [
                "graph-seed/cases/many-problems.md(2,1): warning DTG019: no 'summary': add one paragraph in Chinese and English",
                "graph-seed/cases/many-problems.md(2,1): warning DTG019: no 'sources': say which report section (and table) the facts come from",
                "graph-seed/cases/many-problems.md(4,3): error DTG005: 'name.en' is missing",
                "graph-seed/cases/many-problems.md(4,7): warning DTG022: 'TODO 案例' still holds template text",
                "graph-seed/cases/many-problems.md(5,11): error DTG009: 'DEPA' already names 'agreements/depa'; an alias must identify one entity",
                "graph-seed/cases/many-problems.md(6,8): error DTG015: 'cooking' is not a valid theme for a case (allowed: technology_ecosystem, digital_services, data_flows, international_cooperation, cross_border_ecommerce, ip_services, overview)",
                "graph-seed/cases/many-problems.md(8,12): error DTG010: '2024-13' is not a valid date for 'dates.started' (use 2024, 2024-05 or 2024-05-21)",
                "graph-seed/cases/many-problems.md(10,15): error DTG012: relation target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)",
                "graph-seed/cases/many-problems.md(11,14): error DTG012: relation target 'organizations/nowhere' does not exist",
                "graph-seed/cases/many-problems.md(12,3): error DTG011: unknown relation type 'LOCATED_AT' (did you mean 'LOCATED_IN'?) (types: PARTY_TO, APPLIED_TO, MEMBER_OF, ISSUED_BY, APPLIES_TO, IMPLEMENTS, AMENDS, LOCATED_IN, PART_OF, INVOLVES, USES, DATA_FROM, MENTIONS, HELD_IN, ORGANIZED_BY, PRODUCED)",
                "graph-seed/cases/many-problems.md(15,12): error DTG018: '12亿' is not a number (write it as printed, e.g. 4067.2, without units or separators)",
                "graph-seed/cases/many-problems.md(16,1): error DTG004: unknown field 'sourcse' in a case (allowed: kind, name, aliases, summary, dates, relations, figures, sources, theme)",
                "graph-seed/cases/many-problems.md(18,1): error DTG033: the narrative is not marked by language: write the Chinese between a line '::: zh' and a line ':::', then the English between '::: en' and ':::'",
                "graph-seed/cases/many-problems.md(18,5): error DTG014: link target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)",
                "graph-seed/cases/many-problems.md(18,40): error DTG025: link 'javascript:alert(1)' uses the scheme 'javascript:', which narratives may not (allowed: http, https, mailto, or a relative link to an entity file)",
                "graph-seed/cases/many-problems.md(20,5): error DTG025: link 'data:text/html,x' uses the scheme 'data:', which narratives may not (allowed: http, https, mailto, or a relative link to an entity file)",
                "graph-seed/cases/many-problems.md(22,1): error DTG025: link 'vbscript:msgbox(1)' uses the scheme 'vbscript:', which narratives may not (allowed: http, https, mailto, or a relative link to an entity file)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_narrative_is_checked_even_when_its_front_matter_is_not_valid_yaml()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/bad-yaml.md", "---\nkind: case\nname: [unclosed\n---\nSee [x](../cases/nowhere.md) and <javascript:alert(1)>.\n");

        var result = corpus.Load();

        Assert.Equal(
            [
                "graph-seed/cases/bad-yaml.md(4,1): error DTG002: front matter is not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'.",
                "graph-seed/cases/bad-yaml.md(5,1): error DTG033: the narrative is not marked by language: write the Chinese between a line '::: zh' and a line ':::', then the English between '::: en' and ':::'",
                "graph-seed/cases/bad-yaml.md(5,5): error DTG014: link target 'cases/nowhere' does not exist",
                "graph-seed/cases/bad-yaml.md(5,34): error DTG025: link 'javascript:alert(1)' uses the scheme 'javascript:', which narratives may not (allowed: http, https, mailto, or a relative link to an entity file)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }
}
