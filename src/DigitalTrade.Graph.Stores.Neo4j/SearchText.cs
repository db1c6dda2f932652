using System.Net;
using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>The user's search text as a full-text query, and the passages a hit is shown with.</summary>
internal static class SearchText
{
    /// <summary>Suggestions offered for a search that found nothing, as many as the embedded index offers.</summary>
    public const int MaxSuggestions = 5;

    /// <summary>Every term required: a hit matches the whole query, as the schema promises.</summary>
    internal static string AllTerms(IReadOnlyList<string> terms) =>
        string.Join(' ', terms.Select(t => "+" + EscapeLucene(t)));

    /// <summary>
    /// Any term in a name or alias, or (for Latin words of four letters or more) a spelling one edit away: the
    /// full-text index's name fields only, as the embedded index's suggestions look.
    /// </summary>
    internal static string AnyTermInNames(IReadOnlyList<string> terms) => string.Join(' ', terms.SelectMany(t =>
    {
        var term = EscapeLucene(t);
        IEnumerable<string> fields = [$"nameZh:{term}", $"nameEn:{term}", $"aliasesText:{term}"];
        return t.Length >= 4 && t.All(char.IsAsciiLetterOrDigit) ? fields.Concat([$"nameEn:{term}~1", $"aliasesText:{term}~1"]) : fields;
    }));

    /// <summary>The name or alias sharing most terms with the query; on a tie the name in the query's language.</summary>
    internal static string ClosestLabel(Entity entity, IReadOnlyList<string> terms)
    {
        var chinese = terms.Any(t => t.Any(c => c is >= '\u3400' and <= '\u9FFF'));
        IEnumerable<string> labels = chinese ? [entity.Name.Zh, entity.Name.En] : [entity.Name.En, entity.Name.Zh];
        return labels.Concat(entity.Aliases)
            .Select((label, order) => (Label: label, Order: order, Shared: terms.Count(t => label.Contains(t, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(x => x.Shared)
            .ThenBy(x => x.Order)
            .First().Label;
    }

    /// <summary>
    /// Makes the user's words plain terms of the full-text query: Lucene syntax is escaped. This is about
    /// meaning, not safety; the text travels as a parameter either way.
    /// </summary>
    internal static string EscapeLucene(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ("+-&|!(){}[]^\"~*?:\\/".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // The operators are words to Lucene; lower case makes them plain words again.
        return string.Join(' ', escaped.ToString().Split(' ').Select(w => w is "AND" or "OR" or "NOT" or "TO" ? w.ToLowerInvariant() : w));
    }

    /// <summary>Passages where the words occur, matches in <c>&lt;em&gt;</c>, one per field as the embedded store gives them.</summary>
    internal static IReadOnlyList<SearchHighlight> Highlights(Entity entity, IReadOnlyList<string> terms)
    {
        var fields = new (string Field, string? Text)[]
        {
            ("name", entity.Name.Zh), ("name", entity.Name.En),
            ("aliases", string.Join(" ; ", entity.Aliases)),
            ("summary", entity.Summary?.Zh), ("summary", entity.Summary?.En),
            ("narrative", entity.Narrative.Text),
        };
        var highlights = new List<SearchHighlight>();
        foreach (var (field, text) in fields)
        {
            if (string.IsNullOrEmpty(text) || highlights.Any(h => h.Field == field) || Snippet(text, terms) is not { } snippet)
            {
                continue;
            }

            highlights.Add(new SearchHighlight(field, snippet));
        }

        return highlights;
    }

    private static string? Snippet(string text, IReadOnlyList<string> terms)
    {
        var first = terms
            .Select(t => (Term: t, At: text.IndexOf(t, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.At >= 0)
            .OrderBy(m => m.At)
            .FirstOrDefault();
        if (first.Term is null)
        {
            return null;
        }

        var start = Math.Max(0, first.At - 40);
        var window = text.Substring(start, Math.Min(120, text.Length - start));
        var marked = new StringBuilder();
        var plain = 0;
        for (var i = 0; i < window.Length;)
        {
            var match = terms
                .Where(t => t.Length > 0 && i + t.Length <= window.Length && string.Compare(window, i, t, 0, t.Length, StringComparison.OrdinalIgnoreCase) == 0)
                .OrderByDescending(t => t.Length)
                .FirstOrDefault();
            if (match is null)
            {
                i++;
                continue;
            }

            marked.Append(WebUtility.HtmlEncode(window[plain..i])).Append("<em>").Append(WebUtility.HtmlEncode(window.Substring(i, match.Length))).Append("</em>");
            i += match.Length;
            plain = i;
        }

        marked.Append(WebUtility.HtmlEncode(window[plain..]));
        return marked.ToString();
    }
}
