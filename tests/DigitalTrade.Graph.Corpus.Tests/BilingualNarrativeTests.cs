using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 14.5: every shipped narrative is bilingual — a Chinese block and an English block, each with text of its
/// own and each linking onwards — so a front-end can ask for one language and still get a whole narrative. That the
/// English block holds no Chinese is <see cref="EnglishTextTests"/>' check.
/// </summary>
public sealed partial class BilingualNarrativeTests
{
    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")]
    private static partial Regex Han();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Latin();

    [Fact]
    public void Every_narrative_has_a_chinese_block_and_an_english_block_that_each_link_onwards()
    {
        var snapshot = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!;

        var problems = snapshot.Entities.SelectMany(e => Problems(e)).ToList();

        Assert.True(snapshot.Entities.Count > 400, $"only {snapshot.Entities.Count} entities loaded");
        Assert.True(problems.Count == 0, $"{problems.Count} narratives are not bilingual:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_check_finds_a_missing_block_a_block_without_links_and_a_block_in_the_wrong_language()
    {
        var zh = new Narrative("见[中国](../economies/china.md)。", "<p>见<a data-key=\"economies/china\">中国</a>。</p>", "见中国。");
        var en = new Narrative("See [China](../economies/china.md).", "<p>See <a data-key=\"economies/china\">China</a>.</p>", "See China.");
        var unlinked = new Narrative("China.", "<p>China.</p>", "China.");

        Assert.Empty(Problems(Case(Narrative.Bilingual(zh, en))));
        Assert.Single(Problems(Case(new Narrative(zh.Markdown, zh.Html, zh.Text) { Zh = zh })));
        Assert.Single(Problems(Case(Narrative.Bilingual(zh, unlinked))));
        Assert.Single(Problems(Case(Narrative.Bilingual(en, en))));
    }

    private static Entity Case(Narrative narrative) =>
        new("cases/x", EntityKind.Case, new LocalizedText("甲", "A"), [], null, narrative, [], [], []);

    private static IEnumerable<string> Problems(Entity e)
    {
        foreach (var language in new[] { Language.Zh, Language.En })
        {
            var block = language == Language.Zh ? e.Narrative.Zh : e.Narrative.En;
            if (block is null || string.IsNullOrWhiteSpace(block.Text))
            {
                yield return $"{e.Key}: no {language} block";
            }
            else if (!block.Html.Contains("data-key=", StringComparison.Ordinal))
            {
                yield return $"{e.Key}: the {language} block links to no other entity";
            }
        }

        // Chinese text is written in Han characters: a Chinese block mostly in Latin letters is English in the wrong place.
        if (e.Narrative.Zh is { } chinese && Han().Count(chinese.Text) * 2 < Latin().Count(chinese.Text))
        {
            yield return $"{e.Key}: the zh block is not Chinese";
        }
    }
}
