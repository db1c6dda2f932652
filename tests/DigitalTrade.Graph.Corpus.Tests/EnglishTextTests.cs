using System.Text.RegularExpressions;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// English text carries no Chinese characters: names, summaries, figure and series names, and the English block of
/// narratives (<c>::: en</c>) write units in English ("406.72 billion US dollars", "2.71 trillion yuan"), never "4067.2 亿美元".
/// There is no allow-list: a Chinese title quoted in English text is given in translation.
/// </summary>
public sealed partial class EnglishTextTests
{
    /// <summary>CJK punctuation, kana, ideographs, compatibility units (㎡) and full-width forms.</summary>
    [GeneratedRegex(@"[\u3000-\u303F\u3040-\u30FF\u3300-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [Fact]
    public void No_english_text_of_the_corpus_holds_chinese_characters()
    {
        var snapshot = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!;

        var offending = snapshot.Entities.SelectMany(EnglishTexts)
            .Where(t => Cjk().IsMatch(t.Text))
            .Select(t => $"{t.Key} {t.Field}: …{Around(t.Text, Cjk().Match(t.Text).Index)}…")
            .ToList();

        Assert.True(offending.Count == 0, $"{offending.Count} English texts hold Chinese characters:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_check_sees_units_in_every_kind_of_english_text()
    {
        var entity = new Entity(
            "economies/x", EntityKind.Economy, new LocalizedText("某地", "Somewhere 某"), [],
            new LocalizedText("摘要", "Worth 5亿元."),
            Narrative.Bilingual(new Narrative("中文段落。", "", ""), new Narrative("It traded 3.67 万亿美元 with partners across the world.", "", "")), [],
            [new Figure(new LocalizedText("数量", "Count, 个"), "1", "个", null, null, null)], []);

        var texts = EnglishTexts(entity).Where(t => Cjk().IsMatch(t.Text)).Select(t => t.Field).ToList();

        Assert.Equal(["name.en", "summary.en", "figures[0].name.en", "narrative.en"], texts);
    }

    private static IEnumerable<(string Key, string Field, string Text)> EnglishTexts(Entity e)
    {
        yield return (e.Key, "name.en", e.Name.En);
        if (e.Summary is { } summary)
        {
            yield return (e.Key, "summary.en", summary.En);
        }

        for (var i = 0; i < e.Figures.Count; i++)
        {
            yield return (e.Key, $"figures[{i}].name.en", e.Figures[i].Name.En);
        }

        foreach (var series in e.Indicator?.Series ?? [])
        {
            yield return (e.Key, $"series {series.Id} name.en", series.Name.En);
        }

        // The English block as written, link targets aside (they are keys, never English text).
        yield return (e.Key, "narrative.en", LinkTarget().Replace(e.Narrative.In(Language.En).Markdown, "]"));
    }

    private static string Around(string text, int at) => text[Math.Max(0, at - 30)..Math.Min(text.Length, at + 15)];
}
