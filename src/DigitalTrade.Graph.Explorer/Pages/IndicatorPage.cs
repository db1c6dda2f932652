using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// A statistical table: a chart per series (economy names, unit on the axis, values on hover), the table in
/// the report's layout, and its CSV (<c>/indicators/{key}.csv</c>). One API request.
/// </summary>
internal static class IndicatorPage
{
    public static async Task<IResult> Handle(HttpContext context, string? key, string? economy, string? from, string? to, string? chart)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return Results.Redirect("/indicators");
        }

        var csv = key.EndsWith(".csv", StringComparison.Ordinal);
        var slug = csv ? key[..^4] : key;
        var fullKey = slug.StartsWith("indicators/", StringComparison.Ordinal) ? slug : "indicators/" + slug;
        var result = await GraphQLClient.QueryAsync(context, """
            query($key: String!) {
              indicator(key: $key) { key name { zh en } table unit dataSource notes series { id name { zh en } unit } observations { series period economyKey value number unit } }
              economies: entities(kinds: [ECONOMY], first: 100) { nodes { key name { zh en } } }
            }
            """, new { key = fullKey });
        var indicator = result.Data?["indicator"];
        var body = new Html().ErrorList(result.Errors);
        if (indicator is null)
        {
            return PageLayout.Result("Not found", body.El("h1", "Not found").Open("p").Text("No table has the key ").El("code", fullKey).Text(".").Close("p"), status: StatusCodes.Status404NotFound);
        }

        var names = (result.Data?["economies"]?["nodes"]?.AsArray() ?? []).ToDictionary(n => n!["key"]!.GetValue<string>(), n => new Bilingual(n!["name"]!["zh"]!.GetValue<string>(), n["name"]!["en"]!.GetValue<string>()), StringComparer.Ordinal);
        Bilingual EconomyName(string k) => names.GetValueOrDefault(k) ?? new Bilingual(k, k);
        var series = indicator["series"]!.AsArray().Select(s => new Series(s!["id"]!.GetValue<string>(), new Bilingual(s["name"]!["zh"]!.GetValue<string>(), s["name"]!["en"]!.GetValue<string>()), s["unit"]!.GetValue<string>())).ToList();
        var observations = indicator["observations"]!.AsArray().Select(o => new Observation(
            o!["series"]!.GetValue<string>(), o["period"]!.GetValue<string>(), o["economyKey"]!.GetValue<string>(), o["value"]!.GetValue<string>(), o["unit"]!.GetValue<string>(),
            o["number"]?.GetValue<double>())).ToList();
        if (csv)
        {
            var file = slug.Split('/')[^1] + ".csv";
            return Results.File(Encoding.UTF8.GetBytes(IndicatorTable.Build(observations, series, EconomyName).ToCsv()), "text/csv; charset=utf-8", file);
        }

        var economies = observations.Select(o => o.Economy).Distinct().ToList();
        var selected = economy is not null && economies.Contains(economy) ? economy : null;
        var fromYear = Years.Parse(from);
        var toYear = Years.Parse(to);
        var shown = observations.Where(o => (selected is null || o.Economy == selected) && Years.InRange(o.Period, fromYear, toYear)).ToList();

        body.El("p", indicator["table"]?.GetValue<string>(), "class=\"kind\" lang=\"zh\"").Open("h1").Name(indicator["name"]).Close("h1");
        body.Open("p", "class=\"muted\"").Text("Unit: ").El("span", indicator["unit"]?.GetValue<string>(), "lang=\"zh\"").Text(" · Source: ").El("span", indicator["dataSource"]?.GetValue<string>(), "lang=\"zh\"").Text(" · ")
            .Open("a", Html.Attr("href", Html.EntityHref(fullKey))).Text("entity page").Close("a").Close("p");
        Filters(body, slug, economies, selected, fromYear, toYear, chart, EconomyName);
        Table(body, IndicatorTable.Build(shown, series, EconomyName), indicator["table"]?.GetValue<string>(), "/indicators/" + slug + ".csv");
        foreach (var s in series.Where(s => s.Id != "rank" && shown.Any(o => o.Series == s.Id)))
        {
            body.Open("section", "class=\"chart\"").Open("h2").Label(s.Name).Close("h2")
                .Raw(IndicatorChart.Svg([.. shown.Where(o => o.Series == s.Id)], s, EconomyName, chart == "line", $"{(chart == "line" ? "Line" : "Bar")} chart of {s.Name.En} ({s.Unit})"))
                .Close("section");
        }

        if (indicator["notes"]?.GetValue<string>() is { Length: > 0 } notes)
        {
            body.Open("section").El("h2", "Notes").El("p", notes, "lang=\"zh\"").Close("section");
        }

        return PageLayout.Result(indicator["name"]?["en"]?.GetValue<string>() ?? fullKey, body);
    }

    private static void Filters(Html body, string slug, List<string> economies, string? selected, int? from, int? to, string? chart, Func<string, Bilingual> name)
    {
        body.Open("form", $"method=\"get\" class=\"filters\" {Html.Attr("action", "/indicators/" + slug)}");
        if (economies.Count > 1)
        {
            body.Raw("<label>Economy <select name=\"economy\"><option value=\"\">all</option>");
            foreach (var e in economies)
            {
                body.Option(e, selected, name(e).ToString());
            }

            body.Raw("</select></label>");
        }

        body.Raw("<label>From <input name=\"from\" type=\"number\" min=\"1900\" max=\"2100\" ").Raw(Html.Attr("value", from?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<label>To <input name=\"to\" type=\"number\" min=\"1900\" max=\"2100\" ").Raw(Html.Attr("value", to?.ToString(CultureInfo.InvariantCulture))).Raw("></label>")
            .Raw("<label>Chart <select name=\"chart\">").Option("bar", chart, "bars").Option("line", chart, "lines").Raw("</select></label><button type=\"submit\">Show</button></form>");
    }

    private static void Table(Html body, IndicatorTable table, string? number, string csvHref)
    {
        body.Open("section", "aria-labelledby=\"table-title\"").Open("div", "class=\"table-head\"").El("h2", $"Table {number}", "id=\"table-title\" lang=\"zh\"")
            .Open("a", Html.Attr("href", csvHref) + " download class=\"button-link\"").Text("Download CSV").Close("a").Close("div")
            .Open("div", "class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-title\"").Open("table", "class=\"observations\"").Open("thead");
        if (table.Grouped)
        {
            body.Open("tr").El("th", table.Corner, "rowspan=\"2\" scope=\"col\"");
            foreach (var group in table.Columns.GroupBy(c => c.Group))
            {
                body.Open("th", $"colspan=\"{group.Count()}\" scope=\"colgroup\"").Label(group.Key).El("span", $" ({group.First().Unit})", "class=\"unit\" lang=\"zh\"").Close("th");
            }

            body.Close("tr").Open("tr");
            foreach (var column in table.Columns)
            {
                body.El("th", column.Sub, "scope=\"col\" class=\"num\"");
            }

            body.Close("tr");
        }
        else
        {
            body.Open("tr").El("th", table.Corner, "scope=\"col\"");
            foreach (var column in table.Columns)
            {
                body.Open("th", "scope=\"col\" class=\"num\"").Label(column.Group);
                if (column.Unit.Length > 0)
                {
                    body.El("span", $" ({column.Unit})", "class=\"unit\" lang=\"zh\"");
                }

                body.Close("th");
            }

            body.Close("tr");
        }

        body.Close("thead").Open("tbody");
        foreach (var (header, cells) in table.Rows)
        {
            body.Open("tr").Open("th", "scope=\"row\"").Label(header).Close("th");
            foreach (var cell in cells)
            {
                body.El("td", cell ?? string.Empty, "class=\"num\"");
            }

            body.Close("tr");
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }
}
