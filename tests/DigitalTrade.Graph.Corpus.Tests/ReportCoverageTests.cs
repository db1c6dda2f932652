using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// The corpus covers the whole report: every table with every printed value, and every 《…》
/// title either as an entity or as an explicit, reasoned exclusion (graph-seed/excluded-titles.yaml).
/// </summary>
public sealed partial class ReportCoverageTests
{
    /// <summary>
    /// Per table: rows as the corpus keeps them (one per period and economy) and printed values,
    /// counted from the report's tables (a '-' is no value). Table 2 is kept transposed: its
    /// printed rows (8 industries) are series, its printed columns (3 years) are rows.
    /// </summary>
    public static TheoryData<string, string, int, int> Tables => new()
    {
        { "indicators/table-01-global-digitally-delivered-exports", "表1", 15, 60 },
        { "indicators/table-02-global-digitally-delivered-export-shares", "表2", 3, 24 },
        { "indicators/table-03-top-10-exporters", "表3", 50, 110 },
        { "indicators/table-04-top-10-importers", "表4", 50, 110 },
        { "indicators/table-05-regional-trade", "表5", 30, 60 },
        { "indicators/table-06-china-digitally-deliverable-services", "表6", 9, 54 },
        { "indicators/table-07-china-digitally-delivered-services", "表7", 11, 66 },
        { "indicators/table-08-china-ict-services", "表8", 5, 30 },
        { "indicators/table-09-china-personal-cultural-recreational-services", "表9", 5, 30 },
        { "indicators/table-10-china-insurance-services", "表10", 5, 30 },
        { "indicators/table-11-china-financial-services", "表11", 5, 30 },
        { "indicators/table-11-china-cross-border-ecommerce", "表11", 7, 39 },
    };

    private static readonly Lazy<GraphSnapshot> Shipped = new(() =>
        CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot
        ?? throw new InvalidOperationException("graph-seed has errors; run validate"));

    [GeneratedRegex(@"《([^《》]*(?:《[^《》]*》[^《》]*)*)》")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex PageBreak();

    [GeneratedRegex(@"[\s《》〈〉<>（）()]")]
    private static partial Regex Decoration();

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_table_is_present_with_every_printed_value(string key, string table, int rows, int values)
    {
        var indicator = Shipped.Value.Find(key)?.Indicator;

        Assert.NotNull(indicator);
        Assert.Equal(table, indicator.Table);
        Assert.Equal(rows, indicator.Observations.Select(o => (o.Period, o.Economy)).Distinct().Count());
        Assert.Equal(values, indicator.Observations.Count);
    }

    [Fact]
    public void The_report_has_twelve_tables_and_all_are_in_the_corpus()
    {
        Assert.Equal(12, Shipped.Value.OfKind(EntityKind.Indicator).Count);
        Assert.Equal(12, Tables.Count);
    }

    [Fact]
    public void Every_titled_policy_or_agreement_is_an_entity_or_an_explained_exclusion()
    {
        var labels = Shipped.Value.Entities
            .SelectMany(e => e.Aliases.Append(e.Name.Zh))
            .Select(Normalize)
            .ToHashSet(StringComparer.Ordinal);
        var exclusions = ReadExclusions();

        var uncovered = ReportTitles().Where(t => !labels.Contains(Normalize(t)) && !exclusions.ContainsKey(t)).ToList();

        Assert.True(uncovered.Count == 0, "titles neither in the corpus nor in graph-seed/excluded-titles.yaml:\n" + string.Join('\n', uncovered));
        Assert.All(exclusions, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Value.Reason), $"exclusion '{e.Key}' needs a reason");
            Assert.DoesNotContain(Normalize(e.Key), labels);
            if (e.Value.RefersTo is { } key)
            {
                Assert.True(Shipped.Value.Find(key) is not null, $"exclusion '{e.Key}' refers to '{key}', which does not exist");
            }
        });
    }

    [Fact]
    public void The_vendored_title_list_matches_the_report_when_it_is_on_this_machine()
    {
        var report = Environment.GetEnvironmentVariable("DTG_REPORT")
            ?? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "source", "report-on-chinas-digital-trade-2025.txt"));
        if (!File.Exists(report))
        {
            Assert.Skip($"The report text is not on this machine ({report}; set DTG_REPORT to its path), so the vendored title list cannot be re-derived here.");
        }

        var fromReport = TitlePattern().Matches(File.ReadAllText(report)).Select(m => PageBreak().Replace(m.Groups[1].Value, string.Empty)).Distinct().ToList();

        Assert.Equal(fromReport, ReportTitles());
    }

    private static List<string> ReportTitles() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Report", "titles.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static Dictionary<string, (string Reason, string? RefersTo)> ReadExclusions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "excluded-titles.yaml"))));
        var result = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Field(string name) => entry.Children.TryGetValue(new YamlScalarNode(name), out var v) ? ((YamlScalarNode)v).Value : null;
            result[Field("title")!] = (Field("reason") ?? string.Empty, Field("refers_to"));
        }

        return result;
    }

    private static string Normalize(string title) => Decoration().Replace(title, string.Empty);
}
