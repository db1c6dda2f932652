using System.Globalization;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>Draws nodes and relations as SVG, with the layout computed here so the page needs no script.</summary>
internal static class GraphPicture
{
    public static readonly IReadOnlyDictionary<string, string> KindColours = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AGREEMENT"] = "#b2182b",
        ["POLICY"] = "#2166ac",
        ["ORGANIZATION"] = "#5e3c99",
        ["ECONOMY"] = "#1b7837",
        ["PROVINCE"] = "#8c510a",
        ["CITY"] = "#bf812d",
        ["ZONE"] = "#01665e",
        ["SERVICE_EXPORT_BASE"] = "#c51b7d",
        ["CASE"] = "#d6604d",
        ["INDICATOR"] = "#4d4d4d",
    };

    private const double Ring = 150;

    public static string Colour(string? kind) => KindColours.GetValueOrDefault(kind ?? string.Empty, "#666666");

    /// <summary>Radial layout: the center in the middle, each ring one hop further out (hops counted over the returned edges).</summary>
    public static string Neighborhood(string centerKey, JsonArray nodes, JsonArray edges)
    {
        var keys = nodes.Select(n => n!["key"]!.GetValue<string>()).ToList();
        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [centerKey] = 0 };
        var queue = new Queue<string>([centerKey]);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            foreach (var edge in edges)
            {
                var from = edge!["from"]!.GetValue<string>();
                var to = edge["to"]!.GetValue<string>();
                var other = from == key ? to : to == key ? from : null;
                if (other is not null && distance.TryAdd(other, distance[key] + 1))
                {
                    queue.Enqueue(other);
                }
            }
        }

        var maxRing = keys.Select(k => distance.GetValueOrDefault(k, 1)).DefaultIfEmpty(0).Max();
        var size = (2 * maxRing * Ring) + 240;
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var ring in keys.GroupBy(k => distance.GetValueOrDefault(k, 1)))
        {
            var members = ring.ToList();
            for (var i = 0; i < members.Count; i++)
            {
                // Offset alternate rings by half a step so labels of neighbouring rings do not line up.
                var angle = (2 * Math.PI * (i + (ring.Key % 2 * 0.5)) / members.Count) - (Math.PI / 2);
                var radius = ring.Key * Ring;
                positions[members[i]] = ((size / 2) + (radius * Math.Cos(angle)), (size / 2) + (radius * Math.Sin(angle)));
            }
        }

        return Draw(nodes, edges, positions, size, size, centerKey, "Neighbourhood of " + centerKey);
    }

    /// <summary>A path as a row, start on the left.</summary>
    public static string Path(JsonArray nodes, JsonArray edges)
    {
        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            positions[nodes[i]!["key"]!.GetValue<string>()] = (90 + (i * 180), 60);
        }

        return Draw(nodes, edges, positions, (nodes.Count * 180) + 0, 120, null, "Path");
    }

    private static string Draw(JsonArray nodes, JsonArray edges, Dictionary<string, (double X, double Y)> at, double width, double height, string? centerKey, string label)
    {
        var svg = new Html();
        svg.Open("svg", $"class=\"graph\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" {Html.Attr("aria-label", label)}");
        svg.Raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"22\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#888\"/></marker></defs>");
        foreach (var edge in edges)
        {
            var from = edge!["from"]!.GetValue<string>();
            var to = edge["to"]!.GetValue<string>();
            if (!at.TryGetValue(from, out var a) || !at.TryGetValue(to, out var b))
            {
                continue;
            }

            var type = edge["type"]!.GetValue<string>();
            svg.Open("line", $"x1=\"{F(a.X)}\" y1=\"{F(a.Y)}\" x2=\"{F(b.X)}\" y2=\"{F(b.Y)}\" class=\"edge\" marker-end=\"url(#arrow)\"")
                .El("title", $"{from} {type} {to}").Close("line");
        }

        foreach (var node in nodes)
        {
            var key = node!["key"]!.GetValue<string>();
            if (!at.TryGetValue(key, out var p))
            {
                continue;
            }

            var kind = node["kind"]?.GetValue<string>();
            var en = node["name"]?["en"]?.GetValue<string>() ?? key;
            var zh = node["name"]?["zh"]?.GetValue<string>() ?? string.Empty;
            var shortName = en.Length > 26 ? en[..25] + "…" : en;
            svg.Open("a", $"{Html.Attr("href", Html.EntityHref(key))} class=\"node\" data-kind=\"{Html.Encode(kind)}\"")
                .El("title", $"{zh} · {en} ({kind})")
                .Raw($"<circle cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\" r=\"{(key == centerKey ? 14 : 9)}\" fill=\"{Colour(kind)}\"/>")
                .El("text", shortName, $"x=\"{F(p.X)}\" y=\"{F(p.Y + 24)}\" text-anchor=\"middle\" lang=\"en\"")
                .Close("a");
        }

        return svg.Close("svg").ToString();
    }

    public static string Legend(IEnumerable<string?> kinds)
    {
        var legend = new Html().Open("ul", "class=\"legend\"");
        foreach (var kind in kinds.Distinct().Order(StringComparer.Ordinal))
        {
            legend.Open("li").Raw($"<span class=\"dot\" style=\"background:{Colour(kind)}\"></span>").Text(kind).Close("li");
        }

        return legend.Close("ul").ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
