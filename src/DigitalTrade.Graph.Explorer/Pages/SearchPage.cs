using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Search results as one list ranked by the API's score (strong matches first, whatever their kind), with
/// the API's kind facets (counts before the kind filter; a click filters), highlighted snippets, and the
/// API's suggestions when nothing matched. One API request.
/// </summary>
internal static class SearchPage
{
    private const int PageSize = 30;

    public static async Task<IResult> Handle(HttpContext context, string? q, string? kind, string? after)
    {
        var body = new Html();
        if (string.IsNullOrWhiteSpace(q))
        {
            body.El("h1", "Search").Open("p").Text("Type a name, an abbreviation or words in Chinese or English, e.g. ")
                .Raw("<a href=\"/search?q=DEPA\">DEPA</a>, <a href=\"/search?q=%E6%95%B0%E6%8D%AE%E8%B7%A8%E5%A2%83\" lang=\"zh\">数据跨境</a>, <a href=\"/search?q=Hainan\">Hainan</a>.")
                .Close("p");
            return PageLayout.Result("Search", body);
        }

        string[]? kinds = Labels.IsKind(kind) ? [kind!] : null;

        var result = await GraphQLClient.QueryAsync(context, """
            query($q: String!, $kinds: [EntityKind!], $first: Int!, $after: String) {
              hits: search(query: $q, kinds: $kinds, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor } facets { kind count }
                edges { score node { key kind name { zh en } summary { en } } highlights { field snippet } }
                suggestions { text node { key kind name { zh en } } }
              }
            }
            """, new { q, kinds, first = PageSize, after });
        var hits = result.Data?["hits"];
        body.Open("h1").Text("Results for ").El("q", q).Close("h1").ErrorList(result.Errors);
        Facets(body, q, kind, hits?["facets"]);

        var edges = hits?["edges"]?.AsArray() ?? [];
        body.El("p", $"{hits?["totalCount"]} matches{(kinds is null ? string.Empty : $" among {Labels.KindPlural(kind).En.ToLowerInvariant()}")}, best first.", "class=\"muted\" id=\"result-count\"");
        body.Open("ol", "class=\"results\" aria-describedby=\"result-count\"");
        foreach (var edge in edges)
        {
            var node = edge!["node"];
            body.Open("li").Open("div", "class=\"hit-title\"").EntityLink(node).Raw(" ").KindTag(node?["kind"]?.GetValue<string>()).Close("div");
            var highlight = edge["highlights"]?.AsArray().FirstOrDefault();
            if (highlight?["snippet"]?.GetValue<string>() is { } snippet)
            {
                body.Open("div", "class=\"snippet\"").Snippet(snippet).Close("div");
            }
            else if (node?["summary"]?["en"]?.GetValue<string>() is { } summary)
            {
                body.El("div", summary, "class=\"snippet\" lang=\"en\"");
            }

            body.Close("li");
        }

        body.Close("ol");
        if (edges.Count == 0)
        {
            body.El("p", "Nothing matched. Try fewer words, the other language, or a short name (海南, DEPA).");
            Suggestions(body, hits?["suggestions"]);
        }

        if (hits?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() == true)
        {
            var next = $"/search?q={Uri.EscapeDataString(q)}{(kinds is null ? string.Empty : "&kind=" + kind)}&after={Uri.EscapeDataString(hits["pageInfo"]!["endCursor"]!.GetValue<string>())}";
            body.Open("p").Open("a", Html.Attr("href", next) + " rel=\"next\"").Text("Next results →").Close("a").Close("p");
        }

        return PageLayout.Result($"Search: {q}", body, new PageOptions(Query: q));
    }

    /// <summary>The API's counts per kind (before the kind filter, so every kind with a match stays offered).</summary>
    private static void Facets(Html body, string q, string? selected, JsonNode? facets)
    {
        var counts = (facets?.AsArray() ?? []).ToDictionary(f => f!["kind"]!.GetValue<string>(), f => f!["count"]!.GetValue<int>(), StringComparer.Ordinal);
        body.Open("nav", "class=\"facets\" aria-label=\"Filter by kind\"").Open("ul");
        body.Open("li").Open("a", Html.Attr("href", "/search?q=" + Uri.EscapeDataString(q)) + (selected is null ? " aria-current=\"page\"" : string.Empty))
            .Text("All ").El("span", counts.Values.Sum().ToString(CultureInfo.InvariantCulture), "class=\"count\"").Close("a").Close("li");
        foreach (var code in Labels.KindCodes.Where(counts.ContainsKey))
        {
            var href = $"/search?q={Uri.EscapeDataString(q)}&kind={code}";
            body.Open("li").Open("a", Html.Attr("href", href) + (selected == code ? " aria-current=\"page\"" : string.Empty))
                .Dot(code).Label(Labels.KindPlural(code)).Raw(" ").El("span", counts[code].ToString(CultureInfo.InvariantCulture), "class=\"count\"").Close("a").Close("li");
        }

        body.Close("ul").Close("nav");
    }

    /// <summary>Names close to a query that found nothing, each linking to its entity.</summary>
    private static void Suggestions(Html body, JsonNode? suggestions)
    {
        if (suggestions is not JsonArray { Count: > 0 } list)
        {
            return;
        }

        body.Open("div", "class=\"choices\"").El("p", "Did you mean:").Open("ul");
        foreach (var suggestion in list)
        {
            body.Open("li").Dot(suggestion!["node"]?["kind"]?.GetValue<string>()).Open("a", Html.Attr("href", Html.EntityHref(suggestion["node"]!["key"]!.GetValue<string>())))
                .Text(suggestion["text"]?.GetValue<string>()).Close("a").Raw(" ").Open("span", "class=\"muted small\"").Name(suggestion["node"]?["name"]).Close("span").Close("li");
        }

        body.Close("ul").Close("div");
    }
}
