using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Every event the report names is an event entity (name or alias) or a reasoned exclusion in
/// graph-seed/excluded-events.yaml. The names are vendored in Report/events.txt; when the report is on the
/// machine the list is re-derived as far as a machine can: each name occurs under its listed heading, and
/// every word that marks an event (峰会, 论坛, 大赛, 对接会, …) anywhere in the report lies inside a listed name,
/// so an event the list forgot fails the test.
/// </summary>
public sealed partial class EventCoverageTests
{
    /// <summary>The words that end or mark an event name in the report. 培训 and 会议 alone are too common; their event forms are listed.</summary>
    [GeneratedRegex("峰会|论坛|博览会|交易会|大赛|圆桌会|对接会|研讨会|年会|交流会|交流活动|座谈会|发布会|展会|研修班|开幕式|大会|盛会|测绘展|版权展|地信周|数交会|双十一|沙龙会|专题培训|培训指导会|部级会议|代表会议|常务会议|highcool")]
    private static partial Regex EventWord();

    [GeneratedRegex(@"\s")]
    private static partial Regex Whitespace();

    [Fact]
    public void Every_named_event_is_an_event_entity_or_an_explained_exclusion()
    {
        var labels = EventLabels();
        var exclusions = ReadExclusions();
        var listed = Listed();

        var uncovered = listed.Where(e => !labels.ContainsKey(OrganizationCoverageTests.Normalize(e.Name)) && !exclusions.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var entities = listed.Count(e => labels.ContainsKey(OrganizationCoverageTests.Normalize(e.Name)));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"event names in the report: {listed.Count}; event entities: {entities} ({100.0 * entities / listed.Count:F1}%) in {labels.Values.Distinct().Count()} files; " +
            $"explained exclusions: {listed.Count - entities - uncovered.Count}; uncovered: {uncovered.Count}");

        Assert.True(uncovered.Count == 0, "events neither in graph-seed/events nor in graph-seed/excluded-events.yaml:\n" + string.Join('\n', uncovered));
    }

    [Fact]
    public void Every_event_entity_carries_a_name_the_report_prints()
    {
        var listed = Listed().Select(e => OrganizationCoverageTests.Normalize(e.Name)).ToHashSet(StringComparer.Ordinal);
        var events = OrganizationCoverageTests.Shipped.Value.OfKind(EntityKind.Event).ToList();

        Assert.True(events.Count >= 30, $"{events.Count} events");
        Assert.All(events, e => Assert.True(
            e.Aliases.Append(e.Name.Zh).Any(label => listed.Contains(OrganizationCoverageTests.Normalize(label))),
            $"{e.Key}: neither its name nor an alias is an event name of Report/events.txt"));
    }

    [Fact]
    public void Every_exclusion_is_listed_not_an_entity_and_has_a_reason()
    {
        var labels = OrganizationCoverageTests.Labels();
        var listed = Listed().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

        var exclusions = ReadExclusions();
        Assert.NotEmpty(exclusions);
        Assert.All(exclusions, e =>
        {
            Assert.True(listed.Contains(e.Key), $"exclusion '{e.Key}' is not a name in Report/events.txt (stale?)");
            Assert.False(labels.TryGetValue(OrganizationCoverageTests.Normalize(e.Key), out var key), $"exclusion '{e.Key}' is now entity '{key}'; remove the exclusion");
            Assert.False(string.IsNullOrWhiteSpace(e.Value.Reason), $"exclusion '{e.Key}' needs a reason");
            Assert.Contains(e.Value.Category, (string[])["aggregate", "generic", "award"]);
            Assert.True(e.Value.DescribedIn is { } d && OrganizationCoverageTests.Shipped.Value.Find(d) is not null,
                $"exclusion '{e.Key}' must name the entity that describes it in described_in ('{e.Value.DescribedIn}' does not exist)");
        });
    }

    [Fact]
    public void The_vendored_list_names_each_event_once_with_a_section()
    {
        var listed = Listed();

        Assert.True(listed.Count > 40, $"the list looks truncated: {listed.Count} names");
        Assert.All(listed, e => Assert.False(string.IsNullOrWhiteSpace(e.Section), $"'{e.Name}' needs the heading path of its first appearance"));
        var duplicates = listed.GroupBy(e => OrganizationCoverageTests.Normalize(e.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "listed twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void The_list_is_the_report_s_own_when_the_report_is_on_this_machine()
    {
        var report = ReportText.DefaultPath;
        if (!File.Exists(report))
        {
            Assert.Skip($"The report text is not on this machine ({report}; set DTG_REPORT to its path), so the vendored event list cannot be re-derived here.");
        }

        var text = ReportText.Read(File.ReadAllLines(report));
        var wrong = new List<string>();
        var spans = new List<(int Start, int End)>();
        foreach (var (name, section) in Listed())
        {
            var flatName = Whitespace().Replace(name, string.Empty);
            var at = text.Flat.IndexOf(flatName, StringComparison.Ordinal);
            if (at < 0)
            {
                wrong.Add($"'{name}' does not occur in the report");
                continue;
            }

            if (text.SectionAt(at) != section)
            {
                wrong.Add($"'{name}' first occurs under '{text.SectionAt(at)}', the list says '{section}'");
            }

            for (; at >= 0; at = text.Flat.IndexOf(flatName, at + 1, StringComparison.Ordinal))
            {
                spans.Add((at, at + flatName.Length));
            }
        }

        var words = EventWord().Matches(text.Flat).ToList();
        foreach (var word in words.Where(w => !spans.Any(s => s.Start <= w.Index && w.Index + w.Length <= s.End)))
        {
            var from = Math.Max(0, word.Index - 20);
            wrong.Add($"'{word.Value}' under '{text.SectionAt(word.Index)}' is inside no listed name: …{text.Flat[from..Math.Min(text.Flat.Length, word.Index + word.Length + 8)]}…");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{words.Count} event words in the report, each inside one of {spans.Count} occurrences of listed names");
        Assert.True(words.Count > 50, $"only {words.Count} event words found: is the report text complete?");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private static Dictionary<string, string> EventLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in OrganizationCoverageTests.Shipped.Value.OfKind(EntityKind.Event))
        {
            foreach (var label in entity.Aliases.Append(entity.Name.Zh).Append(entity.Name.En))
            {
                labels.TryAdd(OrganizationCoverageTests.Normalize(label), entity.Key);
            }
        }

        return labels;
    }

    private static List<(string Name, string Section)> Listed() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Report", "events.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty))];

    private static Dictionary<string, (string Reason, string Category, string? DescribedIn)> ReadExclusions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "excluded-events.yaml"))));
        var result = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        foreach (var entry in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Field(string name) => entry.Children.TryGetValue(new YamlScalarNode(name), out var v) ? ((YamlScalarNode)v).Value : null;
            Assert.True(result.TryAdd(Field("name")!, (Field("reason") ?? string.Empty, Field("category") ?? string.Empty, Field("described_in"))), $"'{Field("name")}' is excluded twice");
        }

        return result;
    }
}
