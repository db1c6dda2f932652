using System.Diagnostics;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 14.5: a narrative is a '::: zh' block then a '::: en' block, each once, nothing outside them. Every way of
/// getting that wrong is a DTG033 at its place, and no shape of fences costs more than the text.
/// </summary>
public sealed class LanguageBlockTests
{
    private const string Head = TestCorpus.CaseFrontMatter + "---\n";

    /// <summary>The file line of the body's first line.</summary>
    private const int BodyLine = 12;

    public static TheoryData<string, string, int, int, string> Wrong => new()
    {
        { "unmarked", "中文。\n\nEnglish.\n", 1, 1, "the narrative is not marked by language" },
        { "text before", "Intro.\n\n::: zh\n中文。\n:::\n\n::: en\nEnglish.\n:::\n", 1, 1, "text outside the language blocks" },
        { "text between", "::: zh\n中文。\n:::\n\nStray.\n\n::: en\nEnglish.\n:::\n", 5, 1, "text outside the language blocks" },
        { "text after", "::: zh\n中文。\n:::\n\n::: en\nEnglish.\n:::\n\n- a list\n", 9, 1, "text outside the language blocks" },
        { "no english", "::: zh\n中文。\n:::\n", 1, 1, "the narrative has no '::: en' block" },
        { "no chinese", "::: en\nEnglish.\n:::\n", 1, 1, "the narrative has no '::: zh' block" },
        { "english first", "::: en\nEnglish.\n:::\n\n::: zh\n中文。\n:::\n", 5, 1, "the '::: zh' block must come before the '::: en' block" },
        { "twice", "::: zh\n中文。\n:::\n\n::: zh\n又一段。\n:::\n\n::: en\nEnglish.\n:::\n", 5, 1, "a second '::: zh' block" },
        { "empty", "::: zh\n\n:::\n\n::: en\nEnglish.\n:::\n", 1, 1, "the '::: zh' block is empty" },
        { "unclosed", "::: zh\n中文。\n:::\n\n::: en\nEnglish.\n", 5, 1, "the '::: en' block is never closed" },
        { "nested", "::: zh\n中文。\n::: en\nEnglish.\n:::\n", 3, 1, "a '::: en' block inside '::: zh'" },
        { "another kind", "::: zh\n中文。\n:::\n\n::: en\nEnglish.\n:::\n\n::: note\nA note.\n:::\n", 9, 1, "'::: note' is not a language block" },
        { "arguments", "::: zh {lang}\n中文。\n:::\n\n::: en\nEnglish.\n:::\n", 1, 1, "'::: zh {lang}' is not a language block" },
        { "definition outside", "::: zh\n中文。\n:::\n\n::: en\nEnglish [a].\n:::\n\n[a]: https://example.com/a\n", 9, 1, "a link definition outside the language blocks" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Each_wrong_shape_is_a_DTG033_where_it_is(string shape, string body, int line, int column, string message)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/x.md", Head + body);

        var result = corpus.Load();

        Assert.Null(result.Snapshot);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.NarrativeLanguages && d.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.True((BodyLine + line - 1, column) == (diagnostic.Line, diagnostic.Column), $"{shape}: {diagnostic}");
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.NarrativeLanguages, d.Code));
    }

    [Fact]
    public void Blocks_with_more_colons_blank_lines_and_links_in_both_languages_are_read()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/x.md", Head + "\n\n:::: zh\n\n见[浙江](../provinces/zhejiang.md)与[甲][z]。\n\n[z]: https://example.com/z\n\n::::\n\n\n::: en\nSee [China](../economies/china.md).\n:::\n\n");

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        var snapshot = result.Snapshot!;
        var narrative = snapshot.Find("cases/x")!.Narrative;
        Assert.Equal("见[浙江](../provinces/zhejiang.md)与[甲][z]。\n\n[z]: https://example.com/z", narrative.In(Language.Zh).Markdown);
        Assert.Equal("See [China](../economies/china.md).", narrative.In(Language.En).Markdown);
        Assert.Contains("href=\"https://example.com/z\"", narrative.In(Language.Zh).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", narrative.Html, StringComparison.Ordinal);
        Assert.Equal(["economies/china", "provinces/zhejiang"], snapshot.AllRelations.Where(r => r.From == "cases/x").Select(r => r.To).Order());
    }

    [Fact]
    public void An_empty_body_is_only_the_empty_narrative_warning()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/x.md", Head + "\n\n");

        var result = corpus.Load();

        Assert.Equal(DiagnosticCodes.EmptyNarrative, Assert.Single(result.Diagnostics).Code);
        Assert.Same(Narrative.Empty, result.Snapshot!.Find("cases/x")!.Narrative.In(Language.En));
    }

    /// <summary>Fences by the ten thousand, side by side or opened without end, are answered in bounded time and problems.</summary>
    [Theory]
    [InlineData("side by side", 10_000)]
    [InlineData("unclosed", 10_000)]
    public void Thousands_of_fences_are_reported_within_the_bounds(string shape, int count)
    {
        var body = shape == "side by side"
            ? string.Concat(Enumerable.Repeat("::: zh\n中文。\n:::\n\n", count)) + "::: en\nEnglish.\n:::\n"
            : string.Concat(Enumerable.Repeat("::: zh\n中文。\n", count));
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/x.md", Head + body);

        var clock = Stopwatch.StartNew();
        var result = corpus.Load();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{shape}: {clock.ElapsedMilliseconds} ms");
        Assert.Null(result.Snapshot);
        Assert.InRange(result.Diagnostics.Count, 1, 201);
    }

    /// <summary>
    /// Found by the loader fuzz test: Markdig numbers the inlines of a setext heading (lines underlined by ---) past
    /// their text, so a broken link there was reported below the end of the file. Links are placed by their offset.
    /// </summary>
    [Theory]
    [InlineData("::: zh\naaa\nbbb [x](../cases/nowhere.md)\nccc\n---\n:::\n\n::: en\nEnglish.\n:::\n", 3, 5)]
    [InlineData("::: zh\n中文。\n:::\n\n::: en\nTitle\nmore <https://x.example> and [y](../cases/nowhere.md)\n===\n:::\n", 7, 30)]
    public void A_link_in_a_setext_heading_is_reported_on_its_own_line(string body, int line, int column)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/heading.md", Head + body);

        var result = corpus.Load();

        var dangling = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.DanglingLink);
        Assert.Equal((BodyLine + line - 1, column), (dangling.Line, dangling.Column));
    }
}
