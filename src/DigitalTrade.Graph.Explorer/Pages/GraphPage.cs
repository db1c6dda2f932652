using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>The graph, full screen, starting from an entity's neighbourhood (<c>?key=</c>) or from the paths between two entities (<c>?from=&amp;to=</c>).</summary>
internal static class GraphPage
{
    private static readonly PageOptions Options = new(Scripts: GraphView.Scripts, BodyClass: "full");

    public static async Task<IResult> Handle(HttpContext context, string? key, string? from, string? to)
    {
        var body = new Html();
        if (!string.IsNullOrWhiteSpace(from) && !string.IsNullOrWhiteSpace(to))
        {
            // Names or keys, as the path finder takes them.
            var fromKey = (await NameResolver.ResolveAsync(context, from)).Entity?.Key ?? from;
            var toKey = (await NameResolver.ResolveAsync(context, to)).Entity?.Key ?? to;
            var found = await PathQueries.FindAsync(context, fromKey, toKey);
            var nodes = new JsonArray([.. found.Paths.SelectMany(p => p["nodes"]!.AsArray()).DistinctBy(n => n!["key"]!.GetValue<string>()).Select(n => n!.DeepClone())]);
            var edges = new JsonArray([.. found.Paths.SelectMany(p => p["steps"]!.AsArray()).SelectMany(s => PathQueries.Edges(s!)).DistinctBy(e => $"{e["from"]}|{e["type"]}|{e["to"]}")]);
            body.ErrorList(found.Errors);
            GraphView.Write(body, $"Paths from {from} to {to}", fromKey, nodes, edges, truncated: false, fullScreenHref: null);
            return PageLayout.Result("Graph", body, Options);
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            body.El("h1", "Graph").Raw("<form method=\"get\" action=\"/graph\" class=\"filters\"><label for=\"key\">Start from</label><div class=\"combo\">")
                .Raw("<input id=\"key\" name=\"key\" autocomplete=\"off\" data-suggest=\"key\" placeholder=\"DEPA, 海南, Singapore …\"></div><button type=\"submit\">Draw</button></form>")
                .El("p", "Or open any entity's page and choose Full screen, or a path's graph view from the path finder.", "class=\"muted\"");
            return PageLayout.Result("Graph", body);
        }

        var resolution = await NameResolver.ResolveAsync(context, key);
        var start = resolution.Entity?.Key ?? key;
        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($key: String!) { neighborhood(key: $key, depth: 1, limit: 100) { truncated center { name { zh en } } nodes { {{GraphView.NodeFields}} } edges { {{GraphView.EdgeFields}} } } }
            """, new { key = start });
        if (result.Data?["neighborhood"] is not { } neighborhood)
        {
            body.El("h1", "Not found").Open("p").Text("No entity has the key or name ").El("q", key).Text(".").Close("p");
            EntityPage.Perhaps(body, resolution.Candidates);
            return PageLayout.Result("Not found", body, status: StatusCodes.Status404NotFound);
        }

        body.ErrorList(result.Errors);

        var name = neighborhood["center"]?["name"];
        GraphView.Write(body, $"{name?["zh"]} · {name?["en"]}", start, neighborhood["nodes"]!.AsArray(), neighborhood["edges"]!.AsArray(), neighborhood["truncated"]?.GetValue<bool>() == true, null);
        return PageLayout.Result($"Graph: {name?["en"]}", body, Options);
    }
}
