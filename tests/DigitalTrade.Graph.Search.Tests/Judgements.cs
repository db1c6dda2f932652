using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>One judged query of judgements.yaml: what comes first and which entities are relevant at all.</summary>
public sealed class Judgement
{
    public string Query { get; set; } = string.Empty;

    public List<string> Top { get; set; } = [];

    /// <summary>Patterns of names: entities named for the topic also count as first (new entities named for it included).</summary>
    public List<string> TopNamed { get; set; } = [];

    public RelevanceRule Relevant { get; set; } = new();

    public List<string> Exclude { get; set; } = [];

    public List<string> Include { get; set; } = [];

    /// <summary>The size of the relevant set when the query was judged (documentation; the set is recomputed from the rule).</summary>
    public int Count { get; set; }

    public string Why { get; set; } = string.Empty;

    /// <summary>The relevant keys of <paramref name="snapshot"/>: the rule over names, aliases, summary and narrative, minus exclusions, plus inclusions.</summary>
    public HashSet<string> RelevantKeys(GraphSnapshot snapshot)
    {
        var keys = snapshot.Entities.Where(e => Relevant.Matches(Text(e))).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        keys.ExceptWith(Exclude);
        keys.UnionWith(Include.Where(k => snapshot.Find(k) is not null));
        return keys;
    }

    /// <summary>The listed keys and the entities whose name or alias matches a <see cref="TopNamed"/> pattern.</summary>
    public HashSet<string> FirstKeys(GraphSnapshot snapshot)
    {
        var keys = Top.ToHashSet(StringComparer.Ordinal);
        keys.UnionWith(snapshot.Entities.Where(e => TopNamed.Exists(p => RelevanceRule.Found(p, string.Join('\n', e.Name.Zh, e.Name.En, string.Join('\n', e.Aliases))))).Select(e => e.Key));
        return keys;
    }

    private static string Text(Entity e) =>
        string.Join('\n', e.Name.Zh, e.Name.En, string.Join(" ; ", e.Aliases), e.Summary?.Zh, e.Summary?.En, e.Narrative.Text);
}

/// <summary>Relevant when any pattern matches, or when every group has a matching pattern.</summary>
public sealed class RelevanceRule
{
    public List<string>? Any { get; set; }

    public List<List<string>>? All { get; set; }

    public bool Matches(string text) =>
        (Any is null || Any.Exists(p => Found(p, text))) && (All is null || All.TrueForAll(g => g.Exists(p => Found(p, text))));

    public static bool Found(string pattern, string text) =>
        Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

public static class Judgements
{
    private sealed class File
    {
        public List<Judgement> Queries { get; set; } = [];
    }

    public static IReadOnlyList<Judgement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "judgements.yaml");
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        return deserializer.Deserialize<File>(System.IO.File.ReadAllText(path)).Queries;
    }
}
