using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace DigitalTrade.Graph.Explorer;

/// <summary>A small HTML writer: every text goes through <see cref="Text"/>, so only the narrative HTML is written raw.</summary>
internal sealed class Html
{
    // All ranges: Chinese stays readable (and half the bytes) instead of numeric references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _out = new();

    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    public Html Raw(string html)
    {
        _out.Append(html);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(Encode(text));
        return this;
    }

    /// <summary>An element with encoded text content.</summary>
    public Html El(string tag, string? text, string? attributes = null) =>
        Open(tag, attributes).Text(text).Close(tag);

    public Html Open(string tag, string? attributes = null)
    {
        _out.Append('<').Append(tag);
        if (!string.IsNullOrEmpty(attributes))
        {
            _out.Append(' ').Append(attributes);
        }

        _out.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _out.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An attribute with an encoded value, for <see cref="Open"/>.</summary>
    public static string Attr(string name, string? value) => $"{name}=\"{Encode(value)}\"";

    public static string EntityHref(string key) => "/entity/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A bilingual name: Chinese and English each marked with its language.</summary>
    public Html Name(JsonNode? name)
    {
        var zh = name?["zh"]?.GetValue<string>();
        var en = name?["en"]?.GetValue<string>();
        El("span", zh, "lang=\"zh\"");
        if (!string.IsNullOrEmpty(en) && en != zh)
        {
            Raw(" ").El("span", en, "lang=\"en\" class=\"en\"");
        }

        return this;
    }

    public Html EntityLink(JsonNode? node)
    {
        var key = node?["key"]?.GetValue<string>() ?? string.Empty;
        return Open("a", Attr("href", EntityHref(key))).Name(node?["name"]).Close("a");
    }

    /// <summary>Search snippets mark matches with &lt;em&gt;: everything else is encoded.</summary>
    public Html Snippet(string? snippet) =>
        Raw(Encode(WebUtility.HtmlDecode(snippet ?? string.Empty)).Replace("&lt;em&gt;", "<em>", StringComparison.Ordinal).Replace("&lt;/em&gt;", "</em>", StringComparison.Ordinal));

    public Html ErrorList(IReadOnlyList<string> errors)
    {
        if (errors.Count == 0)
        {
            return this;
        }

        Open("div", "class=\"errors\" role=\"alert\"").Open("ul");
        foreach (var error in errors)
        {
            El("li", error);
        }

        return Close("ul").Close("div");
    }

    public override string ToString() => _out.ToString();

    /// <summary>The page frame: navigation, the local stylesheet and script, the body.</summary>
    public static string Page(string title, string body, string? query = null)
    {
        var page = new Html();
        page.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .El("title", title + " · DigitalTrade.Graph")
            .Raw("<link rel=\"stylesheet\" href=\"/explorer/explorer.css\"><script src=\"/explorer/explorer.js\" defer></script></head><body>")
            .Raw("<a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Explorer\"><a class=\"brand\" href=\"/\">DigitalTrade.Graph</a>")
            .Raw("<a href=\"/paths\">Paths</a><a href=\"/indicators\">Indicators</a><a href=\"/console\">Console</a><a href=\"/diagnostics\">Diagnostics</a></nav>")
            .Raw("<form action=\"/\" method=\"get\" role=\"search\"><label for=\"q\" class=\"sr\">Search the graph</label>")
            .Raw("<input id=\"q\" name=\"q\" type=\"search\" placeholder=\"Search 搜索\" ").Raw(Attr("value", query)).Raw("><button type=\"submit\">Search</button></form></header>")
            .Raw("<main id=\"main\">").Raw(body).Raw("</main><footer>Data: <span lang=\"zh\">中国数字贸易发展报告 2025</span> · read through <a href=\"/graphql/schema.graphql\">the GraphQL API</a></footer></body></html>");
        return page.ToString();
    }
}
