using Ganss.Xss;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Re-sanitises narrative HTML from the API with an allow-list before it goes into a page.
/// </summary>
/// <remarks>
/// The API renders narratives from reviewed corpus Markdown with raw HTML disabled and link schemes
/// checked, so today this changes nothing. It is here because the explorer cannot see where the HTML
/// came from: with <c>Store:Kind=neo4j</c> it is read back from a database others can write, and a
/// renderer bug or a new Markdown extension would otherwise reach browsers unfiltered. Cost: one
/// parse of a few kilobytes per entity page. Allowed: the block and inline tags Markdown produces,
/// <c>href</c> (http, https, mailto or relative), <c>data-key</c>, <c>title</c> and <c>lang</c>; no style
/// attributes (the CSP would refuse them anyway), no class, id or event handler, no script, iframe or form.
/// </remarks>
internal static class NarrativeSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "em", "strong", "del", "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li",
                "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "data-key", "title", "lang" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });

        // A tag that is not allowed loses its markup, never its text.
        sanitizer.KeepChildNodes = true;

        // Links that leave the site open without handing it our page (no opener, no referrer).
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("//", StringComparison.Ordinal)))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
