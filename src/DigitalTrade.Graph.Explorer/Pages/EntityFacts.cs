using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// An entity's dates (a small timeline, and the dates the report does not give), figures (value with qualifier
/// and unit, period, source) and sources; a fact from general knowledge says so, with its reference.
/// </summary>
internal static class EntityFacts
{
    public static void Dates(Html body, JsonNode? dates, JsonNode? notGiven)
    {
        var list = dates as JsonArray ?? [];
        var missing = (notGiven as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
        if (list.Count == 0 && missing.Count == 0)
        {
            return;
        }

        body.Open("section", "class=\"dates\" aria-label=\"Dates\"");
        if (list.Count > 0)
        {
            body.Open("ol", "class=\"date-line\"");
            foreach (var d in list.OrderBy(d => d!["date"]?["text"]?.GetValue<string>(), StringComparer.Ordinal))
            {
                var text = d!["date"]?["text"]?.GetValue<string>();
                body.Open("li").El("time", text, Html.Attr("datetime", text)).Raw(" ").Label(Labels.DateName(d["name"]?.GetValue<string>())).Close("li");
            }

            body.Close("ol");
        }

        // Checked against the report and not there: unlike a date nobody has entered yet.
        if (missing.Count > 0)
        {
            body.Open("p", "class=\"dates-not-given muted small\"").Text("Not given in the report 报告未载明: ");
            for (var i = 0; i < missing.Count; i++)
            {
                body.Text(i == 0 ? string.Empty : ", ").Label(Labels.DateName(missing[i]));
            }

            body.Close("p");
        }

        body.Close("section");
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

    /// <summary>Each source: the report's heading path, table and note; general knowledge with what it vouches for and its reference.</summary>
    public static void Sources(Html body, JsonNode? sources)
    {
        if (sources is not JsonArray { Count: > 0 } list)
        {
            return;
        }

        body.Open("section", "aria-labelledby=\"sources\"").El("h2", "Sources", "id=\"sources\"").Open("ul", "class=\"sources\"");
        foreach (var s in list)
        {
            body.Open("li", "lang=\"zh\"").Source(s);
            if (s?["about"] is JsonArray { Count: > 0 } about)
            {
                body.El("span", " · for " + string.Join(", ", about.Select(a => a!.GetValue<string>())), "class=\"muted small\" lang=\"en\"");
            }

            body.Close("li");
        }

        body.Close("ul").Close("section");
    }

    internal static Html Source(this Html body, JsonNode? source)
    {
        if (source is null)
        {
            return body;
        }

        General(body, source);
        var table = source["table"]?.GetValue<string>();
        var note = source["note"]?.GetValue<string>();
        return body.Text(source["section"]?.GetValue<string>()).Text(table is null ? string.Empty : $" ({table})").Text(note is null ? string.Empty : $" — {note}");
    }

    /// <summary>The mark of a fact the report does not state: a badge, then the reference as text (it is not always an address).</summary>
    internal static Html General(Html body, JsonNode? source)
    {
        if (source?["origin"]?.GetValue<string>() != "GENERAL")
        {
            return body;
        }

        body.El("span", "general knowledge · 非报告内容", "class=\"badge general\" lang=\"en\" title=\"Not stated in the report: from general knowledge, with a reference to check it against\"");
        var reference = source["reference"]?.GetValue<string>();
        return reference is null ? body.Raw(" ") : body.El("span", $" ref: {reference} ", "class=\"muted small\" lang=\"en\"");
    }
}
