using DigitalTrade.Graph.Model;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace DigitalTrade.Graph.Search;

/// <summary>A text of an entity as a highlight shows it: "name", "aliases", "summary" or "narrative", and whether it is Chinese (null: look).</summary>
internal readonly record struct TextPart(string Shown, string Text, bool? Chinese);

/// <summary>
/// A searched field of an entity and its weight. Its parts (both names and every alias; both
/// summaries) are indexed as the values of one field, each value's offsets following the previous
/// value's end plus one, so <see cref="Joined"/> is the string the index's offsets point into.
/// </summary>
internal sealed record SearchField(string Name, float Boost, Func<Entity, TextPart[]> Parts)
{
    public static string Joined(TextPart[] parts) => string.Join('\n', parts.Select(p => p.Text));
}

/// <summary>What is indexed of an entity, most telling first: names and aliases, summaries, the narrative.</summary>
internal static class SearchFields
{
    public static readonly SearchField Names = new("names", 8f, e =>
        [new("name", e.Name.Zh, true), new("name", e.Name.En, false), .. e.Aliases.Select(a => new TextPart("aliases", a, null))]);

    public static readonly SearchField[] All =
    [
        Names,
        new("summary", 3f, e => [new("summary", e.Summary?.Zh ?? string.Empty, true), new("summary", e.Summary?.En ?? string.Empty, false)]),
        new("narrative", 1f, e => e.Narrative.Zh is null && e.Narrative.En is null
            ? [new("narrative", e.Narrative.Text, null)]
            : [new("narrative", e.Narrative.In(Language.Zh).Text, true), new("narrative", e.Narrative.In(Language.En).Text, false)]),
    ];
}

/// <summary>
/// One analysis for both languages, at index and at query time: Chinese (and other CJK) text as
/// overlapping character bigrams, everything else as lower-cased English words without stop words,
/// Porter-stemmed. Bigrams make every Chinese word findable inside longer words (海南 in 海南省) while
/// never matching a single character of it; the query decides which bigrams form a word.
/// </summary>
internal sealed class TextAnalyzer : Analyzer
{
    public static readonly TextAnalyzer Instance = new();

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Phrases never run from one name, alias or summary into the next.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new EnglishPossessiveFilter(Version, stream);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, StopAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>How names and queries are compared whole: trimmed, lower-case, single spaces, full-width ASCII folded.</summary>
internal static class Labels
{
    public static string Normalize(string text)
    {
        var buffer = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text.AsSpan().Trim())
        {
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                '\u3000' => ' ',
                _ => raw,
            };
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && buffer.Length > 0)
            {
                buffer.Append(' ');
            }

            space = false;
            buffer.Append(char.ToLowerInvariant(c));
        }

        return buffer.ToString();
    }
}
