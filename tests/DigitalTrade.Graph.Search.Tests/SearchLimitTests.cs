using System.Diagnostics;
using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>Queries and texts an attacker (or an unlucky editor) would send: every one answered within bounds, with a coded error where refused.</summary>
public sealed class SearchLimitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(201, "characters")]
    [InlineData(25, "words")]
    public void Too_long_or_too_many_words_is_refused_before_analysis_with_a_coded_error(int size, string what)
    {
        using var index = SearchIndex.Build(Snapshot(Entity("cases/a", "数据", "data")));
        var text = what == "characters" ? new string('数', size) : string.Join(' ', Enumerable.Repeat("data", size));

        var error = Assert.Throws<GraphQueryException>(() => index.Search(new SearchQuery(text), new PageRequest(10, null), TestContext.Current.CancellationToken));

        Assert.Equal("INVALID_ARGUMENT", error.Code);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chinese_run_with_more_terms_than_allowed_is_refused_not_an_internal_error()
    {
        using var index = SearchIndex.Build(Snapshot(Entity("cases/a", "数据", "data")));

        // 100 two-character words without a space: one "word" before analysis, 100 terms after it.
        var error = Assert.Throws<GraphQueryException>(() => index.Search(new SearchQuery(string.Concat(Enumerable.Repeat("数据", 100))), new PageRequest(10, null), TestContext.Current.CancellationToken));

        Assert.Equal("INVALID_ARGUMENT", error.Code);
        Assert.Contains("terms", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"" + "数据跨境流动规则数据跨境流动规则数据跨境流动规则数据跨境流动规则数据跨境流动规则" + "\"")]
    [InlineData("a* b? c~ (d) [e] {f} ^g \"h AND i OR NOT j\" k:l \\m /n/")]
    [InlineData("\"\"\"\"")]
    [InlineData("的 的 的")]
    [InlineData("\uD83D\uDE00 \u200B \u0301 \uFFFD")]
    public void Queries_with_syntax_quotes_or_only_stop_words_are_plain_text(string text)
    {
        using var index = SearchIndex.Build(Snapshot(Entity("cases/a", "数据跨境流动规则", "data rules")));

        var results = index.Search(new SearchQuery(text), new PageRequest(10, null), TestContext.Current.CancellationToken);

        Assert.True(results.Hits.TotalCount >= 0);
    }

    [Fact]
    public void A_word_found_nowhere_may_be_the_start_or_a_misspelling_of_one_but_an_existing_word_is_never_stretched()
    {
        using var index = SearchIndex.Build(Snapshot(
            Entity("cases/quantum", "量子", "Quantum park"),
            Entity("cases/quartum", "夸特", "Quartum lab")));

        Assert.Equal(["cases/quantum"], Keys(index, "quantum"));
        Assert.Equal(["cases/quantum"], Keys(index, "quantun"));
        Assert.Equal(["cases/quantum"], Keys(index, "quan"));
        Assert.Equal(["cases/quartum", "cases/quantum"], Keys(index, "qua")); // both begin with it; it covers more of the shorter name
        Assert.Empty(Keys(index, "qu"));
    }

    [Fact]
    public void A_query_of_many_unknown_words_widens_only_a_few_and_answers_quickly()
    {
        using var index = SearchIndex.Build(Snapshot(Entity("cases/quantum", "量子", "Quantum park")));
        index.Search(new SearchQuery("quantum"), new PageRequest(10, null), TestContext.Current.CancellationToken);
        var words = string.Join(' ', Enumerable.Range(0, SearchQuery.MaxTerms).Select(i => "quantu" + (char)('a' + i)));

        var clock = Stopwatch.StartNew();
        var results = index.Search(new SearchQuery(words), new PageRequest(10, null), TestContext.Current.CancellationToken);
        clock.Stop();

        // Each of the 24 words is one edit from "quantum"; only three may be widened, so nothing matches all.
        Assert.Equal(0, results.Hits.TotalCount);
        Assert.Equal("cases/quantum", Assert.Single(results.Suggestions).Entity.Key);
        output.WriteLine($"planned and answered in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Highlighting_a_huge_narrative_is_bounded_in_time_and_size()
    {
        // 8 MB of narrative whose every sentence matches, in 40 entities: all of it indexed, little of it read.
        var sentence = "数据跨境流动规则在海南自由贸易港先行先试。Cross-border data flow rules are piloted first in the Hainan Free Trade Port. ";
        var narrative = new StringBuilder().Insert(0, sentence, 200_000 / sentence.Length).ToString();
        var entities = Enumerable.Range(0, 40).Select(i => Entity($"cases/c{i:00}", "案例" + i, "Case " + i, narrative)).ToArray();
        using var index = SearchIndex.Build(Snapshot(entities));
        index.Search(new SearchQuery("数据跨境 data flow"), new PageRequest(1, null), TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        var results = index.Search(new SearchQuery("数据跨境 海南 data flow Hainan"), new PageRequest(100, null), TestContext.Current.CancellationToken);
        clock.Stop();
        output.WriteLine($"search(first: 100) with highlights over 40 narratives of 200 KB: {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(40, results.Hits.Items.Count);
        Assert.All(results.Hits.Items, h => Assert.Contains(h.Node.Highlights, x => x.Field == "narrative" && x.Snippet.Contains("<em>", StringComparison.Ordinal)));
        Assert.All(results.Hits.Items.SelectMany(h => h.Node.Highlights), h => Assert.True(h.Snippet.Length < 1_000, $"{h.Snippet.Length} characters"));

        // Measured at 20–40 ms on the shared 2-core machine under load; the bound leaves fifty times that.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"search with highlights took {clock.Elapsed}");
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        using var index = SearchIndex.Build(Snapshot(Entity("cases/a", "数据", "data")));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(new SearchQuery("data"), new PageRequest(10, null), cancelled.Token));
    }

    private static List<string> Keys(SearchIndex index, string query) =>
        [.. index.Search(new SearchQuery(query), new PageRequest(10, null), TestContext.Current.CancellationToken).Hits.Items.Select(i => i.Node.Entity.Key)];

    private static GraphSnapshot Snapshot(params Entity[] entities) => GraphSnapshot.Create("test", DateTimeOffset.UnixEpoch, entities, []);

    private static Entity Entity(string key, string zh, string en, string narrative = "") =>
        new(key, EntityKind.Case, new LocalizedText(zh, en), [], null, new Narrative(narrative, narrative, narrative), [], [], []);
}
