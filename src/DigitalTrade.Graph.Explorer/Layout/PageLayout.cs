using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>What a page adds to the frame: the search text to keep in the header box, its own scripts and styles.</summary>
internal sealed record PageOptions(string? Query = null, IReadOnlyList<string>? Scripts = null, IReadOnlyList<string>? Styles = null, string? BodyClass = null);

/// <summary>
/// The frame every page shares: head with our stylesheet and scripts (never inline: the CSP forbids it),
/// navigation, the header search box with name suggestions, main, footer.
/// </summary>
internal static class PageLayout
{
    private static readonly (string Href, string Label)[] Navigation =
    [
        ("/search", "Search"),
        ("/browse", "Browse"),
        ("/graph", "Graph"),
        ("/paths", "Paths"),
        ("/indicators", "Tables"),
        ("/graphiql", "GraphiQL"),
        ("/diagnostics", "Diagnostics"),
    ];

    public static IResult Result(string title, Html body, PageOptions? options = null, int status = StatusCodes.Status200OK) =>
        Results.Content(Render(title, body.ToString(), options ?? new PageOptions()), "text/html; charset=utf-8", statusCode: status);

    public static string Render(string title, string body, PageOptions options)
    {
        var assets = EmbeddedAssets.Instance;
        var page = new Html();
        page.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .El("title", title + " · DigitalTrade.Graph")
            .Raw($"<link rel=\"icon\" href=\"{Html.Encode(assets.Url("favicon.svg"))}\" type=\"image/svg+xml\">");
        foreach (var style in options.Styles ?? [])
        {
            page.Raw($"<link rel=\"stylesheet\" href=\"{Html.Encode(assets.Url(style))}\">");
        }

        // The id tells Cytoscape its container rule is already here (explorer.css), so it inserts no <style> element of its own.
        page.Raw($"<link rel=\"stylesheet\" id=\"__________cytoscape_stylesheet\" href=\"{Html.Encode(assets.Url("explorer.css"))}\">");
        foreach (var script in (IEnumerable<string>)["explorer.js", .. options.Scripts ?? []])
        {
            page.Raw($"<script src=\"{Html.Encode(assets.Url(script))}\" defer></script>");
        }

        page.Raw("</head>").Raw(options.BodyClass is null ? "<body>" : $"<body class=\"{Html.Encode(options.BodyClass)}\">")
            .Raw("<a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Explorer\"><a class=\"brand\" href=\"/\">DigitalTrade.Graph</a>");
        foreach (var (href, label) in Navigation)
        {
            page.Open("a", Html.Attr("href", href)).Text(label).Close("a");
        }

        page.Raw("</nav>")
            .Raw("<form action=\"/search\" method=\"get\" role=\"search\" class=\"site-search\"><label for=\"q\" class=\"sr\">Search the graph (names in Chinese or English)</label>")
            .Raw("<div class=\"combo\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"Search 搜索\" data-suggest=\"open\" ")
            .Raw(Html.Attr("value", options.Query)).Raw("></div><button type=\"submit\">Search</button></form></header>")
            .Raw("<main id=\"main\">").Raw(body).Raw("</main>")
            .Raw("<footer>Data: <span lang=\"zh\">中国数字贸易发展报告 2025</span> · read through <a href=\"/graphiql\">the GraphQL API</a> (<a href=\"/graphql/schema.graphql\">schema</a>) · <a href=\"/licenses\">third-party licences</a></footer></body></html>");
        return page.ToString();
    }
}
