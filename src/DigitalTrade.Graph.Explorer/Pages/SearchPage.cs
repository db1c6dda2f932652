using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Search results as one list ranked by the API's score (strong matches first, whatever their kind), with
/// kind facets (counts; a click filters) and highlighted snippets. One API request.
/// </summary>
internal static class SearchPage
{
    private const int PageSize = 30;

    /// <summary>Hits read to count kinds when the API gives no facet counts: exact up to this many matches.</summary>
    private const int FacetSample = 100;

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

        // The facets come from the unfiltered search (so other kinds stay offered); the hits from the filtered one.
        var result = await GraphQLClient.QueryAsync(context, """
            query($q: String!, $kinds: [EntityKind!], $first: Int!, $after: String, $sample: Int!) {
              all: search(query: $q, first: $sample) { totalCount edges { node { kind } } }
              hits: search(query: $q, kinds: $kinds, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor }
                edges { score node { key kind name { zh en } summary { en } } highlights { field snippet } }
              }
            }
            """, new { q, kinds, first = PageSize, after, sample = FacetSample });
        var all = result.Data?["all"];
        var hits = result.Data?["hits"];
        body.Open("h1").Text("Results for ").El("q", q).Close("h1").ErrorList(result.Errors);
        Facets(body, q, kind, all);

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
        }

        if (hits?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() == true)
        {
            var next = $"/search?q={Uri.EscapeDataString(q)}{(kinds is null ? string.Empty : "&kind=" + kind)}&after={Uri.EscapeDataString(hits["pageInfo"]!["endCursor"]!.GetValue<string>())}";
            body.Open("p").Open("a", Html.Attr("href", next) + " rel=\"next\"").Text("Next results →").Close("a").Close("p");
        }

        return PageLayout.Result($"Search: {q}", body, new PageOptions(Query: q));
    }

    /// <summary>Counts per kind; the API's own facet counts replace the sample when it offers them.</summary>
    private static void Facets(Html body, string q, string? selected, JsonNode? all)
    {
        var counts = (all?["edges"]?.AsArray() ?? []).GroupBy(e => e!["node"]!["kind"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var total = all?["totalCount"]?.GetValue<int>() ?? 0;
        body.Open("nav", "class=\"facets\" aria-label=\"Filter by kind\"").Open("ul");
        body.Open("li").Open("a", Html.Attr("href", "/search?q=" + Uri.EscapeDataString(q)) + (selected is null ? " aria-current=\"page\"" : string.Empty))
            .Text("All ").El("span", total.ToString(System.Globalization.CultureInfo.InvariantCulture), "class=\"count\"").Close("a").Close("li");
        foreach (var code in Labels.KindCodes.Where(counts.ContainsKey))
        {
            var href = $"/search?q={Uri.EscapeDataString(q)}&kind={code}";
            body.Open("li").Open("a", Html.Attr("href", href) + (selected == code ? " aria-current=\"page\"" : string.Empty))
                .Dot(code).Label(Labels.KindPlural(code)).Raw(" ").El("span", counts[code].ToString(System.Globalization.CultureInfo.InvariantCulture), "class=\"count\"").Close("a").Close("li");
        }

        body.Close("ul").Close("nav");
        if (total > FacetSample)
        {
            body.El("p", $"Kind counts are among the best {FacetSample} of {total} matches.", "class=\"muted small\"");
        }
    }
}
