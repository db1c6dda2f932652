using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// An entity, read like a Wikidata item: names and kind, summary, the interactive graph near the top,
/// typed relations with human bilingual labels, then narrative mentions (without repeats), dates as a
/// small timeline, figures with period, qualifier and source, and sources. One API request.
/// </summary>
internal static class EntityPage
{
    /// <summary>Nodes drawn at first; the graph expands from there.</summary>
    private const int GraphLimit = 60;

    public static async Task<IResult> Handle(HttpContext context, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return Results.Redirect("/browse");
        }

        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($key: String!, $typed: [RelationType!], $limit: Int!) {
              entity(key: $key) {
                {{GraphView.NodeFields}} aliases summary { zh en }
                zhNarrative: narrative(lang: ZH) { html } enNarrative: narrative(lang: EN) { html }
                dates { name date { text } }
                ... on Policy { datesNotGiven }
                ... on Agreement { datesNotGiven }
                figures { name { zh en } value unit period figureQualifier source { section table note origin reference } }
                sources { section table note origin reference about }
                typed: relations(types: $typed, first: 100) { totalCount edges { type direction date { text } role note source { origin reference } node { {{GraphView.NodeFields}} } } }
                mentions: relations(types: [MENTIONS], first: 100) { totalCount edges { direction node { {{GraphView.NodeFields}} } } }
                ... on Indicator { table unit }
              }
              neighborhood(key: $key, depth: 1, limit: $limit) { truncated nodes { {{GraphView.NodeFields}} } edges { {{GraphView.EdgeFields}} } }
            }
            """, new { key, typed = Labels.TypedRelationTypes, limit = GraphLimit });
        var entity = result.Data?["entity"];
        var body = new Html();
        if (entity is null)
        {
            // What the key may have meant: the API resolves it as a name, alias or misspelt key.
            var resolution = await NameResolver.ResolveAsync(context, key);
            body.El("h1", "Not found").Open("p").Text("No entity has the key ").El("code", key).Text(".").Close("p");
            Perhaps(body, resolution.Entity is { } entry ? [entry] : resolution.Candidates);
            body.Open("p").Open("a", Html.Attr("href", Html.Href("/search", ("q", key.Split('/')[^1].Replace('-', ' '))))).Text("Search for it").Close("a").Close("p");
            return PageLayout.Result("Not found", body, status: StatusCodes.Status404NotFound);
        }

        body.ErrorList(result.Errors);
        var kind = entity["kind"]!.GetValue<string>();
        var name = entity["name"];
        body.Open("header", "class=\"entity-head\"").Open("p", "class=\"kind\"").KindTag(kind).Raw(" · ").El("code", key).Close("p")
            .Open("h1").El("span", name?["zh"]?.GetValue<string>(), "lang=\"zh\"").Close("h1")
            .El("p", name?["en"]?.GetValue<string>(), "class=\"subtitle\" lang=\"en\"");
        var aliases = entity["aliases"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        if (aliases.Count > 0)
        {
            body.El("p", "Also: " + string.Join(", ", aliases), "class=\"muted\"");
        }

        if (kind == "INDICATOR")
        {
            body.Open("p").Open("a", Html.Attr("href", "/indicators/" + key["indicators/".Length..])).Text($"Chart and table of {entity["table"]} ({entity["unit"]})").Close("a").Close("p");
        }

        body.Close("header");
        if (entity["summary"] is { } summary)
        {
            body.Open("section", "class=\"summary\" aria-label=\"Summary\"").El("p", summary["zh"]?.GetValue<string>(), "lang=\"zh\"").El("p", summary["en"]?.GetValue<string>(), "lang=\"en\"").Close("section");
        }

        EntityFacts.Dates(body, entity["dates"], entity["datesNotGiven"]);
        if (result.Data?["neighborhood"] is { } neighborhood && neighborhood["nodes"] is JsonArray nodes && neighborhood["edges"] is JsonArray edges)
        {
            GraphView.Write(body, "Graph", key, nodes, edges, neighborhood["truncated"]?.GetValue<bool>() == true, Html.Href("/graph", ("key", key)));
        }

        EntityRelations.Write(body, entity["typed"], entity["mentions"]);
        Narrative(body, entity["zhNarrative"]?["html"]?.GetValue<string>(), entity["enNarrative"]?["html"]?.GetValue<string>());

        EntityFacts.Figures(body, entity["figures"]);
        EntityFacts.Sources(body, entity["sources"]);
        return PageLayout.Result(name?["en"]?.GetValue<string>() ?? key, body, new PageOptions(Scripts: GraphView.Scripts));
    }

    /// <summary>The narrative as the corpus marks it, each language on its own and marked with its <c>lang</c> (screen readers, fonts, translation tools).</summary>
    private static void Narrative(Html body, string? zh, string? en)
    {
        if (string.IsNullOrWhiteSpace(zh) && string.IsNullOrWhiteSpace(en))
        {
            return;
        }

        body.Open("section", "class=\"narrative\" aria-labelledby=\"narrative\"").El("h2", "Narrative", "id=\"narrative\"");
        foreach (var (lang, html) in new[] { ("zh", zh), ("en", en) })
        {
            if (!string.IsNullOrWhiteSpace(html))
            {
                body.Open("div", $"class=\"narrative-{lang}\" lang=\"{lang}\"").Raw(NarrativeSanitizer.Sanitize(html)).Close("div");
            }
        }

        body.Close("section");
    }

    /// <summary>Entities a missing key or unknown name may have meant, as links.</summary>
    public static void Perhaps(Html body, IReadOnlyList<NameEntry> candidates)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        body.Open("div", "class=\"choices\"").El("p", "Perhaps:").Open("ul");
        foreach (var candidate in candidates)
        {
            body.Open("li").Dot(candidate.Kind).EntityLink(candidate.ToJson()).Raw(" ").El("code", candidate.Key, "class=\"muted\"").Close("li");
        }

        body.Close("ul").Close("div");
    }
}
