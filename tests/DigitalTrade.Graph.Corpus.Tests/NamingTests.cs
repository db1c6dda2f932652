using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// One thing, one name in each language: no two entities share a Chinese or an English name, and
/// English link text in the narratives does not call an entity by a name that contradicts its English
/// name (the way 信贸链 was once rendered three ways). Link text may shorten, pluralise or abbreviate
/// the name; it may not bring in a word the name does not have.
/// </summary>
public sealed partial class NamingTests
{
    private static readonly string SeedRoot = Path.Combine(RepositoryRoot.Path, "graph-seed");

    private static readonly Lazy<GraphSnapshot> Shipped = new(() =>
        CorpusLoader.Load(SeedRoot).Snapshot ?? throw new InvalidOperationException("graph-seed has errors; run validate"));

    [GeneratedRegex(@"[\s“”‘’""'《》〈〉<>（）()]")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<href>[^)\s]+?\.md)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^Table (?<n>\d+)$")]
    private static partial Regex TableReference();

    [Fact]
    public void No_two_entities_share_a_Chinese_name_or_use_one_as_an_alias()
    {
        var owners = Shipped.Value.Entities
            .SelectMany(e => e.Aliases.Where(a => Chinese().IsMatch(a)).Append(e.Name.Zh).Select(label => (Label: Decoration().Replace(label, string.Empty), e.Key)))
            .GroupBy(x => x.Label, StringComparer.Ordinal)
            .Select(g => (g.Key, Keys: g.Select(x => x.Key).Distinct().ToList()))
            .Where(g => g.Keys.Count > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Keys)}")
            .ToList();

        Assert.True(owners.Count == 0, "one Chinese name, several entities:\n" + string.Join('\n', owners));
    }

    [Fact]
    public void No_two_entities_share_an_English_name()
    {
        var shared = Shipped.Value.Entities
            .GroupBy(e => e.Name.En.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Key))}")
            .ToList();

        Assert.True(shared.Count == 0, "one English name, several entities:\n" + string.Join('\n', shared));
    }

    [Fact]
    public void English_link_text_agrees_with_the_English_name_of_the_entity_it_links_to()
    {
        var snapshot = Shipped.Value;
        var latinNames = snapshot.Entities.ToDictionary(e => e.Key, e => e.Aliases.Where(a => !Chinese().IsMatch(a)).Prepend(e.Name.En).ToList(), StringComparer.Ordinal);
        var anyName = new Regex(
            @"(?<![\p{L}\p{N}])(?:" + string.Join('|', latinNames.Values.SelectMany(n => n).Where(n => n.Length > 1).Distinct().OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(5));

        var checkedLinks = 0;
        var contradictions = new List<string>();
        foreach (var (file, key, text) in Links(snapshot))
        {
            checkedLinks++;
            var target = snapshot.Find(key)!;
            var names = latinNames[key];
            if (names.Contains(text, StringComparer.Ordinal) || IsTableReference(target, text))
            {
                continue;
            }

            var namedElsewhere = snapshot.Entities.FirstOrDefault(e => e.Key != key && e.Kind == target.Kind && latinNames[e.Key].Contains(text, StringComparer.Ordinal));
            if (namedElsewhere is not null)
            {
                contradictions.Add($"{file}: [{text}] links to {key}, but '{text}' is the English name of {namedElsewhere.Key}");
                continue;
            }

            // Names of other entities inside the text are qualifiers ("Singapore's", "the EU's"), not a rendering of this one.
            var vocabulary = names.SelectMany(n => Words(n)).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var foreign = Words(anyName.Replace(text, " "))
                .Where(w => w.Length > 1 && w.Any(char.IsUpper) && !w.All(char.IsDigit))
                .Where(w => !Known(w, vocabulary, names))
                .ToList();
            if (foreign.Count > 0)
            {
                contradictions.Add($"{file}: [{text}] links to {key} ('{target.Name.En}'), but its English name has no '{string.Join("', '", foreign)}'");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"English link texts checked: {checkedLinks}; contradicting the target's English name: {contradictions.Count}");
        Assert.True(checkedLinks > 500, $"only {checkedLinks} links found; is the narrative format still Markdown links?");
        Assert.True(contradictions.Count == 0, string.Join('\n', contradictions));
    }

    /// <summary>Every link of every narrative whose text is in Latin script, with the file and the key it resolves to.</summary>
    private static IEnumerable<(string File, string Key, string Text)> Links(GraphSnapshot snapshot)
    {
        foreach (var path in Directory.EnumerateFiles(SeedRoot, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            var fences = lines.Select((l, i) => (l, i)).Where(x => x.l.TrimEnd() == "---").Select(x => x.i).Take(2).ToList();
            if (fences is not [0, var close])
            {
                continue;
            }

            var body = string.Join('\n', lines.Skip(close + 1));
            foreach (Match link in MarkdownLink().Matches(body))
            {
                var text = link.Groups["text"].Value;
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, link.Groups["href"].Value));
                var key = Path.ChangeExtension(Path.GetRelativePath(SeedRoot, full), null).Replace('\\', '/');
                if (!Chinese().IsMatch(text) && snapshot.Find(key) is not null)
                {
                    yield return (Path.GetRelativePath(RepositoryRoot.Path, path), key, text);
                }
            }
        }
    }

    /// <summary>
    /// A capitalised word of the link text is known when the target's English names have it, a form of it
    /// (Asian/Asia, Chinese/China: a shared stem of four letters or more), or spell it out (FTZ, AI, UN).
    /// </summary>
    private static bool Known(string word, HashSet<string> vocabulary, List<string> names)
    {
        var lower = word.ToLowerInvariant();
        if (vocabulary.Contains(lower) || vocabulary.Any(v => SharedStem(v, lower)))
        {
            return true;
        }

        return word.Length > 1 && word.All(char.IsUpper) && names.Any(n => SpellsOut(lower, [.. Words(n).Select(w => char.ToLowerInvariant(w[0]))]));
    }

    private static bool SharedStem(string a, string b)
    {
        var shorter = Math.Min(a.Length, b.Length);
        var common = 0;
        while (common < shorter && a[common] == b[common])
        {
            common++;
        }

        return common >= 4 && common >= 0.8 * shorter;
    }

    private static bool SpellsOut(string acronym, char[] initials)
    {
        for (var start = 0; start + acronym.Length <= initials.Length; start++)
        {
            if (acronym.AsSpan().SequenceEqual(initials.AsSpan(start, acronym.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTableReference(Entity target, string text) =>
        target.Indicator is { } table && TableReference().Match(text) is { Success: true } m && table.Table == "表" + m.Groups["n"].Value;

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);
}
