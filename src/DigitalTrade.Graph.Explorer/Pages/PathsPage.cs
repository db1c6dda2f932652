using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// How two entities are connected: both ends typed by name (suggested as you type, resolved on the server
/// when typed without choosing), paths of typed relations first, each drawn and listed with its relation labels.
/// </summary>
internal static class PathsPage
{
    public static async Task<IResult> Handle(HttpContext context, string? from, string? to, string? fromKey, string? toKey)
    {
        var body = new Html().El("h1", "Path finder");
        Form(body, from, to, fromKey, toKey);
        if (string.IsNullOrWhiteSpace(from + fromKey) || string.IsNullOrWhiteSpace(to + toKey))
        {
            body.El("p", "Type two names (Chinese or English, e.g. 海南 and DEPA) or keys; choose from the suggestions or just press Find.", "class=\"muted\"");
            return PageLayout.Result("Paths", body, new PageOptions(Scripts: GraphView.Scripts));
        }

        var start = await ResolveAsync(context, from, fromKey);
        var end = await ResolveAsync(context, to, toKey);
        if (start.Entity is null || end.Entity is null)
        {
            Choices(body, "from", start, from, to, toKey);
            Choices(body, "to", end, from, to, fromKey);
            return PageLayout.Result("Paths", body);
        }

        var found = await PathQueries.FindAsync(context, start.Entity.Key, end.Entity.Key);
        body.ErrorList(found.Errors);
        body.Open("p", "class=\"ends\"").Text("From ").EntityLink(start.Entity.ToJson()).Text(" to ").EntityLink(end.Entity.ToJson()).Text(" · ")
            .Open("a", Html.Attr("href", Html.Href("/graph", ("from", start.Entity.Key), ("to", end.Entity.Key)))).Text("open in the graph view").Close("a").Close("p");
        if (found.Errors.Count == 0 && found.Paths.Count == 0)
        {
            body.El("p", $"Nothing joins them within {PathQueries.MaxHops} relations, typed or narrative.", "class=\"empty\"");
        }

        var number = 0;
        foreach (var path in found.Paths)
        {
            number++;
            var nodes = path["nodes"]!.AsArray();
            var steps = path["steps"]!.AsArray();
            var typed = PathQueries.IsTyped(path);
            body.Open("section", $"class=\"path\" data-typed=\"{(typed ? "true" : "false")}\"")
                .El("h2", $"Path {number}: {steps.Count} step{(steps.Count == 1 ? string.Empty : "s")}{(typed ? string.Empty : ", through narrative mentions")}")
                .Open("div", "class=\"scroll\"").Raw(PathPicture.Svg(nodes, steps, $"Path {number}")).Close("div");
            Steps(body, nodes, steps);
            body.Close("section");
        }

        return PageLayout.Result("Paths", body);
    }

    private static Task<NameResolution> ResolveAsync(HttpContext context, string? text, string? key) =>
        !string.IsNullOrWhiteSpace(key) ? NameResolver.ResolveAsync(context, key) : NameResolver.ResolveAsync(context, text ?? string.Empty);

    private static void Form(Html body, string? from, string? to, string? fromKey, string? toKey)
    {
        body.Raw("<form method=\"get\" action=\"/paths\" class=\"filters path-form\">");
        foreach (var (name, label, value, key, example) in new[] { ("from", "From", from, fromKey, "海南 Hainan"), ("to", "To", to, toKey, "DEPA") })
        {
            body.Raw($"<label for=\"{name}\">{label}</label><div class=\"combo\"><input id=\"{name}\" name=\"{name}\" autocomplete=\"off\" data-suggest=\"fill\" {Html.Attr("data-key-field", name + "Key")} {Html.Attr("placeholder", example)} {Html.Attr("value", value ?? key)}>")
                .Raw($"<input type=\"hidden\" name=\"{name}Key\" {Html.Attr("value", key)}></div>");
        }

        body.Raw("<button type=\"submit\">Find paths</button></form>");
    }

    /// <summary>When a typed name is ambiguous or unknown: the candidates, each a link that keeps the other end.</summary>
    private static void Choices(Html body, string end, NameResolution resolution, string? from, string? to, string? otherKey)
    {
        if (resolution.Entity is not null)
        {
            return;
        }

        body.Open("div", "class=\"choices\" role=\"alert\"").Open("p").Text(resolution.Candidates.Count == 0 ? "Nothing is called " : "Which one do you mean by ").El("q", resolution.Text).Text("?").Close("p").Open("ul");
        foreach (var candidate in resolution.Candidates)
        {
            var href = end == "from"
                ? Html.Href("/paths", ("from", candidate.Zh), ("fromKey", candidate.Key), ("to", to), ("toKey", otherKey))
                : Html.Href("/paths", ("from", from), ("fromKey", otherKey), ("to", candidate.Zh), ("toKey", candidate.Key));
            body.Open("li").Dot(candidate.Kind).Open("a", Html.Attr("href", href)).Name(candidate.ToJson()["name"]).Close("a").Raw(" ").El("code", candidate.Key, "class=\"muted\"").Close("li");
        }

        body.Close("ul").Close("div");
    }

    /// <summary>
    /// The path as a list: each entity, then every typed relation to the next with its direction; narrative
    /// mentions are named only where no typed relation joins the step, and otherwise noted in a word.
    /// </summary>
    private static void Steps(Html body, JsonArray nodes, JsonArray steps)
    {
        body.Open("ol", "class=\"path-list\"");
        for (var i = 0; i < nodes.Count; i++)
        {
            body.Open("li").Dot(nodes[i]!["kind"]?.GetValue<string>()).EntityLink(nodes[i]);
            var relations = i < steps.Count ? steps[i]!["relations"]?.AsArray() ?? [] : [];
            var typed = relations.Where(r => r!["type"]!.GetValue<string>() != "MENTIONS").ToList();
            var shown = typed.Count > 0 ? typed : relations.Take(1).ToList();
            for (var r = 0; r < shown.Count; r++)
            {
                var forward = shown[r]!["direction"]?.GetValue<string>() != "INCOMING";
                var type = shown[r]!["type"]!.GetValue<string>();
                body.Open("span", $"class=\"rel\" data-type=\"{type}\"").Text(r > 0 ? " / " : string.Empty).Text(forward ? " — " : " ← ")
                    .Label(Labels.RelationName(type)).Text(forward ? " → " : " — ").Close("span");
            }

            if (typed.Count > 0 && typed.Count < relations.Count)
            {
                body.El("span", " (also linked in the narratives)", "class=\"muted small\"");
            }

            body.Close("li");
        }

        body.Close("ol");
    }
}
