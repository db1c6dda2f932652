using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>An entity's dates (a small timeline), figures (value with qualifier and unit, period, source) and sources.</summary>
internal static class EntityFacts
{
    public static void Dates(Html body, JsonNode? dates)
    {
        if (dates is not JsonArray { Count: > 0 } list)
        {
            return;
        }

        body.Open("section", "class=\"dates\" aria-label=\"Dates\"").Open("ol", "class=\"date-line\"");
        foreach (var d in list.OrderBy(d => d!["date"]?["text"]?.GetValue<string>(), StringComparer.Ordinal))
        {
            var text = d!["date"]?["text"]?.GetValue<string>();
            body.Open("li").El("time", text, Html.Attr("datetime", text)).Raw(" ").Label(Labels.DateName(d["name"]?.GetValue<string>())).Close("li");
        }

        body.Close("ol").Close("section");
    }

    public static void Figures(Html body, JsonNode? figures)
    {
        if (figures is not JsonArray { Count: > 0 } list)
        {
            return;
        }

        body.Open("section", "aria-labelledby=\"figures\"").El("h2", "Figures", "id=\"figures\"").Open("div", "class=\"scroll\"")
            .Raw("<table class=\"figures\"><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Period</th><th scope=\"col\">Source</th></tr></thead><tbody>");
        foreach (var f in list)
        {
            var qualifier = Labels.Qualifier(f!["figureQualifier"]?.GetValue<string>());
            body.Open("tr").Open("th", "scope=\"row\"").Name(f["name"]).Close("th").Open("td", "class=\"num\"");
            if (qualifier is not null)
            {
                body.El("span", qualifier.En + " ", "class=\"qualifier\"");
            }

            body.El("span", f["value"]?.GetValue<string>(), "class=\"value\"").Text(" ").El("span", f["unit"]?.GetValue<string>(), "lang=\"zh\"").Close("td")
                .El("td", f["period"]?.GetValue<string>()).Open("td", "lang=\"zh\"").Source(f["source"]).Close("td").Close("tr");
        }

        body.Raw("</tbody></table></div></section>");
    }

    /// <summary>Each source: the report's heading path, table and note (the API's provenance fields go here when it has them).</summary>
    public static void Sources(Html body, JsonNode? sources)
    {
        if (sources is not JsonArray { Count: > 0 } list)
        {
            return;
        }

        body.Open("section", "aria-labelledby=\"sources\"").El("h2", "Sources", "id=\"sources\"").Open("ul", "class=\"sources\"");
        foreach (var s in list)
        {
            body.Open("li", "lang=\"zh\"").Source(s).Close("li");
        }

        body.Close("ul").Close("section");
    }

    private static Html Source(this Html body, JsonNode? source)
    {
        if (source is null)
        {
            return body;
        }

        var table = source["table"]?.GetValue<string>();
        var note = source["note"]?.GetValue<string>();
        return body.Text(source["section"]?.GetValue<string>()).Text(table is null ? string.Empty : $" ({table})").Text(note is null ? string.Empty : $" — {note}");
    }
}
