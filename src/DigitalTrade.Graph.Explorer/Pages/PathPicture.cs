using System.Globalization;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>A path drawn as a row of SVG nodes, start on the left, each relation labelled; computed here so it needs no script.</summary>
internal static class PathPicture
{
    private const double Step = 200;

    /// <summary>Each step is drawn with its first relation (the API lists typed ones first); "+n" counts the other typed ones the list shows.</summary>
    public static string Svg(JsonArray nodes, JsonArray steps, string label)
    {
        var width = Math.Max(1, nodes.Count) * Step;
        var svg = new Html().Open("svg", $"class=\"path-svg\" viewBox=\"0 0 {F(width)} 120\" role=\"group\" {Html.Attr("aria-label", label)}");
        svg.Raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#666\"/></marker></defs>");
        for (var i = 0; i < steps.Count && i + 1 < nodes.Count; i++)
        {
            var relations = steps[i]!["relations"]?.AsArray() ?? [];
            if (relations.Count == 0)
            {
                continue;
            }

            var forward = relations[0]!["direction"]?.GetValue<string>() != "INCOMING";
            var type = relations[0]!["type"]!.GetValue<string>();
            var typed = relations.Count(r => r!["type"]!.GetValue<string>() != "MENTIONS");
            var more = typed > 1 ? $" +{typed - 1}" : string.Empty;
            double x1 = X(i) + 16, x2 = X(i + 1) - 16;
            svg.Raw($"<line x1=\"{F(x1)}\" y1=\"40\" x2=\"{F(x2)}\" y2=\"40\" class=\"edge{(type == "MENTIONS" ? " faint" : string.Empty)}\" {(forward ? "marker-end" : "marker-start")}=\"url(#arrow)\"/>")
                .El("text", Labels.RelationName(type).En + more, $"x=\"{F((x1 + x2) / 2)}\" y=\"32\" text-anchor=\"middle\" class=\"edge-label\"");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i]!;
            var key = node["key"]!.GetValue<string>();
            var kind = node["kind"]?.GetValue<string>();
            var zh = node["name"]?["zh"]?.GetValue<string>() ?? key;
            var en = node["name"]?["en"]?.GetValue<string>() ?? key;
            svg.Open("a", $"{Html.Attr("href", Html.EntityHref(key))} class=\"node\" data-kind=\"{Html.Encode(kind)}\"")
                .El("title", $"{zh} · {en} ({Labels.Kind(kind).En})")
                .Raw($"<circle cx=\"{F(X(i))}\" cy=\"40\" r=\"12\" fill=\"{Labels.Colour(kind)}\"/>")
                .El("text", Short(zh, 12), $"x=\"{F(X(i))}\" y=\"72\" text-anchor=\"middle\" lang=\"zh\"")
                .El("text", Short(en, 28), $"x=\"{F(X(i))}\" y=\"90\" text-anchor=\"middle\" lang=\"en\" class=\"en\"")
                .Close("a");
        }

        return svg.Close("svg").ToString();
    }

    private static double X(int i) => (Step / 2) + (i * Step);

    private static string Short(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
