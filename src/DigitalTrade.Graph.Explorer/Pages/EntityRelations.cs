using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// An entity's relations as Wikidata-like groups: typed relations first, one group per type and direction
/// under a human bilingual label ("缔约方 · Parties"), then "Mentions" and "Mentioned in" from narratives,
/// leaving out every entity a typed relation already lists.
/// </summary>
internal static class EntityRelations
{
    public static void Write(Html body, JsonNode? typed, JsonNode? mentions)
    {
        var typedEdges = typed?["edges"]?.AsArray() ?? [];
        var listed = typedEdges.Select(e => e!["node"]!["key"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        body.Open("section", "class=\"relations\" aria-labelledby=\"relations\"").El("h2", "Relations", "id=\"relations\"");
        if (typedEdges.Count == 0)
        {
            body.El("p", "No typed relations.", "class=\"muted\"");
        }

        foreach (var group in typedEdges
            .GroupBy(e => (Type: e!["type"]!.GetValue<string>(), Incoming: e["direction"]!.GetValue<string>() == "INCOMING"))
            .OrderBy(g => Order(g.Key.Type)).ThenBy(g => g.Key.Incoming))
        {
            body.Open("div", $"class=\"relation-group\" data-type=\"{group.Key.Type}\" data-direction=\"{(group.Key.Incoming ? "in" : "out")}\"")
                .Open("h3").Label(Labels.Relation(group.Key.Type, group.Key.Incoming)).El("span", $" {group.Count()}", "class=\"count\"").Close("h3").Open("ul");
            foreach (var edge in group.OrderBy(e => e!["node"]!["kind"]!.GetValue<string>(), StringComparer.Ordinal).ThenBy(e => e!["node"]!["name"]?["en"]?.GetValue<string>(), StringComparer.Ordinal))
            {
                body.Open("li").Dot(edge!["node"]?["kind"]?.GetValue<string>()).EntityLink(edge["node"]);
                if (edge["source"]?["origin"]?.GetValue<string>() == "GENERAL")
                {
                    EntityFacts.General(body.Raw(" "), edge["source"]);
                }

                var details = new[] { edge["role"]?.GetValue<string>(), edge["date"]?["text"]?.GetValue<string>(), edge["note"]?.GetValue<string>() }.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
                if (details.Count > 0)
                {
                    body.El("span", " · " + string.Join(" · ", details), "class=\"muted small\"");
                }

                body.Close("li");
            }

            body.Close("ul").Close("div");
        }

        More(body, typed);
        var mentionEdges = (mentions?["edges"]?.AsArray() ?? []).Where(e => !listed.Contains(e!["node"]!["key"]!.GetValue<string>())).ToList();
        if (mentionEdges.Count > 0)
        {
            body.Open("div", "class=\"mention-groups\"").El("h3", "From the narratives", "class=\"sub\"");
            foreach (var group in mentionEdges.GroupBy(e => e!["direction"]!.GetValue<string>() == "INCOMING").OrderBy(g => g.Key))
            {
                var nodes = group.Select(e => e!["node"]!).DistinctBy(n => n["key"]!.GetValue<string>()).ToList();
                body.Open("div", $"class=\"relation-group\" data-type=\"MENTIONS\" data-direction=\"{(group.Key ? "in" : "out")}\"")
                    .Open("h4").Label(Labels.Relation("MENTIONS", group.Key)).El("span", $" {nodes.Count}", "class=\"count\"").Close("h4").Open("ul", "class=\"inline\"");
                foreach (var node in nodes)
                {
                    body.Open("li").Dot(node["kind"]?.GetValue<string>()).EntityLink(node).Close("li");
                }

                body.Close("ul").Close("div");
            }

            body.Close("div");
        }

        More(body, mentions);
        body.Close("section");
    }

    private static int Order(string type) => Labels.RelationTypes.ToList().IndexOf(type);

    private static void More(Html body, JsonNode? connection)
    {
        var total = connection?["totalCount"]?.GetValue<int>() ?? 0;
        var shown = connection?["edges"]?.AsArray().Count ?? 0;
        if (total > shown)
        {
            body.El("p", $"{shown} of {total} shown; the graph and the API list the rest.", "class=\"muted small\"");
        }
    }
}
