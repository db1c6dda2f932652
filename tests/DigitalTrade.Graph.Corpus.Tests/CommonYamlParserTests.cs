using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// The fast pass over the common YAML subset must give exactly YamlDotNet's events (values, styles, every position)
/// whenever it accepts a text, and accept nothing YamlDotNet refuses: checked on every front matter of the shipped
/// corpus, on synthetic-corpus shapes, and on thousands of mutations of them.
/// </summary>
public sealed class CommonYamlParserTests
{
    private static readonly int MaxNodes = CorpusLimits.Default.MaxYamlNodes;

    /// <summary>The shapes the synthetic corpus (bench/generate) writes, which the fast pass exists for.</summary>
    private const string SyntheticCase = """
        kind: case
        name:
          zh: "香港推动软件信息服务发展案例0"
          en: "Hong Kong: advancing software and information services, case 0"
        theme: technology_ecosystem
        dates:
          started: 2015-12-07
        relations:
          LOCATED_IN: [provinces/hong-kong, cities/city-03568]
          IMPLEMENTS: [policies/policy-04727]
        figures:
          - name: { zh: "服务外包规模0", en: "service outsourcing volume 0" }
            value: -1264.2
            unit: "家"
            period: 2024
            source: { section: "专题篇 > 跨境数据流动" }
        rows:
          - { period: 2020, economy: economies/economy-00415, exports: 4292.1, growth: 5215.4 }
          - { }
        empty:
        also: []
        sources:
          - section: "专题篇 > 跨境数据流动"
          - plain text, with [brackets] and "quotes" and R&D
        """;

    [Fact]
    public void Every_shipped_front_matter_it_accepts_gives_yamldotnets_events()
    {
        var accepted = 0;
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "graph-seed"), "*.md", SearchOption.AllDirectories);
        foreach (var file in files)
        {
            if (FrontMatter.Split(File.ReadAllText(file), new DiagnosticBag(file)) is not { } split)
            {
                continue;
            }

            if (Compare(split.Yaml) is true)
            {
                accepted++;
            }
        }

        // The shipped corpus is written in the subset almost everywhere: the fast pass must actually be taken.
        Assert.True(accepted > files.Length / 2, $"only {accepted} of {files.Length} front matters took the fast pass");
    }

    [Theory]
    [InlineData(SyntheticCase)]
    [InlineData(SyntheticCase + "\n")]
    [InlineData(SyntheticCase + "\n\n\n")]
    [InlineData("a: b")]
    [InlineData("a: {k: v}")]
    [InlineData("a:\n- x\n- k: v\n  m:\n    n: o\n  q: [r]\n  l:\n  - i\nb: c\nd:\n- e\n")]
    [InlineData("a:\n  b: c\n\n\nd: e\n\n")]
    [InlineData("a:\n  - x\n  - y: z\n    w: [ \"q\" ,  r ]\nb:    spaced value   ")]
    public void Synthetic_shapes_are_accepted_and_equal(string yaml) =>
        Assert.True(Compare(yaml), "the fast pass refused a text in its subset");

    [Theory]
    [InlineData("a: b # comment")]
    [InlineData("a: &x b\nc: *x")]
    [InlineData("a: !tag b")]
    [InlineData("a: 'single'")]
    [InlineData("a: \"esc\\\"aped\"")]
    [InlineData("a: |\n  block")]
    [InlineData("a: multi\n  line")]
    [InlineData("a: b\na: c")]
    [InlineData("a:\n-\n  x")]
    [InlineData("a: b: c")]
    [InlineData("a: [x, [y]]")]
    [InlineData("a:\tb")]
    [InlineData("a: b\n  \nc: d")]
    [InlineData("a: [x,]")]
    [InlineData("a: \"unclosed")]
    [InlineData(" a: indented top")]
    public void Anything_else_is_left_to_yamldotnet(string yaml)
    {
        Assert.Null(CommonYamlParser.TryParse(yaml, MaxNodes));
        Compare(yaml);
    }

    /// <summary>Random edits of YAML-significant characters, lines and indentation: accepted only when equal, never when YamlDotNet refuses.</summary>
    [Fact]
    public void Mutations_are_accepted_only_with_yamldotnets_events()
    {
        var random = new Random(15);
        const string Significant = " \n-:,[]{}#&*!|>'\"%@`?\\\tab0.~";
        var seeds = new[] { SyntheticCase, "a:\n  - x\n  - y: z\n    w: [ \"q\" ,  r ]\nb: v", "a:\n- x\n- k: v\n  l:\n  - i\nb: c" };
        var (accepted, total) = (0, 0);
        for (var i = 0; i < 6_000; i++)
        {
            var text = seeds[i % seeds.Length].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0:
                        text.RemoveAt(at);
                        break;
                    case 1:
                        text.Insert(at, Significant[random.Next(Significant.Length)]);
                        break;
                    default:
                        text[at] = Significant[random.Next(Significant.Length)];
                        break;
                }
            }

            total++;
            if (Compare(new string([.. text])) is true)
            {
                accepted++;
            }
        }

        // Both outcomes must be exercised, or the comparison proves nothing.
        Assert.InRange(accepted, total / 20, total - (total / 20));
    }

    [Fact]
    public void Deep_or_long_input_is_refused_in_linear_time_without_recursing()
    {
        var deep = string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 5_000) + "b";
        var wide = "a: [" + string.Join(", ", Enumerable.Repeat("x", 200_000)) + "]";
        var stopwatch = Stopwatch.StartNew();
        Assert.Null(CommonYamlParser.TryParse(deep, MaxNodes));
        Assert.NotNull(CommonYamlParser.TryParse(wide, 300_000));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{stopwatch.ElapsedMilliseconds} ms");
    }

    /// <summary>The bounds stop the fast pass's events exactly where they stop YamlDotNet's (same position, same message).</summary>
    [Theory]
    [InlineData(4, 1_000)]
    [InlineData(32, 50)]
    [InlineData(32, 100_000)]
    public void Limits_stop_the_fast_pass_where_they_stop_yamldotnet(int maxDepth, int maxNodes)
    {
        var deep = "a:\n" + string.Concat(Enumerable.Range(1, 8).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 18) + "b: c";
        var wide = "a: [" + string.Join(", ", Enumerable.Range(0, 60_000).Select(i => $"x{i}")) + "]\nb: [" + string.Join(", ", Enumerable.Range(0, 60_000).Select(i => $"y{i}")) + "]";
        var fields = string.Join('\n', Enumerable.Range(0, 120).Select(i => $"k{i}: {{ zh: \"甲\", en: b }}"));
        foreach (var yaml in new[] { deep, wide, fields })
        {
            var expected = Limit(new Parser(new StringReader(yaml)), maxDepth, maxNodes);
            var fast = CommonYamlParser.TryParse(yaml, maxNodes);
            Assert.Equal(expected, fast is null ? expected : Limit(fast, maxDepth, maxNodes));
        }

        // Too many nodes for the bound: the fast pass holds no more than the bound's events and leaves the text to YamlDotNet.
        Assert.Null(CommonYamlParser.TryParse(wide, 50));
    }

    private static string Limit(IParser events, int maxDepth, int maxNodes)
    {
        var bounded = new BoundedYamlParser(events, maxDepth, maxNodes);
        try
        {
            while (bounded.MoveNext())
            {
            }

            return "read";
        }
        catch (YamlLimitException e)
        {
            return $"{e.At.Line}:{e.At.Column} {e.Code} {e.Message}";
        }
    }

    /// <summary>
    /// Parses with both; when the fast pass accepts, YamlDotNet must read the text without error and give the same events.
    /// True when the fast pass accepted, false when it left the text to YamlDotNet.
    /// </summary>
    private static bool Compare(string yaml)
    {
        var fast = CommonYamlParser.TryParse(yaml, MaxNodes);
        if (fast is null)
        {
            return false;
        }

        var expected = new List<string>();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                expected.Add(Describe(parser.Current!));
            }
        }
        catch (YamlException e)
        {
            Assert.Fail($"the fast pass accepted what YamlDotNet refuses ({e.Message}):\n{yaml}");
        }

        var actual = new List<string>();
        while (fast.MoveNext())
        {
            actual.Add(Describe(fast.Current!));
        }

        Assert.True(expected.SequenceEqual(actual), $"events differ for:\n{yaml}\nYamlDotNet:\n{string.Join('\n', expected)}\nfast:\n{string.Join('\n', actual)}");
        return true;
    }

    private static string Describe(ParsingEvent e)
    {
        var what = e switch
        {
            Scalar s => $"'{s.Value}' {s.Style} key={s.IsKey} plain={s.IsPlainImplicit} quoted={s.IsQuotedImplicit} anchor={s.Anchor} tag={s.Tag}",
            MappingStart m => $"{m.Style} implicit={m.IsImplicit} anchor={m.Anchor} tag={m.Tag}",
            SequenceStart q => $"{q.Style} implicit={q.IsImplicit} anchor={q.Anchor} tag={q.Tag}",
            DocumentStart d => $"implicit={d.IsImplicit}",
            DocumentEnd d => $"implicit={d.IsImplicit}",
            _ => string.Empty,
        };
        return $"{e.GetType().Name} {e.Start.Index}/{e.Start.Line}/{e.Start.Column}-{e.End.Index}/{e.End.Line}/{e.End.Column} {what}";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DigitalTrade.Graph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root");
    }
}
