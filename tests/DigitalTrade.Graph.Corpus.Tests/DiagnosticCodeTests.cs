using Xunit.Sdk;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>Every diagnostic code, each from one broken file added to a valid corpus, with its exact position.</summary>
public sealed class DiagnosticCodeTests
{
    private const string Sources = "sources:\n  - section: \"实践篇\"\n";
    private const string Summary = "summary:\n  zh: 摘要。\n  en: Summary.\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "cases/no-front-matter.md",
            "# Just a heading\n",
            "graph-seed/cases/no-front-matter.md(1,1): error DTG001: the file must start with a '---' line opening the YAML front matter"
        },
        {
            "cases/unclosed.md",
            "---\nkind: case\n",
            "graph-seed/cases/unclosed.md(1,1): error DTG001: the front matter opened on line 1 is never closed with a '---' line"
        },
        {
            "cases/bad-yaml.md",
            "---\nkind: case\nname: [unclosed\n---\n",
            "graph-seed/cases/bad-yaml.md(4,1): error DTG002: front matter is not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'."
        },
        {
            "cases/wrong-shape.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\naliases:\n  a: b\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/wrong-shape.md(7,3): error DTG003: 'aliases' must be text, not a mapping"
        },
        {
            "cases/unknown-field.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\naliasses: [A]\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/unknown-field.md(6,1): error DTG004: unknown field 'aliasses' in a case (allowed: kind, name, aliases, summary, dates, relations, figures, sources, theme)"
        },
        {
            "cases/missing-english.md",
            "---\nkind: case\nname:\n  zh: 甲\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/missing-english.md(4,3): error DTG005: 'name.en' is missing"
        },
        {
            "cases/kind-mismatch.md",
            "---\nkind: policy\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/kind-mismatch.md(2,7): error DTG006: kind 'policy' does not belong in folder 'cases/' (move the file to 'policies/' or set kind: case)"
        },
        {
            "widgets/a.md",
            "---\nkind: case\n---\n",
            "graph-seed/widgets/a.md(1,1): error DTG007: 'widgets/' is not a kind folder (folders: agreements, policies, organizations, economies, provinces, cities, zones, bases, cases, indicators, events)"
        },
        {
            "cases/Bad_Name.md",
            "---\nkind: case\n---\n",
            "graph-seed/cases/Bad_Name.md(1,1): error DTG008: file name 'Bad_Name.md' is not a valid key: use lower-case ASCII letters, digits and single hyphens"
        },
        {
            "cases/alias-clash.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\naliases: [DEPA]\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/alias-clash.md(6,11): error DTG009: 'DEPA' already names 'agreements/depa'; an alias must identify one entity"
        },
        {
            "cases/bad-date.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\ndates:\n  reported: 2024-02-30\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/bad-date.md(7,13): error DTG010: '2024-02-30' is not a valid date for 'dates.reported' (use 2024, 2024-05 or 2024-05-21)"
        },
        {
            "cases/unknown-relation.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  LOCATED_AT: provinces/zhejiang\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/unknown-relation.md(7,3): error DTG011: unknown relation type 'LOCATED_AT' (did you mean 'LOCATED_IN'?) (types: PARTY_TO, APPLIED_TO, MEMBER_OF, ISSUED_BY, APPLIES_TO, IMPLEMENTS, AMENDS, LOCATED_IN, PART_OF, INVOLVES, USES, DATA_FROM, MENTIONS, HELD_IN, ORGANIZED_BY, PRODUCED)"
        },
        {
            "cases/dangling.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  LOCATED_IN:\n    - target: provinces/zhejaing\n      date: 2024\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/dangling.md(8,15): error DTG012: relation target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)"
        },
        {
            "cases/endpoint.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  PARTY_TO: agreements/depa\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/endpoint.md(7,13): error DTG013: a case cannot be PARTY_TO a agreement ('agreements/depa'); PARTY_TO goes from economy/organization to agreement"
        },
        {
            "cases/bad-link.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n\nFirst paragraph.\n\nSee [浙江](../provinces/zhejaing.md) for more.\n",
            "graph-seed/cases/bad-link.md(15,5): error DTG014: link target 'provinces/zhejaing' does not exist (did you mean 'provinces/zhejiang'?)"
        },
        {
            "cases/bad-enum.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\ntheme: cooking\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/bad-enum.md(6,8): error DTG015: 'cooking' is not a valid theme for a case (allowed: technology_ecosystem, digital_services, data_flows, international_cooperation, cross_border_ecommerce, ip_services, overview)"
        },
        {
            "economies/china-again.md",
            "---\nkind: economy\nname:\n  zh: 中国\n  en: People's Republic of China\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/economies/china-again.md(4,3): error DTG016: '中国' is already the name of 'economies/china': one entity must have one key"
        },
        {
            "cases/twice.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  LOCATED_IN: [provinces/zhejiang, provinces/zhejiang]\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/twice.md(7,36): warning DTG017: LOCATED_IN 'provinces/zhejiang' is written twice; the first one is kept"
        },
        {
            "cases/not-a-number.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nfigures:\n  - name: { zh: 收入, en: Revenue }\n    value: 152.4亿元\n    unit: 亿元\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/not-a-number.md(8,12): error DTG018: '152.4亿元' is not a number (write it as printed, e.g. 4067.2, without units or separators)"
        },
        {
            "cases/no-sources.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + "---\n" + TestCorpus.Body,
            "graph-seed/cases/no-sources.md(2,1): warning DTG019: no 'sources': say which report section (and table) the facts come from"
        },
        {
            "indicators/dup-row.md",
            "---\nkind: indicator\nname:\n  zh: 表\n  en: Table\ntable: 表6\nunit: 亿美元\nseries:\n  - id: total\n    name: { zh: 合计, en: Total }\n    unit: 亿美元\nrows:\n  - { period: 2024, economy: economies/china, total: 1.0 }\n  - { period: 2024, economy: economies/china, total: 2.0 }\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/indicators/dup-row.md(14,5): error DTG020: a row for period 2024 and economy 'economies/china' already exists"
        },
        {
            "cases/placeholder.md",
            "---\nkind: case\nname:\n  zh: TODO 甲\n  en: A\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/placeholder.md(4,7): warning DTG022: 'TODO 甲' still holds template text"
        },
        {
            "indicators/inconsistent.md",
            "---\nkind: indicator\nname:\n  zh: 表\n  en: Table\ntable: 表6\nunit: 亿美元\nseries:\n  - { id: total, name: { zh: 合计, en: Total }, unit: 亿美元 }\n  - { id: exports, name: { zh: 出口, en: Exports }, unit: 亿美元 }\n  - { id: imports, name: { zh: 进口, en: Imports }, unit: 亿美元 }\nrows:\n  - { period: 2024, economy: economies/china, total: 10.0, exports: 6.0, imports: 4.2 }\nchecks:\n  - sum: [exports, imports]\n    equals: total\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/indicators/inconsistent.md(13,54): warning DTG023: 表6: economies/china 2024: exports + imports = 10.2 but total prints 10.0 (the report disagrees with itself; the printed value is kept)"
        },
        {
            "economies/world.md",
            "---\nkind: economy\nname:\n  zh: 世界\n  en: World\nfigures:\n  - name: { zh: 出口, en: Exports }\n    value: 2327.0\n    unit: 亿美元\n    period: 2024\n    matches: { indicator: indicators/table, series: exports, economy: economies/china }\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/economies/world.md(11,14): warning DTG024: the text gives 2327.0 but 表6 prints 2327.1 (exports, economies/china, 2024); both are kept as printed"
        },
        {
            "cases/script-link.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n" + TestCorpus.InZh("See [the demo](JavaScript:alert(1))."),
            "graph-seed/cases/script-link.md(13,5): error DTG025: link 'JavaScript:alert(1)' uses the scheme 'javascript:', which narratives may not (allowed: http, https, mailto, or a relative link to an entity file)"
        },
        {
            "cases/deep-yaml.md",
            "---\nkind: case\nx: " + new string('[', 40) + new string(']', 40) + "\n" + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/deep-yaml.md(3,35): error DTG027: the front matter nests more than 32 levels deep (Corpus:Limits:MaxYamlDepth)"
        },
        {
            "cases/laughs.md",
            "---\nkind: case\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n" + TestCorpus.Body,
            "graph-seed/cases/laughs.md(7,36): error DTG028: the front matter has more than 100,000 nodes, counting each alias as the nodes it repeats (Corpus:Limits:MaxYamlNodes)"
        },
        {
            "cases/deep-list.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n" + string.Concat(Enumerable.Repeat("- ", 40)) + "item\n",
            "graph-seed/cases/deep-list.md(12,65): error DTG029: the narrative nests lists and block quotes more than 32 deep (Corpus:Limits:MaxMarkdownNesting)"
        },
        {
            "cases/one-language.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n::: zh\n只有中文。\n:::\n",
            "graph-seed/cases/one-language.md(12,1): error DTG033: the narrative has no '::: en' block: write the English narrative between a line '::: en' and a line ':::'"
        },
        {
            "cases/empty-body.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n",
            "graph-seed/cases/empty-body.md(12,1): warning DTG021: the narrative body is empty"
        },
        {
            "cases/general-no-reference.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  LOCATED_IN:\n    - target: provinces/zhejiang\n      origin: general\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/general-no-reference.md(8,7): error DTG040: a fact from general knowledge needs a 'reference': where it can be checked (the treaty text, the body's own site …)"
        },
        {
            "cases/old-marker.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\nrelations:\n  LOCATED_IN:\n    - target: provinces/zhejiang\n      note: \"general knowledge (not in the report): geography\"\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/cases/old-marker.md(9,13): error DTG040: the note marks general knowledge in free text: write 'origin: general' and 'reference: …' instead (tools/corpus-migrate/provenance.py converts old notes)"
        },
        {
            "cases/general-about-nothing.md",
            "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "  - origin: general\n    reference: example.org\n---\n" + TestCorpus.Body,
            "graph-seed/cases/general-about-nothing.md(11,5): error DTG040: a general-knowledge source needs 'about': the facts it vouches for (status, name.en, dates.signed, aliases.<alias> …)"
        },
        {
            "policies/undated.md",
            "---\nkind: policy\nname:\n  zh: 甲\n  en: A\nlevel: national\n" + Summary + Sources + "---\n" + TestCorpus.Body,
            "graph-seed/policies/undated.md(2,1): error DTG041: a policy states its dates: the date the report gives ('issued: 2024-05') or, when it gives none, 'issued: not_given'"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_code_and_position(string path, string content, string expected)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("indicators/table.md", TestCorpus.Entity("indicator", "中国出口", "China's exports",
            "table: 表6\nunit: 亿美元\nseries:\n  - { id: exports, name: { zh: 出口, en: Exports }, unit: 亿美元 }\nrows:\n  - { period: 2024, economy: economies/china, exports: 2327.1 }", "", "表。"));
        corpus.Write(path, content);

        var result = corpus.Load();

        Assert.Contains(expected, result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(expected.Contains(": error ", StringComparison.Ordinal), result.Snapshot is null);
    }

    /// <summary>Problems a file's text cannot show: its size, its bytes, what it is on disk, how many problems it has.</summary>
    public static TheoryData<string, string> FileCases => new()
    {
        { "too-large", "graph-seed/cases/big.md(1,1): error DTG026: the file has 1,048,577 bytes, more than the 1,048,576 allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities" },
        { "latin-1", "graph-seed/cases/latin.md(12,4): error DTG030: the file is not valid UTF-8: byte 0xE9 cannot be decoded; save the file as UTF-8" },
        { "link-out", "graph-seed/cases/secret.md(1,1): error DTG031: this is a symbolic link leading outside the corpus; it is not read (copy the file into the corpus instead)" },
        { "many", "graph-seed/cases/many.md(1,1): error DTG032: 100 more errors and 0 more warnings in this file are not listed (the first 200 problems are)" },
    };

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Each_problem_with_the_file_itself_is_reported_with_its_code_and_position(string setup, string expected)
    {
        using var corpus = TestCorpus.Valid();
        var head = "---\nkind: case\nname:\n  zh: 甲\n  en: A\n" + Summary + Sources + "---\n";
        switch (setup)
        {
            case "too-large":
                corpus.Write("cases/big.md", head + new string('x', (1024 * 1024) - System.Text.Encoding.UTF8.GetByteCount(head) + 1));
                break;
            case "latin-1":
                corpus.WriteBytes("cases/latin.md", [.. System.Text.Encoding.UTF8.GetBytes(head + "Caf"), 0xE9, .. "\n"u8]);
                break;
            case "link-out":
                corpus.Link("cases/secret.md", corpus.WriteOutside("secret.md", head + "A secret.\n"));
                break;
            case "many":
                corpus.Write("cases/many.md", head + TestCorpus.InZh(string.Concat(Enumerable.Range(0, 300).Select(i => $"[x{i}](../cases/nowhere-{i}.md)\n\n"))));
                break;
        }

        var result = corpus.Load();

        Assert.Contains(expected, result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Snapshot);
    }

    [Fact]
    public void Every_code_is_tested_and_documented_in_the_editors_guide()
    {
        var codes = typeof(DiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        var tested = Cases.Select(c => ((ITheoryDataRow)c).GetData()[2] as string ?? string.Empty)
            .Concat(FileCases.Select(c => ((ITheoryDataRow)c).GetData()[1] as string ?? string.Empty))
            .Select(m => m.Split(' ')[2].TrimEnd(':')).ToHashSet();
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "README.md"));

        Assert.All(codes.Where(c => c != DiagnosticCodes.CorpusNotFound), code => Assert.Contains(code, tested));
        Assert.All(codes, code => Assert.Contains($"| {code} |", guide, StringComparison.Ordinal));
    }
}
