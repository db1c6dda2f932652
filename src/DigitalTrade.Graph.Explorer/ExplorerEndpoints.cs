using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DigitalTrade.Graph.Explorer;

/// <summary>The explorer's pages. Each reads the graph with one request to the public GraphQL API.</summary>
public static class ExplorerEndpoints
{
    private static readonly string[] RelationTypes = ["PARTY_TO", "APPLIED_TO", "MEMBER_OF", "ISSUED_BY", "APPLIES_TO", "IMPLEMENTS", "AMENDS", "LOCATED_IN", "PART_OF", "INVOLVES", "USES", "DATA_FROM", "MENTIONS"];

    private const string NodeFields = "key kind name { zh en }";

    public static IEndpointRouteBuilder MapExplorer(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", SearchPage);
        app.MapGet("/entity/{**key}", EntityPage);
        app.MapGet("/paths", PathsPage);
        app.MapGet("/indicators", (Delegate)IndicatorListPage);
        app.MapGet("/indicators/{**key}", IndicatorPage);
        app.MapGet("/console", ConsolePage);
        app.MapGet("/diagnostics", (Delegate)DiagnosticsPage);
        app.MapGet("/explorer/{file}", Asset);
        return app;
    }

    private static IResult HtmlResult(string title, Html body, string? query = null, int status = 200) =>
        Results.Content(Html.Page(title, body.ToString(), query), "text/html; charset=utf-8", statusCode: status);

    private static IResult Asset(string file)
    {
        var type = Path.GetExtension(file) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(ExplorerEndpoints).Assembly.GetManifestResourceStream("Explorer." + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private static async Task<IResult> SearchPage(HttpContext context, string? q)
    {
        var body = new Html();
        if (string.IsNullOrWhiteSpace(q))
        {
            body.El("h1", "Explore China's digital trade")
                .Raw("<p>Search policies, agreements, places, bases, cases and tables in Chinese or English, e.g. ")
                .Raw("<a href=\"/?q=DEPA\">DEPA</a>, <a href=\"/?q=%E6%95%B0%E6%8D%AE%E8%B7%A8%E5%A2%83\" lang=\"zh\">数据跨境</a>, <a href=\"/?q=Hainan\">Hainan</a>.</p>");
            return HtmlResult("Search", body);
        }

        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($q: String!) { search(query: $q, first: 50) { totalCount edges { score node { {{NodeFields}} summary { en } } highlights { field snippet } } } }
            """, new { q });
        body.El("h1", $"Results for “{q}”").ErrorList(result.Errors);
        var edges = result.Data?["search"]?["edges"]?.AsArray() ?? [];
        body.El("p", $"{result.Data?["search"]?["totalCount"]} matches", "class=\"muted\"");
        foreach (var group in edges.GroupBy(e => e!["node"]!["kind"]!.GetValue<string>()))
        {
            body.Open("section", "class=\"kind-group\"").El("h2", Kind(group.Key)).Open("ul", "class=\"results\"");
            foreach (var edge in group)
            {
                body.Open("li").EntityLink(edge!["node"]);
                var snippet = edge["highlights"]?.AsArray().FirstOrDefault()?["snippet"]?.GetValue<string>();
                if (snippet is not null)
                {
                    body.Open("div", "class=\"snippet\"").Snippet(snippet).Close("div");
                }

                body.Close("li");
            }

            body.Close("ul").Close("section");
        }

        return HtmlResult($"Search: {q}", body, q);
    }

    private static async Task<IResult> EntityPage(HttpContext context, string key, string? depth, string? type, string? kind)
    {
        var hops = Math.Clamp(Year(depth) ?? 1, 1, 2);
        string[]? types = RelationTypes.Contains(type) ? [type!] : null;
        string[]? kinds = kind is not null && GraphPicture.KindColours.ContainsKey(kind) ? [kind] : null;

        // The entity and its neighbourhood in one request: one round trip of GraphQL work per page.
        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($key: String!, $depth: Int!, $types: [RelationType!], $kinds: [EntityKind!]) {
              entity(key: $key) {
                {{NodeFields}} aliases summary { zh en } narrative { html }
                dates { name date { text } }
                figures { name { zh en } value unit period qualifier source { section table } }
                sources { section table note }
                relations(first: 100) { totalCount edges { type direction fromNarrative node { {{NodeFields}} } } }
                ... on Indicator { table unit }
              }
              neighborhood(key: $key, depth: $depth, relationTypes: $types, kinds: $kinds, limit: 40) { truncated nodes { {{NodeFields}} } edges { from to type } }
            }
            """, new { key, depth = hops, types, kinds });
        var entity = result.Data?["entity"];
        var body = new Html().ErrorList(result.Errors);
        if (entity is null)
        {
            body.El("h1", "Not found").El("p", $"No entity has the key “{key}”.");
            return HtmlResult("Not found", body, status: 404);
        }

        var entityKind = entity["kind"]!.GetValue<string>();
        body.Open("p", "class=\"kind\"").Raw($"<span class=\"dot\" style=\"background:{GraphPicture.Colour(entityKind)}\"></span>").Text(Kind(entityKind)).Raw(" · ").El("code", key).Close("p");
        body.Open("h1").El("span", entity["name"]?["zh"]?.GetValue<string>(), "lang=\"zh\"").Close("h1");
        body.El("p", entity["name"]?["en"]?.GetValue<string>(), "class=\"subtitle\" lang=\"en\"");
        var aliases = entity["aliases"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        if (aliases.Count > 0)
        {
            body.El("p", "Also: " + string.Join(", ", aliases), "class=\"muted\"");
        }

        if (entityKind == "INDICATOR")
        {
            body.Open("p").Open("a", Html.Attr("href", "/indicators/" + key.Replace("indicators/", string.Empty, StringComparison.Ordinal))).Text($"Chart of {entity["table"]} ({entity["unit"]})").Close("a").Close("p");
        }

        if (entity["summary"] is { } summary)
        {
            body.Open("section", "class=\"summary\"").El("p", summary["zh"]?.GetValue<string>(), "lang=\"zh\"").El("p", summary["en"]?.GetValue<string>(), "lang=\"en\"").Close("section");
        }

        var narrative = entity["narrative"]?["html"]?.GetValue<string>();
        if (!string.IsNullOrWhiteSpace(narrative))
        {
            // The API renders the narrative from the reviewed corpus Markdown; its entity links already point at /entity/{key}.
            body.Open("section", "class=\"narrative\"").El("h2", "Narrative").Raw(narrative).Close("section");
        }

        Relations(body, entity["relations"]);
        Neighbourhood(body, key, hops, type, kind, result.Data?["neighborhood"]);
        Facts(body, entity);
        return HtmlResult(entity["name"]?["en"]?.GetValue<string>() ?? key, body);
    }

    private static void Relations(Html body, JsonNode? relations)
    {
        var edges = relations?["edges"]?.AsArray() ?? [];
        body.Open("section", "class=\"relations\"").El("h2", $"Relations ({relations?["totalCount"]})");
        foreach (var group in edges.GroupBy(e => (Type: e!["type"]!.GetValue<string>(), Direction: e["direction"]!.GetValue<string>())).OrderBy(g => g.Key.Type == "MENTIONS").ThenBy(g => g.Key.Type, StringComparer.Ordinal))
        {
            var heading = group.Key.Direction == "INCOMING" ? $"{group.Key.Type} (incoming)" : group.Key.Type;
            body.Open("div", $"class=\"relation-group\" data-type=\"{group.Key.Type}\"").El("h3", heading).Open("ul");
            foreach (var edge in group)
            {
                var node = edge!["node"];
                body.Open("li").Raw($"<span class=\"dot\" style=\"background:{GraphPicture.Colour(node?["kind"]?.GetValue<string>())}\"></span>").EntityLink(node).Close("li");
            }

            body.Close("ul").Close("div");
        }

        body.Close("section");
    }

    private static void Neighbourhood(Html body, string key, int hops, string? type, string? kind, JsonNode? neighborhood)
    {
        body.Open("section", "class=\"neighbourhood\" id=\"neighbourhood\"").El("h2", "Neighbourhood");
        body.Open("form", $"method=\"get\" action=\"{Html.Encode(Html.EntityHref(key))}#neighbourhood\" class=\"filters\"");
        body.Raw("<label>Hops <select name=\"depth\">").Raw(Option("1", hops.ToString(CultureInfo.InvariantCulture), "1")).Raw(Option("2", hops.ToString(CultureInfo.InvariantCulture), "2")).Raw("</select></label>");
        body.Raw("<label>Relation <select name=\"type\"><option value=\"\">any</option>");
        foreach (var t in RelationTypes)
        {
            body.Raw(Option(t, type, t));
        }

        body.Raw("</select></label><label>Kind <select name=\"kind\"><option value=\"\">any</option>");
        foreach (var k in GraphPicture.KindColours.Keys)
        {
            body.Raw(Option(k, kind, Kind(k)));
        }

        body.Raw("</select></label><button type=\"submit\">Draw</button></form>");
        if (neighborhood?["nodes"] is JsonArray nodes && neighborhood["edges"] is JsonArray edges)
        {
            body.Open("div", "class=\"picture\"").Raw(GraphPicture.Neighborhood(key, nodes, edges)).Close("div");
            body.Raw(GraphPicture.Legend(nodes.Select(n => n!["kind"]?.GetValue<string>())));
            if (neighborhood["truncated"]?.GetValue<bool>() == true)
            {
                body.El("p", "Only the first 40 entities are drawn.", "class=\"muted\"");
            }
        }

        body.Close("section");
    }

    private static void Facts(Html body, JsonNode entity)
    {
        if (entity["dates"] is JsonArray { Count: > 0 } dates)
        {
            body.Open("section").El("h2", "Dates").Open("dl");
            foreach (var d in dates)
            {
                body.El("dt", d!["name"]?.GetValue<string>()).El("dd", d["date"]?["text"]?.GetValue<string>());
            }

            body.Close("dl").Close("section");
        }

        if (entity["figures"] is JsonArray { Count: > 0 } figures)
        {
            body.Open("section").El("h2", "Figures").Open("div", "class=\"scroll\"").Raw("<table><thead><tr><th>Figure</th><th>Value</th><th>Period</th><th>Source</th></tr></thead><tbody>");
            foreach (var f in figures)
            {
                body.Open("tr").Open("td").Name(f!["name"]).Close("td")
                    .El("td", $"{f["qualifier"]?.GetValue<string>()} {f["value"]?.GetValue<string>()} {f["unit"]?.GetValue<string>()}".Trim(), "class=\"num\"")
                    .El("td", f["period"]?.GetValue<string>())
                    .El("td", f["source"]?["table"]?.GetValue<string>() ?? f["source"]?["section"]?.GetValue<string>(), "lang=\"zh\"").Close("tr");
            }

            body.Raw("</tbody></table></div></section>");
        }

        if (entity["sources"] is JsonArray { Count: > 0 } sources)
        {
            body.Open("section").El("h2", "Sources").Open("ul", "class=\"sources\"");
            foreach (var s in sources)
            {
                var table = s!["table"]?.GetValue<string>();
                var note = s["note"]?.GetValue<string>();
                body.Open("li", "lang=\"zh\"").Text(s["section"]?.GetValue<string>()).Text(table is null ? string.Empty : $" ({table})").Text(note is null ? string.Empty : $" — {note}").Close("li");
            }

            body.Close("ul").Close("section");
        }
    }

    private static async Task<IResult> PathsPage(HttpContext context, string? from, string? to)
    {
        var body = new Html().El("h1", "Path finder");
        body.Raw("<form method=\"get\" action=\"/paths\" class=\"filters\"><label>From <input name=\"from\" required placeholder=\"cases/hainan-data-processing-trade\" ").Raw(Html.Attr("value", from))
            .Raw("></label><label>To <input name=\"to\" required placeholder=\"agreements/depa\" ").Raw(Html.Attr("value", to)).Raw("></label><button type=\"submit\">Find paths</button></form>");
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            body.El("p", "Give two entity keys (the part of an entity page's address after /entity/).", "class=\"muted\"");
            return HtmlResult("Paths", body);
        }

        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($from: String!, $to: String!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { length nodes { {{NodeFields}} } edges { from to type } } }
            """, new { from, to });
        body.ErrorList(result.Errors);
        var paths = result.Data?["paths"]?.AsArray() ?? [];
        if (result.Errors.Count == 0 && paths.Count == 0)
        {
            body.El("p", "No path of at most 4 relations joins them.");
        }

        var number = 0;
        foreach (var path in paths)
        {
            var nodes = path!["nodes"]!.AsArray();
            var edges = path["edges"]!.AsArray();
            body.Open("section", "class=\"path\"").El("h2", $"Path {++number}: {path["length"]} relations");
            body.Open("div", "class=\"picture\"").Raw(GraphPicture.Path(nodes, edges)).Close("div").Open("ol", "class=\"path-list\"");
            for (var i = 0; i < nodes.Count; i++)
            {
                body.Open("li").EntityLink(nodes[i]);
                if (i < edges.Count)
                {
                    var edge = edges[i]!;
                    var forward = edge["from"]!.GetValue<string>() == nodes[i]!["key"]!.GetValue<string>();
                    body.El("span", forward ? $" —{edge["type"]}→" : $" ←{edge["type"]}—", "class=\"rel\"");
                }

                body.Close("li");
            }

            body.Close("ol").Close("section");
        }

        return HtmlResult("Paths", body);
    }

    private static async Task<IResult> IndicatorListPage(HttpContext context)
    {
        var result = await GraphQLClient.QueryAsync(context, $$"""{ indicators(first: 100) { nodes { {{NodeFields}} ... on Indicator { table } } } }""");
        var body = new Html().El("h1", "Statistical tables").ErrorList(result.Errors).Open("ul", "class=\"results\"");
        foreach (var node in result.Data?["indicators"]?["nodes"]?.AsArray() ?? [])
        {
            var key = node!["key"]!.GetValue<string>();
            body.Open("li").El("span", node["table"]?.GetValue<string>(), "lang=\"zh\"").Raw(" ")
                .Open("a", Html.Attr("href", "/indicators/" + key["indicators/".Length..])).Name(node["name"]).Close("a").Close("li");
        }

        return HtmlResult("Indicators", body.Close("ul"));
    }

    private static async Task<IResult> IndicatorPage(HttpContext context, string key, string? economy, string? from, string? to, string? chart)
    {
        // Form fields arrive as text, empty when left blank: parsed here rather than rejected by binding.
        var fromYear = Year(from);
        var toYear = Year(to);
        var fullKey = key.StartsWith("indicators/", StringComparison.Ordinal) ? key : "indicators/" + key;
        var result = await GraphQLClient.QueryAsync(context, """
            query($key: String!) { indicator(key: $key) { key name { zh en } table unit dataSource notes series { id name { zh en } unit } observations { series period economyKey value unit } } }
            """, new { key = fullKey });
        var indicator = result.Data?["indicator"];
        var body = new Html().ErrorList(result.Errors);
        if (indicator is null)
        {
            return HtmlResult("Not found", body.El("h1", "Not found").El("p", $"No table has the key “{fullKey}”."), status: 404);
        }

        var observations = indicator["observations"]!.AsArray().Select(o => new IndicatorChart.Observation(
            o!["series"]!.GetValue<string>(), o["period"]!.GetValue<string>(), o["economyKey"]!.GetValue<string>(), o["value"]!.GetValue<string>(), o["unit"]!.GetValue<string>())).ToList();
        var economies = observations.Select(o => o.Economy).Distinct().ToList();
        var selected = economy is not null && economies.Contains(economy) ? economy : null;
        var shown = observations.Where(o => (selected is null || o.Economy == selected) && InPeriod(o.Period, fromYear, toYear)).ToList();

        body.El("p", indicator["table"]?.GetValue<string>(), "class=\"kind\" lang=\"zh\"").Open("h1").Name(indicator["name"]).Close("h1");
        body.Open("p", "class=\"muted\"").Text($"Unit: {indicator["unit"]} · Source: {indicator["dataSource"]} · ").Open("a", Html.Attr("href", Html.EntityHref(fullKey))).Text("entity page").Close("a").Close("p");
        body.Open("form", $"method=\"get\" class=\"filters\" {Html.Attr("action", "/indicators/" + key)}");
        body.Raw("<label>Economy <select name=\"economy\"><option value=\"\">all</option>");
        foreach (var e in economies)
        {
            body.Raw(Option(e, selected, e));
        }

        body.Raw("</select></label>")
            .Raw("<label>From <input name=\"from\" type=\"number\" min=\"1990\" max=\"2100\" ").Raw(Html.Attr("value", fromYear?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<label>To <input name=\"to\" type=\"number\" min=\"1990\" max=\"2100\" ").Raw(Html.Attr("value", toYear?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<label>Chart <select name=\"chart\">").Raw(Option("bar", chart, "bars")).Raw(Option("line", chart, "lines")).Raw("</select></label><button type=\"submit\">Show</button></form>");

        var names = indicator["series"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["name"]!, StringComparer.Ordinal);
        foreach (var series in shown.GroupBy(o => o.Series))
        {
            body.Open("section", "class=\"chart\"").Open("h2").Name(names.GetValueOrDefault(series.Key)).Close("h2")
                .Raw(IndicatorChart.Svg(series.ToList(), chart == "line", $"{(chart == "line" ? "Line" : "Bar")} chart of {names.GetValueOrDefault(series.Key)?["en"]?.GetValue<string>() ?? series.Key}"))
                .Close("section");
        }

        body.Open("section").El("h2", "Table").Open("div", "class=\"scroll\"").Raw("<table class=\"observations\"><thead><tr><th>Series</th><th>Economy</th><th>Period</th><th>Value</th><th>Unit</th></tr></thead><tbody>");
        foreach (var o in shown)
        {
            body.Open("tr").El("td", o.Series).El("td", o.Economy).El("td", o.Period).El("td", o.Value, "class=\"num\"").El("td", o.Unit, "lang=\"zh\"").Close("tr");
        }

        body.Raw("</tbody></table></div></section>");
        return HtmlResult(indicator["name"]?["en"]?.GetValue<string>() ?? fullKey, body);
    }

    private static int? Year(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool InPeriod(string period, int? from, int? to)
    {
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return true;
        }

        return (from is null || year >= from) && (to is null || year <= to);
    }

    private static IResult ConsolePage()
    {
        var body = new Html().El("h1", "Query console");
        body.Raw("<p>Run any query against <code>/graphql</code>. The contract with every type documented: <a href=\"/graphql/schema.graphql\">schema.graphql</a>.</p>");
        body.Raw("<label>Example <select id=\"examples\">");
        foreach (var (label, query) in ConsoleExamples.All)
        {
            body.Open("option", Html.Attr("value", query)).Text(label).Close("option");
        }

        body.Raw("</select></label><form id=\"console\"><label for=\"query\" class=\"sr\">Query</label><textarea id=\"query\" name=\"query\" rows=\"12\" spellcheck=\"false\">")
            .Text(ConsoleExamples.All[0].Query).Raw("</textarea><button type=\"submit\">Run (Ctrl+Enter)</button></form>")
            .Raw("<pre id=\"result\" aria-live=\"polite\" tabindex=\"0\"></pre>");
        return HtmlResult("Console", body);
    }

    private static async Task<IResult> DiagnosticsPage(HttpContext context)
    {
        var result = await GraphQLClient.QueryAsync(context, """
            { corpus { version createdAt entityCount relationCount lastLoad { attemptedAt succeeded milliseconds errorCount warningCount diagnostics { path line column severity code message } } } }
            """);
        var body = new Html().El("h1", "Corpus diagnostics").ErrorList(result.Errors);
        var corpus = result.Data?["corpus"];
        var load = corpus?["lastLoad"];
        body.El("p", $"Version {corpus?["version"]}, built {corpus?["createdAt"]}: {corpus?["entityCount"]} entities, {corpus?["relationCount"]} relations.");
        if (load is null)
        {
            return HtmlResult("Diagnostics", body.El("p", "This host did not load the graph from a corpus."));
        }

        body.El("p", $"Last load {load["attemptedAt"]}: {(load["succeeded"]?.GetValue<bool>() == true ? "succeeded" : "FAILED (the previous snapshot is served)")}, {load["errorCount"]} errors, {load["warningCount"]} warnings.", "class=\"load\"");
        var diagnostics = load["diagnostics"]?.AsArray() ?? [];
        if (diagnostics.Count == 0)
        {
            return HtmlResult("Diagnostics", body.El("p", "No problems found."));
        }

        body.Open("div", "class=\"scroll\"").Raw("<table><thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>");
        foreach (var d in diagnostics)
        {
            body.Open("tr", $"class=\"{(d!["severity"]?.GetValue<string>() == "ERROR" ? "error" : "warning")}\"")
                .El("td", d["severity"]?.GetValue<string>()).El("td", d["code"]?.GetValue<string>())
                .El("td", $"{d["path"]}({d["line"]},{d["column"]})").El("td", d["message"]?.GetValue<string>()).Close("tr");
        }

        return HtmlResult("Diagnostics", body.Raw("</tbody></table></div>"));
    }

    private static string Option(string value, string? selected, string label) =>
        $"<option {Html.Attr("value", value)}{(value == selected ? " selected" : string.Empty)}>{Html.Encode(label)}</option>";

    private static string Kind(string kind) => kind switch
    {
        "SERVICE_EXPORT_BASE" => "Service export base",
        _ => string.Concat(kind[..1], kind[1..].ToLowerInvariant()),
    };
}
