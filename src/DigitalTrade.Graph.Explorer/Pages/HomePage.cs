using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The landing page: what the graph holds (counts per kind), ways in (provinces with their cities and
/// zones, case themes, agreements) and a timeline of dated events with filters. One API request.
/// </summary>
internal static class HomePage
{
    /// <summary>The timeline's choices; an <c>EVENT</c> kind, when the API has one, joins the first.</summary>
    private static readonly (string Value, string[]? Kinds, string Label)[] TimelineKinds =
    [
        ("agreements-policies", ["AGREEMENT", "POLICY"], "Agreements and policies"),
        ("agreements", ["AGREEMENT"], "Agreements"),
        ("policies", ["POLICY"], "Policies"),
        ("events", ["EVENT"], "Events"),
        ("all", null, "Everything dated"),
    ];

    private static readonly string[] DateFields = ["signed", "in_force", "concluded", "adopted", "issued", "effective", "established", "started", "launched", "announced", "start"];

    public static async Task<IResult> Handle(HttpContext context, string? q, string? events, string? date, string? from, string? to)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Search used to live at /?q=: old links still work.
            return Results.Redirect("/search?q=" + Uri.EscapeDataString(q));
        }

        var timeline = TimelineKinds.FirstOrDefault(t => t.Value == events);
        if (timeline.Value is null)
        {
            timeline = TimelineKinds[0];
        }

        var dateField = DateFields.Contains(date) ? date : null;
        var fromYear = Years.Parse(from);
        var toYear = Years.Parse(to);
        var themes = string.Join(' ', Labels.ThemeCodes.Select(t => $"{t}: entities(kinds: [CASE], filter: {{ caseTheme: [{t.ToUpperInvariant()}] }}, first: 0) {{ totalCount }}"));
        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($kinds: [EntityKind!], $dateField: String, $from: String, $to: String) {
              corpus { entityCount relationCount kinds { kind count } }
              provinces: entities(kinds: [PROVINCE], orderBy: NAME_EN, first: 100) { totalCount nodes { key name { zh en } ... on Province { cities { key name { zh en } } zones { key name { zh en } } } } }
              agreements: entities(kinds: [AGREEMENT], orderBy: DATE_DESC, first: 100) { totalCount nodes { key name { zh en } ... on Agreement { agreementStatus } } }
              {{themes}}
              events: entities(kinds: $kinds, filter: { dateField: $dateField, dateFrom: $from, dateTo: $to }, orderBy: DATE_DESC, first: 100) { totalCount nodes { key kind name { zh en } dates { name date { text } } } }
            }
            """, new { kinds = timeline.Kinds ?? null, dateField, from = fromYear?.ToString(CultureInfo.InvariantCulture), to = toYear?.ToString(CultureInfo.InvariantCulture) });

        var data = result.Data;
        var body = new Html().Open("section", "class=\"intro\"").El("h1", "China's digital trade, as a graph")
            .Open("p").Text("Policies, agreements, places, service export bases, cases and statistical tables from ").El("span", "中国数字贸易发展报告 2025", "lang=\"zh\"")
            .Text(", linked and traceable to the report. Search in Chinese or English, or start from a place, a theme or an agreement.").Close("p").Close("section")
            .ErrorList(result.Errors);
        Counts(body, data?["corpus"]);
        body.Open("div", "class=\"columns\"");
        Provinces(body, data?["provinces"]);
        body.Open("div");
        Themes(body, data);
        Agreements(body, data?["agreements"]);
        body.Close("div").Close("div");
        Timeline(body, data?["events"], timeline.Value, dateField, fromYear, toYear);
        return PageLayout.Result("Home", body);
    }

    private static void Counts(Html body, JsonNode? corpus)
    {
        body.Open("section", "aria-labelledby=\"counts\"").El("h2", "What the graph holds", "id=\"counts\"")
            .El("p", $"{corpus?["entityCount"]} entities linked by {corpus?["relationCount"]} relations.", "class=\"muted\"");
        KindCards(body, corpus?["kinds"]).Close("section");
    }

    /// <summary>Each kind with its count, linking to the kind's list.</summary>
    public static Html KindCards(Html body, JsonNode? kinds)
    {
        body.Open("ul", "class=\"cards\"");
        foreach (var kind in kinds?.AsArray() ?? [])
        {
            var code = kind!["kind"]!.GetValue<string>();
            body.Open("li").Open("a", Html.Attr("href", "/browse?kind=" + code)).Dot(code)
                .El("strong", kind["count"]?.ToString()).Raw(" ").Label(Labels.KindPlural(code)).Close("a").Close("li");
        }

        return body.Close("ul");
    }

    private static void Provinces(Html body, JsonNode? provinces)
    {
        body.Open("section", "aria-labelledby=\"places\"").El("h2", "Places", "id=\"places\"")
            .El("p", $"{provinces?["totalCount"]} provincial-level regions, with the cities and zones the report names in each.", "class=\"muted\"")
            .Open("ul", "class=\"places\"");
        foreach (var province in provinces?["nodes"]?.AsArray() ?? [])
        {
            body.Open("li").EntityLink(province);
            var places = (province!["cities"]?.AsArray() ?? []).Concat(province["zones"]?.AsArray() ?? []).ToList();
            if (places.Count > 0)
            {
                body.Open("ul", "class=\"inline\"");
                foreach (var place in places)
                {
                    body.Open("li").Open("a", Html.Attr("href", Html.EntityHref(place!["key"]!.GetValue<string>()))).El("span", place["name"]?["zh"]?.GetValue<string>(), "lang=\"zh\"").Close("a").Close("li");
                }

                body.Close("ul");
            }

            body.Close("li");
        }

        body.Close("ul").Close("section");
    }

    private static void Themes(Html body, JsonNode? data)
    {
        body.Open("section", "aria-labelledby=\"themes\"").El("h2", "Case themes", "id=\"themes\"").Open("ul", "class=\"plain\"");
        foreach (var theme in Labels.ThemeCodes)
        {
            body.Open("li").Open("a", Html.Attr("href", "/browse?kind=CASE&theme=" + theme.ToUpperInvariant())).Label(Labels.Theme(theme)).Close("a")
                .El("span", $" ({data?[theme]?["totalCount"]})", "class=\"muted\"").Close("li");
        }

        body.Close("ul").Close("section");
    }

    private static void Agreements(Html body, JsonNode? agreements)
    {
        body.Open("section", "aria-labelledby=\"agreements\"").El("h2", "Agreements and initiatives", "id=\"agreements\"").Open("ul", "class=\"plain\"");
        foreach (var agreement in agreements?["nodes"]?.AsArray() ?? [])
        {
            body.Open("li").EntityLink(agreement);
            if (agreement!["agreementStatus"]?.GetValue<string>() is { Length: > 0 } status)
            {
                body.Raw(" ").Open("span", "class=\"badge\"").Label(Labels.Status(status)).Close("span");
            }

            body.Close("li");
        }

        body.Close("ul").Close("section");
    }

    private static void Timeline(Html body, JsonNode? events, string kinds, string? dateField, int? from, int? to)
    {
        body.Open("section", "id=\"timeline\" aria-labelledby=\"timeline-title\"").El("h2", "Timeline", "id=\"timeline-title\"");
        body.Raw("<form method=\"get\" action=\"/#timeline\" class=\"filters\"><label>Show <select name=\"events\">");
        foreach (var (value, _, label) in TimelineKinds)
        {
            body.Option(value, kinds, label);
        }

        body.Raw("</select></label><label>Date <select name=\"date\"><option value=\"\">any</option>");
        foreach (var field in DateFields)
        {
            body.Option(field, dateField, Labels.DateName(field).ToString());
        }

        body.Raw("</select></label>")
            .Raw("<label>From <input name=\"from\" type=\"number\" min=\"1900\" max=\"2100\" inputmode=\"numeric\" ").Raw(Html.Attr("value", from?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<label>To <input name=\"to\" type=\"number\" min=\"1900\" max=\"2100\" inputmode=\"numeric\" ").Raw(Html.Attr("value", to?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<button type=\"submit\">Show</button></form>");

        // One row per named date in range (an agreement signed and in force is two events), latest first.
        var rows = (events?["nodes"]?.AsArray() ?? [])
            .SelectMany(n => (n!["dates"]?.AsArray() ?? []).Select(d => (Node: n, Name: d!["name"]!.GetValue<string>(), Date: d["date"]!["text"]!.GetValue<string>())))
            .Where(r => (dateField is null || r.Name == dateField) && Years.InRange(r.Date, from, to))
            .OrderByDescending(r => r.Date, StringComparer.Ordinal).ThenBy(r => r.Node["key"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToList();
        if (rows.Count == 0)
        {
            body.El("p", "No dated events match these filters.").Close("section");
            return;
        }

        body.Open("ol", "class=\"timeline\"");
        foreach (var year in rows.GroupBy(r => r.Date[..4]))
        {
            body.Open("li").El("h3", year.Key, "class=\"year\"").Open("ul");
            foreach (var (node, name, date) in year)
            {
                body.Open("li").El("time", date, Html.Attr("datetime", date)).Raw(" ")
                    .Open("span", "class=\"event-name\"").Label(Labels.DateName(name)).Close("span").Raw(" ").Dot(node["kind"]?.GetValue<string>()).EntityLink(node).Close("li");
            }

            body.Close("ul").Close("li");
        }

        body.Close("ol");
        var total = events?["totalCount"]?.GetValue<int>() ?? 0;
        if (total > 100)
        {
            body.El("p", $"The 100 most recent of {total} dated entities; narrow the years to see earlier ones.", "class=\"muted\"");
        }

        body.Close("section");
    }
}
