using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Random, mutated and hostile Markdown/YAML never make the loader throw or hang; every problem becomes a
/// positioned diagnostic, and no rendered narrative carries a link that could run script.
/// </summary>
public sealed class LoaderFuzzTests
{
    private static readonly string[] Pieces =
    [
        "---", "\n", ":", " ", "  ", "\t", "-", "[", "]", "{", "}", "\"", "'", "#", "&a", "*a", "!!binary", "|", ">", "?", ",",
        "kind: case", "name:", "zh: 甲", "en: A", "relations:", "LOCATED_IN:", "provinces/zhejiang", "target:", "figures:", "value: 1e3",
        "dates:", "started: 2024-13", "rows:", "series:", "sources:", "section:", "[link](../x.md)", "](", "\u0000", "\ufeff", "中文", "\r\n",
    ];

    private const string Head = TestCorpus.CaseFrontMatter;

    /// <summary>No single load of a fuzzed file may take longer than this (they take milliseconds idle).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public void Mutated_files_never_throw_and_every_diagnostic_has_a_position()
    {
        var valid = TestCorpus.Entity("case", "甲", "A", "theme: overview", "relations:\n  LOCATED_IN: provinces/zhejiang", "见 [浙江](../provinces/zhejiang.md)。");
        var mutations =
            from position in Gen.Choose(0, valid.Length)
            from cut in Gen.Choose(0, 20)
            from insert in Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p))
            select valid[..position] + insert + valid[Math.Min(valid.Length, position + cut)..];

        Prop.ForAll(mutations.ToArbitrary(), content => Survives(content).Ok).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var text = Gen.OneOf(
            Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p)),
            ArbMap.Default.GeneratorFor<string>().Select(s => "---\n" + (s ?? string.Empty)));

        Prop.ForAll(text.ToArbitrary(), content => Survives(content).Ok).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    /// <summary>Nesting bombs in every YAML style, any depth: refused (DTG027) exactly when deeper than the bound, never a crash.</summary>
    [Fact]
    public void Yaml_nesting_bombs_are_refused_exactly_past_the_bound()
    {
        var openers = Gen.Elements("[", "{a: ", "[1, ", "{k: v, a: ");
        var flow =
            from depth in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(1, 5_000)) // around the bound as often as far past it
            from kinds in Gen.ArrayOf(openers, depth)
            select (Depth: depth, Yaml: "x: " + string.Concat(kinds) + "z" + string.Concat(kinds.Reverse().Select(k => k.StartsWith('[') ? "]" : "}")));
        var block =
            from depth in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(1, 700))
            from sequence in Gen.Elements(true, false)
            select (Depth: depth, Yaml: "x:\n" + string.Concat(Enumerable.Range(1, depth).Select(i => new string(' ', i) + (sequence ? "-\n" : "a:\n"))) + new string(' ', depth + 1) + "z");

        Prop.ForAll(Gen.OneOf(flow, block).ToArbitrary(), bomb =>
        {
            var (ok, result) = Survives(Head + bomb.Yaml + "\n---\n" + TestCorpus.Body);
            var refused = result.Diagnostics.Any(d => d.Code == DiagnosticCodes.YamlTooDeep);
            return ok && refused == (bomb.Depth + 1 > CorpusLimits.Default.MaxYamlDepth);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    /// <summary>Alias chains of any depth and width: refused (DTG028) when what they expand to passes the bound, within milliseconds.</summary>
    [Fact]
    public void Yaml_alias_bombs_are_refused_when_their_expansion_passes_the_bound()
    {
        var bombs =
            from levels in Gen.Choose(1, 12)
            from width in Gen.Choose(1, 12)
            from block in Gen.Elements(true, false)
            select (Expansion: Expansion(levels, width), Yaml: Laughs(levels, width, block));

        Prop.ForAll(bombs.ToArbitrary(), bomb =>
        {
            var (ok, result) = Survives(bomb.Yaml + "kind: case\nname: { zh: 甲, en: A }\n---\n" + TestCorpus.Body);
            var refused = result.Diagnostics.Any(d => d.Code == DiagnosticCodes.YamlTooLarge);

            // The chain is most of what is counted; a few keys and scalars around it may tip a chain right at the bound.
            var margin = 50;
            return ok && (bomb.Expansion > CorpusLimits.Default.MaxYamlNodes + margin ? refused
                : bomb.Expansion + margin < CorpusLimits.Default.MaxYamlNodes ? !refused : true);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    /// <summary>
    /// Every Markdown link form with a hostile scheme spelt the ways browsers still read as that scheme
    /// (any case, letters as entities, tabs and line breaks inside, control characters before): each is a
    /// DTG025, and the narrative rendered regardless of the diagnostics has no href or src with a scheme.
    /// </summary>
    [Fact]
    public void Hostile_link_schemes_are_refused_and_never_rendered_in_any_form()
    {
        var schemes = Gen.Elements("javascript", "vbscript", "data", "file", "livescript", "jar", "blob", "filesystem", "ms-its", "x-schema");
        var spelt =
            from scheme in schemes
            from letters in Gen.ArrayOf(Gen.Choose(0, 5), scheme.Length)
            from prefix in Gen.Elements(string.Empty, "&#1;", "&#x20;", "&#x1F;&#9;")
            from colon in Gen.Elements(":", "&#58;", "&colon;", "&#x3A;")
            select prefix + string.Concat(scheme.Select((c, i) => Spell(c, letters[i]))) + colon + "alert(document.domain)";
        var links =
            from target in spelt
            from form in Gen.Elements(LinkSchemeTests.Forms)
            select form.Write(target);
        var narratives = Gen.ListOf(links).Where(l => l.Count > 0).Select(l => string.Join("\n\n", l.Select((link, i) => link.Replace("[ref]", $"[ref{i}]", StringComparison.Ordinal))));

        Prop.ForAll(narratives.ToArbitrary(), markdown =>
        {
            var (ok, result) = Survives(Head + "---\n" + TestCorpus.InZh(markdown));
            var bag = new DiagnosticBag("x.md");
            var file = FrontMatter.Split("---\nkind: case\n---\n" + markdown, bag)!;
            var html = NarrativeReader.Read(file, "/corpus/cases/x.md", "/corpus", bag, new HashSet<string>(), 32)?.Render().Html ?? string.Empty;
            return ok && result.Diagnostics.Any(d => d.Code == DiagnosticCodes.DisallowedLink) && LinkSchemeTests.Targets(html).All(LinkSchemeTests.IsSafe);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    /// <summary>Autolinks take their target as written, so only case can disguise the scheme there.</summary>
    [Fact]
    public void Hostile_autolinks_are_refused_in_any_case()
    {
        var autolinks =
            from scheme in Gen.Elements("javascript", "vbscript", "data", "file", "jar")
            from upper in Gen.ArrayOf(Gen.Elements(true, false), scheme.Length)
            select "<" + string.Concat(scheme.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)) + ":alert(1)>";

        Prop.ForAll(autolinks.ToArbitrary(), autolink =>
        {
            var (ok, result) = Survives(Head + "---\n" + TestCorpus.InZh("See " + autolink + "."));
            return ok && result.Diagnostics.Any(d => d.Code == DiagnosticCodes.DisallowedLink && d.Line == 13 && d.Column == 5);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(50));
    }

    /// <summary>
    /// Random Markdown built from nesting pieces (markers, indentation, lazy lines, emphasis, brackets) in
    /// long runs: the measure before Markdig must catch every nesting Markdig would refuse itself, and the
    /// load stays within the bound.
    /// </summary>
    [Fact]
    public void Markdown_nesting_bombs_are_caught_before_markdig_and_load_within_the_bound()
    {
        string[] pieces = ["- ", "> ", "1. ", "* ", "  ", "   ", "    ", "\t", "*", "**", "_", "~", "^", "[", "![", "](x)", "]", "a", " ", "\n", "\n\n", "b\n", "\\"];
        var runs =
            from piece in Gen.Elements(pieces)
            from count in Gen.OneOf(Gen.Choose(1, 3), Gen.Choose(1, 200))
            select string.Concat(Enumerable.Repeat(piece, count));
        var bodies = Gen.ListOf(runs).Select(r => string.Concat(r));

        Prop.ForAll(bodies.ToArbitrary(), body =>
        {
            var (ok, result) = Survives(Head + "---\n" + body + "\n");
            return ok && !result.Diagnostics.Any(d => d.Code == DiagnosticCodes.MarkdownTooDeep && d.Message.Contains("too deeply:", StringComparison.Ordinal));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    /// <summary>A letter as browsers still read it: itself, upper-cased, a decimal or hex entity, or with a tab or line break before it.</summary>
    private static string Spell(char c, int how) => how switch
    {
        1 => char.ToUpperInvariant(c).ToString(),
        2 => string.Create(CultureInfo.InvariantCulture, $"&#{(int)c};"),
        3 => string.Create(CultureInfo.InvariantCulture, $"&#x{(int)c:X};"),
        4 => "&#9;" + c,
        5 => "&#10;" + c,
        _ => c.ToString(),
    };

    /// <summary>Nodes a chain of <paramref name="levels"/> anchors, each a list of <paramref name="width"/> aliases to the one before, expands to.</summary>
    private static long Expansion(int levels, int width)
    {
        var (size, total) = (1L + width, 1L + width + 1);
        for (var level = 1; level < levels; level++)
        {
            size = 1 + (width * size);
            total += size + 1;
        }

        return total;
    }

    private static string Laughs(int levels, int width, bool block)
    {
        var text = new System.Text.StringBuilder("---\n");
        for (var level = 0; level < levels; level++)
        {
            var items = level == 0 ? Enumerable.Repeat("lol", width) : Enumerable.Repeat($"*l{level - 1}", width);
            text.Append(block
                ? $"l{level}: &l{level}\n" + string.Concat(items.Select(i => $"  - {i}\n"))
                : $"l{level}: &l{level} [{string.Join(", ", items)}]\n");
        }

        return text.ToString();
    }

    /// <summary>Loads a valid corpus plus the content as one file: no exception, within the bound, every diagnostic positioned, errors whenever nothing is served.</summary>
    private static (bool Ok, CorpusLoadResult Result) Survives(string content)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/fuzzed.md", content);

        var clock = Stopwatch.StartNew();
        var result = corpus.Load();
        var elapsed = clock.Elapsed;

        var lines = content.Split('\n').Length + 1;
        var fuzzed = result.Diagnostics.Where(d => d.Path.EndsWith("cases/fuzzed.md", StringComparison.Ordinal)).ToList();
        var ok = elapsed < Bound
            && result.Diagnostics.All(d => d.Line >= 1 && d.Column >= 1)
            && fuzzed.All(d => d.Line <= lines)
            && (result.Succeeded || result.Diagnostics.Any(d => d.IsError))
            && (result.Snapshot is null || result.Snapshot.Entities.All(e => LinkSchemeTests.Targets(e.Narrative.Html).All(LinkSchemeTests.IsSafe)));
        return (ok, result);
    }
}
