using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The interactive graph (Cytoscape.js + fCoSE, drawn by graph.js) shared by entity pages and the full-screen
/// graph page: a canvas, its tools (kind and relation filters, label language, fit, expand), a legend with
/// human names, and the starting nodes and edges as a JSON data block. Expanding a node asks /graphql for its
/// neighbourhood from the browser.
/// </summary>
internal static class GraphView
{
    /// <summary>graph.js loads Cytoscape itself, after the page is parsed: 570 KB of library never holds up the page's first paint or DOMContentLoaded.</summary>
    public static readonly IReadOnlyList<string> Scripts = ["graph.js"];

    public const string NodeFields = "key kind name { zh en }";

    /// <summary>The graph's GraphQL selection for a neighbourhood or a path: what <see cref="Write"/> reads.</summary>
    public const string EdgeFields = "from to type fromNarrative";

    public static void Write(Html body, string title, string? center, JsonArray nodes, JsonArray edges, bool truncated, string? fullScreenHref)
    {
        var kinds = nodes.Select(n => n!["kind"]!.GetValue<string>()).Distinct().ToList();
        var types = edges.Select(e => e!["type"]!.GetValue<string>()).Distinct().ToList();
        body.Open("section", $"class=\"graph-panel\" id=\"graph\" aria-labelledby=\"graph-title\" {Html.Attr("data-library", EmbeddedAssets.Instance.Url("vendor/cytoscape.js"))}")
            .Open("div", "class=\"graph-head\"").El("h2", title, "id=\"graph-title\"");
        if (fullScreenHref is not null)
        {
            body.Open("a", Html.Attr("href", fullScreenHref) + " class=\"button-link\"").Text("Full screen").Close("a");
        }

        body.Close("div");

        // The tools work only with the script, which unhides them.
        body.Open("div", "class=\"graph-tools\" hidden");
        body.Open("fieldset", "class=\"graph-filter\" data-filter=\"kind\"").El("legend", "Kinds");
        foreach (var kind in Labels.KindCodes.Where(kinds.Contains))
        {
            body.Open("label").Raw($"<input type=\"checkbox\" checked {Html.Attr("value", kind)}>").Dot(kind).Label(Labels.Kind(kind)).Close("label");
        }

        body.Close("fieldset").Open("fieldset", "class=\"graph-filter\" data-filter=\"type\"").El("legend", "Relations");
        foreach (var type in Labels.RelationTypes.Where(types.Contains))
        {
            // Narrative mentions are off at first: they are many and say less than the typed relations.
            var mentions = type == "MENTIONS";
            body.Open("label", mentions ? "class=\"mentions\"" : null).Raw($"<input type=\"checkbox\"{(mentions ? string.Empty : " checked")} {Html.Attr("value", type)}>")
                .Raw($"<span class=\"edge-key{(mentions ? " faint" : string.Empty)}\" aria-hidden=\"true\"></span>").Label(Labels.RelationName(type)).Close("label");
        }

        body.Close("fieldset").Open("fieldset", "class=\"graph-actions\"").El("legend", "View")
            .Raw("<label><input type=\"radio\" name=\"graph-lang\" value=\"zh\" checked><span lang=\"zh\">中文</span></label>")
            .Raw("<label><input type=\"radio\" name=\"graph-lang\" value=\"en\">English</label>")
            .Raw("<button type=\"button\" data-action=\"fit\">Fit</button><button type=\"button\" data-action=\"expand\" disabled>Expand selected</button>")
            .Close("fieldset").Close("div");

        body.Raw($"<div class=\"graph-canvas\" tabindex=\"0\" role=\"application\" {Html.Attr("aria-label", title)} aria-describedby=\"graph-help\"></div>")
            .El("p", "Drag to pan, scroll to zoom, drag a node to move it, click a node to select it and double-click to expand it. "
                + "From the keyboard: arrow keys move between entities, Enter expands, O opens the entity's page, + and − zoom, 0 fits.", "id=\"graph-help\" class=\"muted small\"")
            .Raw("<div class=\"graph-selection\" aria-live=\"polite\"></div>")
            .Raw("<noscript><p class=\"muted\">The graph needs JavaScript; the relations are listed on the page.</p></noscript>");
        if (truncated)
        {
            body.El("p", $"Only the nearest {nodes.Count} entities are drawn at first; expand a node to see more.", "class=\"muted small\"");
        }

        body.JsonData("graph-data", new
        {
            center,
            nodes = nodes.Select(n => new { key = n!["key"]!.GetValue<string>(), kind = n["kind"]!.GetValue<string>(), zh = n["name"]?["zh"]?.GetValue<string>(), en = n["name"]?["en"]?.GetValue<string>() }),
            edges = edges.Select(e => new { from = e!["from"]!.GetValue<string>(), to = e["to"]!.GetValue<string>(), type = e["type"]!.GetValue<string>(), narrative = e["fromNarrative"]?.GetValue<bool>() ?? false }),
            kinds = Labels.Kinds.ToDictionary(k => k.Kind, k => new { zh = k.Name.Zh, en = k.Name.En, colour = k.Colour }),
            relations = Labels.RelationTypes.ToDictionary(t => t, t => new { zh = Labels.RelationName(t).Zh, en = Labels.RelationName(t).En }),
        });
        body.Close("section");
    }
}
