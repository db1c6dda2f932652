using System.Text;
using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Every organisation, company and platform the report names is an entity (name or alias) or a reasoned
/// exclusion in graph-seed/excluded-organizations.yaml. Organisation names follow no reliable pattern
/// (unlike 《…》 titles), so the list in Report/organizations.txt was made by reading the whole report;
/// what can be re-derived mechanically is checked when the report is on the machine: each listed name
/// occurs in the report text, and the heading path listed with it is where it first occurs (headings
/// re-parsed from the report, parts and chapters taken from its own table of contents).
/// </summary>
public sealed partial class OrganizationCoverageTests
{
    internal static readonly Lazy<GraphSnapshot> Shipped = new(() =>
        CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot
        ?? throw new InvalidOperationException("graph-seed has errors; run validate"));

    [GeneratedRegex(@"[\s“”‘’""'《》〈〉<>（）()]")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"\s")]
    private static partial Regex Whitespace();

    [Fact]
    public void Every_named_organisation_is_an_entity_or_an_explained_exclusion()
    {
        var labels = Labels();
        var exclusions = ReadExclusions();
        var listed = Listed();

        var uncovered = listed.Where(o => !labels.ContainsKey(Normalize(o.Name)) && !exclusions.ContainsKey(o.Name)).Select(o => o.Name).ToList();
        var entities = listed.Count(o => labels.ContainsKey(Normalize(o.Name)));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"organisations named in the report: {listed.Count}; entities: {entities} ({100.0 * entities / listed.Count:F1}%); " +
            $"explained exclusions: {listed.Count - entities - uncovered.Count}; uncovered: {uncovered.Count}");

        Assert.True(uncovered.Count == 0, "organisations neither in the corpus nor in graph-seed/excluded-organizations.yaml:\n" + string.Join('\n', uncovered));
    }

    [Fact]
    public void Every_exclusion_is_listed_not_an_entity_and_has_a_reason()
    {
        var labels = Labels();
        var listed = Listed().Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(ReadExclusions(), e =>
        {
            Assert.True(listed.Contains(e.Key), $"exclusion '{e.Key}' is not a name in Report/organizations.txt (stale?)");
            Assert.False(labels.TryGetValue(Normalize(e.Key), out var key), $"exclusion '{e.Key}' is now entity '{key}'; remove the exclusion");
            Assert.False(string.IsNullOrWhiteSpace(e.Value.Reason), $"exclusion '{e.Key}' needs a reason");
            if (e.Value.DescribedIn is { } describedIn)
            {
                Assert.True(Shipped.Value.Find(describedIn) is not null, $"exclusion '{e.Key}' is described in '{describedIn}', which does not exist");
            }
        });
    }

    [Fact]
    public void The_vendored_list_names_each_organisation_once_with_a_section()
    {
        var listed = Listed();

        Assert.True(listed.Count > 150, $"the list looks truncated: {listed.Count} names");
        Assert.All(listed, o => Assert.False(string.IsNullOrWhiteSpace(o.Section), $"'{o.Name}' needs the heading path of its first appearance"));
        var duplicates = listed.GroupBy(o => Normalize(o.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "listed twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Each_listed_name_occurs_in_the_report_under_the_listed_heading_when_the_report_is_on_this_machine()
    {
        var report = ReportText.DefaultPath;
        if (!File.Exists(report))
        {
            Assert.Skip($"The report text is not on this machine ({report}; set DTG_REPORT to its path), so the vendored organisation list cannot be checked against it here.");
        }

        var text = ReportText.Read(File.ReadAllLines(report));
        var wrong = new List<string>();
        foreach (var (name, section) in Listed())
        {
            var at = text.Flat.IndexOf(Whitespace().Replace(name, string.Empty), StringComparison.Ordinal);
            if (at < 0)
            {
                wrong.Add($"'{name}' does not occur in the report");
            }
            else if (text.SectionAt(at) != section)
            {
                wrong.Add($"'{name}' first occurs under '{text.SectionAt(at)}', the list says '{section}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    internal static Dictionary<string, string> Labels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in Shipped.Value.Entities)
        {
            foreach (var label in entity.Aliases.Append(entity.Name.Zh).Append(entity.Name.En))
            {
                labels.TryAdd(Normalize(label), entity.Key);
            }
        }

        return labels;
    }

    private static List<(string Name, string Section)> Listed() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Report", "organizations.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty))];

    private static Dictionary<string, (string Reason, string? DescribedIn)> ReadExclusions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "excluded-organizations.yaml"))));
        var result = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Field(string name) => entry.Children.TryGetValue(new YamlScalarNode(name), out var v) ? ((YamlScalarNode)v).Value : null;
            Assert.True(result.TryAdd(Field("name")!, (Field("reason") ?? string.Empty, Field("described_in"))), $"'{Field("name")}' is excluded twice");
        }

        return result;
    }

    /// <summary>Names compare without whitespace, quotation marks and brackets, which the report uses inconsistently.</summary>
    internal static string Normalize(string name) => Decoration().Replace(name, string.Empty);
}
