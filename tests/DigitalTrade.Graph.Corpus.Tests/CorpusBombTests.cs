using System.Diagnostics;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 11 items 4, 7, 9 and 10: files built to crash or hang the loader are each answered with a
/// positioned diagnostic within a bound. Times are bounded at about 10x what they take on an idle
/// machine, well below what the attacks cost before (a stack overflow, 56–112 s, minutes).
/// </summary>
public sealed class CorpusBombTests
{
    private const string Head = TestCorpus.CaseFrontMatter;

    /// <summary>The file line of a narrative's first line after <see cref="Head"/>, the closing fence and the '::: zh' line.</summary>
    private const int BodyLine = 13;

    public static TheoryData<string, string, int, int> YamlNesting => new()
    {
        // 100,000 nested flow sequences overflowed YamlDotNet's stack (exit 134): refused at the 33rd level.
        { "sequences 100k deep", "x: " + new string('[', 100_000) + new string(']', 100_000), 11, 35 },
        { "mappings 20k deep", "x: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "b" + new string('}', 20_000), 11, 128 },
        { "block mappings 1k deep", "x:\n" + string.Concat(Enumerable.Range(1, 1_000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 1_001) + "b", 43, 33 },
        { "block sequences 1k deep", "x:\n" + string.Concat(Enumerable.Range(1, 1_000).Select(i => new string(' ', i) + "-\n")) + new string(' ', 1_001) + "b", 43, 33 },
    };

    [Theory]
    [MemberData(nameof(YamlNesting))]
    public void Deeply_nested_yaml_is_refused_before_the_parser_recurses(string shape, string yaml, int line, int column)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/bomb.md", Head + yaml + "\n---\n" + TestCorpus.Body);

        var (result, elapsed) = Timed(() => corpus.Load());

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            $"graph-seed/cases/bomb.md({line},{column}): error DTG027: the front matter nests more than 32 levels deep (Corpus:Limits:MaxYamlDepth)",
            error.ToString());
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{shape}: {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Yaml_nesting_up_to_the_limit_is_read()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/deep.md", Head + "x: " + new string('[', 31) + new string(']', 31) + "\n---\n" + TestCorpus.Body);
        corpus.Write("cases/deeper.md", Head.Replace("甲", "乙", StringComparison.Ordinal) + "x: " + new string('[', 32) + new string(']', 32) + "\n---\n" + TestCorpus.Body);

        var result = corpus.Load();

        // The root mapping is level 1, so 31 brackets are level 32 (read: 'x' is only an unknown field) and 32 are one too many.
        Assert.Equal(
            [
                "graph-seed/cases/deep.md(11,1): error DTG004: unknown field 'x' in a case (allowed: kind, name, aliases, summary, dates, relations, figures, sources, theme)",
                "graph-seed/cases/deeper.md(11,35): error DTG027: the front matter nests more than 32 levels deep (Corpus:Limits:MaxYamlDepth)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    /// <summary>The issue's attack: an alias chain 8 levels deep in a few hundred bytes held a --watch reload for 112 s.</summary>
    [Fact]
    public void A_billion_laughs_is_refused_within_milliseconds()
    {
        var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + string.Concat("bcdefghi".Select((c, i) => $"{c}: &{c} [{string.Join(",", Enumerable.Repeat("*" + "abcdefghi"[i], 9))}]\n"));
        Assert.True(laughs.Length < 600, $"{laughs.Length} bytes");
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/laughs.md", "---\n" + laughs + "kind: case\nname: { zh: 甲, en: A }\n---\n" + TestCorpus.Body);

        var (result, elapsed) = Timed(() => corpus.Load());

        Assert.Equal(
            "graph-seed/cases/laughs.md(7,8): error DTG028: the front matter has more than 100,000 nodes, counting each alias as the nodes it repeats (Corpus:Limits:MaxYamlNodes)",
            Assert.Single(result.Diagnostics).ToString());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData("x: &a [1, *a]", "(11,11): error DTG028: alias '*a' is used inside its own anchor, which makes an endless structure")]
    [InlineData("x: &a {k: [*a, *a]}", "(11,12): error DTG028: alias '*a' is used inside its own anchor, which makes an endless structure")]
    [InlineData("x: [*b, *b]\ny: &b [1, 2]", "(11,5): error DTG002: front matter is not valid YAML: alias '*b' refers to no anchor defined before it")]
    public void Aliases_that_would_loop_or_point_forward_are_refused(string yaml, string expected)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/aliases.md", Head + yaml + "\n---\n" + TestCorpus.Body);

        var (result, elapsed) = Timed(() => corpus.Load());

        Assert.Equal("graph-seed/cases/aliases.md" + expected, Assert.Single(result.Diagnostics).ToString());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Anchors_and_aliases_within_the_bound_are_read_as_before()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/anchored.md", """
            ---
            kind: case
            name: { zh: 甲, en: A }
            summary: { zh: 摘要。, en: Summary. }
            relations:
              LOCATED_IN:
                - target: provinces/zhejiang
                  source: &report { section: "实践篇 > 浙江" }
            sources:
              - *report
            ---
            ::: zh
            正文。
            :::

            ::: en
            Body.
            :::
            """);

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        Assert.Equal("实践篇 > 浙江", Assert.Single(result.Snapshot!.Find("cases/anchored")!.Sources).Section);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_and_a_file_at_it_is_read()
    {
        using var corpus = TestCorpus.Valid();
        var limits = new CorpusLimits { MaxFileBytes = 1_000 };
        var head = Head + "---\n::: zh\n";
        const string Tail = "\n:::\n\n::: en\nBody.\n:::\n";
        var fill = 1_000 - head.Length - Tail.Length - System.Text.Encoding.UTF8.GetByteCount("甲摘要。实践篇") + "甲摘要。实践篇".Length;
        corpus.Write("cases/at-limit.md", head + new string('x', fill) + Tail);
        corpus.Write("cases/over-limit.md", head + new string('x', fill + 1) + Tail);
        Assert.Equal(1_000, new FileInfo(Path.Combine(corpus.Root, "cases", "at-limit.md")).Length);

        var result = corpus.Load(limits);

        Assert.Equal(
            "graph-seed/cases/over-limit.md(1,1): error DTG026: the file has 1,001 bytes, more than the 1,000 allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities",
            Assert.Single(result.Diagnostics).ToString());
    }

    public static TheoryData<string, string, int, int, string> MarkdownNesting => new()
    {
        // Indented nested lists: 3,000 levels took Markdig 37 s (9 MB, so the file limit is raised to reach the nesting check).
        { "indented lists 3,000 deep", string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "- a\n")), 33, 65, "lists and block quotes" },
        { "tight lists 3,000 deep", string.Concat(Enumerable.Repeat("- ", 3_000)) + "a\n", 1, 65, "lists and block quotes" },
        { "numbered lists 3,000 deep", string.Concat(Enumerable.Repeat("1. ", 3_000)) + "a\n", 1, 97, "lists and block quotes" },
        { "block quotes 3,000 deep", new string('>', 3_000) + " a\n", 1, 33, "lists and block quotes" },
        { "block quotes line by line", string.Concat(Enumerable.Range(1, 3_000).Select(i => new string('>', i) + " a\n")), 33, 33, "lists and block quotes" },
        { "lists inside a block quote", string.Concat(Enumerable.Range(0, 3_000).Select(i => ">" + new string(' ', 2 * i + 1) + "- a\n")), 32, 65, "lists and block quotes" },
        { "lists nested through lazy lines", string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "- a\nb\n")), 65, 65, "lists and block quotes" },
        { "open emphasis 30,000", string.Concat(Enumerable.Repeat("*a ", 30_000)) + "\n", 1, 97, "open emphasis in one paragraph" },
        { "open underscores over lines", string.Concat(Enumerable.Repeat("_a\n", 30_000)), 33, 1, "open emphasis in one paragraph" },
        { "nested emphasis 30,000", string.Concat(Enumerable.Repeat("*a ", 30_000)) + "b" + string.Concat(Enumerable.Repeat(" a*", 30_000)) + "\n", 1, 97, "open emphasis in one paragraph" },
        { "a run of 1,000 asterisks", new string('*', 1_000) + "a" + new string('*', 1_000) + "\n", 1, 1, "open emphasis in one paragraph" },
        { "open brackets 30,000", new string('[', 30_000) + "a\n", 1, 33, "open brackets in one paragraph" },
        { "nested link text 30,000", string.Concat(Enumerable.Repeat("[a", 30_000)) + string.Concat(Enumerable.Repeat("](b)", 30_000)) + "\n", 1, 65, "open brackets in one paragraph" },
        { "nested images 30,000", string.Concat(Enumerable.Repeat("![", 30_000)) + "a\n", 1, 66, "open brackets in one paragraph" },
        // ':::' blocks nest like containers: 100,000 took Markdig 2.8 s to refuse. The language block around the body is the first.
        { "':::' blocks 100,000 deep", string.Concat(Enumerable.Repeat("::: x\n", 100_000)) + "a\n", 32, 1, "':::' blocks" },
    };

    [Theory]
    [MemberData(nameof(MarkdownNesting))]
    public void Deeply_nested_markdown_is_refused_before_markdig_parses_it(string shape, string body, int line, int column, string what)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/bomb.md", Head + "---\n" + TestCorpus.InZh(body));

        var (result, elapsed) = Timed(() => corpus.Load(new CorpusLimits { MaxFileBytes = 16 * 1024 * 1024 }));

        Assert.Equal(
            $"graph-seed/cases/bomb.md({BodyLine + line - 1},{column}): error DTG029: the narrative nests {what} more than 32 deep (Corpus:Limits:MaxMarkdownNesting)",
            Assert.Single(result.Diagnostics).ToString());
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"{shape}: {elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>32 levels of each shape are accepted and rendered; the bound measures real nesting, not a rough guess.</summary>
    [Theory]
    [InlineData("- ", "")]
    [InlineData("> ", "")]
    [InlineData("*a ", " a*")]
    [InlineData("[a", "](../provinces/zhejiang.md)")]
    public void Markdown_nested_to_the_limit_is_read(string open, string close)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/deep.md", Head + "---\n" + TestCorpus.InZh(string.Concat(Enumerable.Repeat(open, 32)) + "b" + string.Concat(Enumerable.Repeat(close, 32))));

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        Assert.Contains("b", result.Snapshot!.Find("cases/deep")!.Narrative.Text, StringComparison.Ordinal);
    }

    /// <summary>With nesting bounded, Markdig's work stays linear: 1 MiB of the worst nesting allowed, in every shape, loads in seconds.</summary>
    [Fact]
    public void A_megabyte_of_the_deepest_markdown_allowed_loads_in_seconds()
    {
        var shapes = new[]
        {
            string.Concat(Enumerable.Range(0, 32).Select(i => new string(' ', 2 * i) + "- a\n")),
            string.Concat(Enumerable.Repeat("- ", 32)) + "a\n",
            new string('>', 32) + " a\n",
            string.Concat(Enumerable.Repeat("*a ", 32)) + "\n",
            string.Concat(Enumerable.Repeat("[a", 32)) + string.Concat(Enumerable.Repeat("](b)", 32)) + "\n",
        };
        var body = new System.Text.StringBuilder();
        for (var i = 0; body.Length < 1_000_000; i++)
        {
            body.Append(shapes[i % shapes.Length]).Append('\n');
        }

        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/dense.md", Head + "---\n" + TestCorpus.InZh(body.ToString()));

        var (result, elapsed) = Timed(() => corpus.Load());

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.MarkdownTooDeep);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"{elapsed.TotalMilliseconds:0} ms");
    }

    public static TheoryData<string, byte[], string> BadBytes => new()
    {
        { "Latin-1", [.. "Body "u8, 0xE9, .. "\n"u8], "(12,6): error DTG030: the file is not valid UTF-8: byte 0xE9 cannot be decoded; save the file as UTF-8" },
        { "a lone continuation byte", [.. "中文\nab"u8, 0x80, .. "\n"u8], "(13,3): error DTG030: the file is not valid UTF-8: byte 0x80 cannot be decoded; save the file as UTF-8" },
        { "an overlong slash", [.. "x"u8, 0xC0, 0xAF, .. "\n"u8], "(12,2): error DTG030: the file is not valid UTF-8: byte 0xC0 cannot be decoded; save the file as UTF-8" },
        { "an encoded surrogate", [.. "a"u8, 0xED, 0xA0, 0x80, .. "\n"u8], "(12,2): error DTG030: the file is not valid UTF-8: byte 0xED cannot be decoded; save the file as UTF-8" },
        { "a sequence cut at the end", [.. "ab"u8, 0xE4, 0xB8], "(12,3): error DTG030: the file is not valid UTF-8: byte 0xE4 cannot be decoded; save the file as UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public void A_file_that_is_not_utf8_is_reported_at_its_first_bad_byte(string what, byte[] body, string expected)
    {
        using var corpus = TestCorpus.Valid();
        corpus.WriteBytes("cases/bytes.md", [.. System.Text.Encoding.UTF8.GetBytes(Head + "---\n"), .. body]);

        var result = corpus.Load();

        Assert.True(result.Diagnostics.Count == 1, what);
        Assert.Equal("graph-seed/cases/bytes.md" + expected, result.Diagnostics[0].ToString());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_and_utf16_is_refused()
    {
        using var corpus = TestCorpus.Valid();
        corpus.WriteBytes("cases/bom.md", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Head + "---\n" + TestCorpus.Body)]);
        corpus.WriteBytes("cases/utf16.md", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(Head + "---\n" + TestCorpus.Body)]);

        var result = corpus.Load();

        Assert.Equal(
            "graph-seed/cases/utf16.md(1,1): error DTG030: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Symbolic_links_are_refused_and_never_followed()
    {
        using var corpus = TestCorpus.Valid();
        var secret = corpus.WriteOutside("secret.md", Head + "---\nSECRET.\n");
        corpus.Link("cases/secret.md", secret);
        corpus.Link("organizations", Path.GetDirectoryName(secret)!);
        corpus.Link("cases/china-again.md", Path.Combine(corpus.Root, "economies", "china.md"));
        corpus.Link("cases/loop", corpus.Root);

        var (result, elapsed) = Timed(() => corpus.Load());

        Assert.Equal(
            [
                "graph-seed/cases/china-again.md(1,1): error DTG031: this is a symbolic link; links are not read, even within the corpus (give the entity one file, and link to it from narratives)",
                "graph-seed/cases/loop(1,1): error DTG031: this is a symbolic link; links are not read, even within the corpus (give the entity one file, and link to it from narratives)",
                "graph-seed/cases/secret.md(1,1): error DTG031: this is a symbolic link leading outside the corpus; it is not read (copy the file into the corpus instead)",
                "graph-seed/organizations(1,1): error DTG031: this is a symbolic link leading outside the corpus; it is not read (copy the file into the corpus instead)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(4, result.FileCount - 4);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Problems_past_two_hundred_in_one_file_are_counted_not_listed()
    {
        using var corpus = TestCorpus.Valid();
        var targets = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"\n    - provinces/zhejiang-{i:D5}"));
        corpus.Write("cases/many.md", Head + "relations:\n  LOCATED_IN:" + targets + "\n---\n" + TestCorpus.Body);

        var (result, elapsed) = Timed(() => corpus.Load());

        Assert.Equal(DiagnosticBag.MaxPerFile + 1, result.Diagnostics.Count);
        Assert.Equal(
            "graph-seed/cases/many.md(1,1): error DTG032: 4800 more errors and 0 more warnings in this file are not listed (the first 200 problems are)",
            result.Diagnostics[0].ToString());
        Assert.Equal("graph-seed/cases/many.md(13,7): error DTG012: relation target 'provinces/zhejiang-00000' does not exist (did you mean 'provinces/zhejiang'?)", result.Diagnostics[1].ToString());
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Messages_quote_file_text_without_control_characters_and_cut_long_values()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/quoted.md", Head + "theme: \"\\e[31mred\\e[0m\"\nrelations:\n  LOCATED_IN: " + new string('x', 100_000) + "\n---\n" + TestCorpus.Body);

        var result = corpus.Load();

        Assert.Equal(2, result.Diagnostics.Count);
        Assert.StartsWith("graph-seed/cases/quoted.md(11,8): error DTG015: '\\u001B[31mred\\u001B[0m' is not a valid theme", result.Diagnostics[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(501, result.Diagnostics[1].Message.Length);
        Assert.EndsWith("xxx…", result.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Any(char.IsControl));
    }

    /// <summary>A figure of 40 digits with 'matches' threw an OverflowException out of the loader (validate crashed).</summary>
    [Fact]
    public void A_number_too_long_for_the_table_checks_is_a_diagnostic_not_a_crash()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("economies/world.md", Head.Replace("kind: case", "kind: economy", StringComparison.Ordinal)
            + "figures:\n  - name: { zh: 出口, en: Exports }\n    value: 1234567890123456789012345678901234567890\n    period: 2024\n"
            + "    matches: { indicator: indicators/t, series: exports, economy: economies/china }\n---\n" + TestCorpus.Body);
        corpus.Write("indicators/t.md", TestCorpus.Entity("indicator", "表", "Table",
            "table: 表6\nunit: 亿美元\nseries:\n  - { id: exports, name: { zh: 出口, en: Exports }, unit: 亿美元 }\nrows:\n  - { period: 2024, economy: economies/china, exports: 0.0000001 }", "", "表。"));

        var result = corpus.Load();

        Assert.Equal(
            [
                "graph-seed/economies/world.md(13,12): error DTG018: '1234567890123456789012345678901234567890' has more digits than a printed figure (at most 15 digits, 6 of them after the point)",
                "graph-seed/indicators/t.md(11,56): error DTG018: '0.0000001' has more digits than a printed figure (at most 15 digits, 6 of them after the point)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    /// <summary>One load of a valid corpus per test process, so timed loads do not pay for compiling the loader.</summary>
    private static readonly Lazy<bool> Warm = new(() =>
    {
        using var corpus = TestCorpus.Valid();
        return corpus.Load().Succeeded;
    });

    private static (T Result, TimeSpan Elapsed) Timed<T>(Func<T> work)
    {
        Assert.True(Warm.Value);
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, clock.Elapsed);
    }
}

/// <summary>Runs alone, so the bytes allocated while it loads are its own.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTests;

[Collection(nameof(AllocationTests))]
public sealed class OversizedFileTests
{
    /// <summary>Issue 11.9: a 50 MB narrative was read whole (833 MB peak). It is refused by its size, before a byte is read.</summary>
    [Fact]
    public void A_50_MB_narrative_is_refused_without_being_read()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Load(); // the code paths are compiled before anything is measured
        corpus.Write("cases/huge.md", "---\nkind: case\nname: { zh: 甲, en: A }\n---\n");
        using (var stream = new FileStream(Path.Combine(corpus.Root, "cases", "huge.md"), FileMode.Open))
        {
            stream.SetLength(50_000_000); // sparse: the test writes nothing, and only a reader that reads would pay
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = corpus.Load();
        var elapsed = clock.Elapsed;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Assert.Equal(
            "graph-seed/cases/huge.md(1,1): error DTG026: the file has 50,000,000 bytes, more than the 1,048,576 allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities",
            Assert.Single(result.Diagnostics).ToString());
        Assert.True(allocated < 16_000_000, $"{allocated:N0} bytes allocated");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:0} ms");
    }
}
