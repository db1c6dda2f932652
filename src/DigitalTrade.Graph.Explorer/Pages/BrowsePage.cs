using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>Entities of one kind, filtered by theme, status, level or province, by English name; paged. One API request.</summary>
internal static class BrowsePage
{
    private const int PageSize = 50;

    // The API's enum values (policyLevel, agreementStatus, caseTheme); addresses may spell them in either case.
    private static readonly string[] PolicyLevels = ["NATIONAL", "PROVINCIAL", "FTZ", "CITY", "DISTRICT", "FOREIGN", "INTERNATIONAL"];

    private static readonly string[] AgreementStatuses = ["NEGOTIATING", "CONCLUDED", "SIGNED", "IN_FORCE", "ADOPTED", "ANNOUNCED"];

    private static readonly string[] CaseThemes = [.. Labels.ThemeCodes.Select(t => t.ToUpperInvariant())];

    public static async Task<IResult> Handle(HttpContext context, string? kind, string? theme, string? status, string? level, string? province, string? after)
    {
        if (!Labels.IsKind(kind))
        {
            return await HomePageKinds(context);
        }

        theme = kind == "CASE" ? Known(CaseThemes, theme) : null;
        status = kind == "AGREEMENT" ? Known(AgreementStatuses, status) : null;
        level = kind == "POLICY" ? Known(PolicyLevels, level) : null;
        province = string.IsNullOrWhiteSpace(province) ? null : province;
        var result = await GraphQLClient.QueryAsync(context, """
            query($kinds: [EntityKind!], $filter: EntityFilter, $first: Int!, $after: String) {
              provinces: entities(kinds: [PROVINCE], orderBy: NAME_EN, first: 100) { nodes { key name { zh en } } }
              list: entities(kinds: $kinds, filter: $filter, orderBy: NAME_EN, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor }
                nodes { key kind name { zh en } summary { en } dates { name date { text } }
                  ... on Agreement { agreementStatus } ... on Policy { policyLevel } ... on Case { caseTheme } }
              }
            }
            """, new
        {
            kinds = new[] { kind },
            filter = new { caseTheme = Array(theme), agreementStatus = Array(status), policyLevel = Array(level), province },
            first = PageSize,
            after,
        });

        var plural = Labels.KindPlural(kind);
        var list = result.Data?["list"];
        var body = new Html().Open("h1").Dot(kind).Label(plural).Close("h1").ErrorList(result.Errors);
        Filters(body, kind!, theme, status, level, province, result.Data?["provinces"]);
        body.El("p", $"{list?["totalCount"]} {plural.En.ToLowerInvariant()}, by English name.", "class=\"muted\"");
        body.Open("ul", "class=\"browse\"");
        foreach (var node in list?["nodes"]?.AsArray() ?? [])
        {
            body.Open("li").EntityLink(node);
            Facet(body, node!["agreementStatus"], Labels.Status);
            Facet(body, node["caseTheme"], Labels.Theme);
            Facet(body, node["policyLevel"], Labels.Level);
            if (node["dates"]?.AsArray().FirstOrDefault() is { } date)
            {
                body.Raw(" ").El("time", date["date"]?["text"]?.GetValue<string>(), "class=\"muted\"");
            }

            if (node["summary"]?["en"]?.GetValue<string>() is { } summary)
            {
                body.El("div", summary, "class=\"snippet\" lang=\"en\"");
            }

            body.Close("li");
        }

        body.Close("ul");
        if (list?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() == true)
        {
            var next = Html.Href("/browse", ("kind", kind), ("theme", theme), ("status", status), ("level", level), ("province", province), ("after", list["pageInfo"]!["endCursor"]!.GetValue<string>()));
            body.Open("p").Open("a", Html.Attr("href", next) + " rel=\"next\"").Text("Next page →").Close("a").Close("p");
        }

        return PageLayout.Result(plural.En, body);
    }

    private static string[]? Array(string? value) => value is null ? null : [value];

    private static string? Known(string[] values, string? value) =>
        value is not null && values.Contains(value.ToUpperInvariant()) ? value.ToUpperInvariant() : null;

    private static void Facet(Html body, JsonNode? value, Func<string, Bilingual> label)
    {
        if (value?.GetValue<string>() is { Length: > 0 } text)
        {
            body.Raw(" ").Open("span", "class=\"badge\"").Label(label(text)).Close("span");
        }
    }

    private static void Filters(Html body, string kind, string? theme, string? status, string? level, string? province, JsonNode? provinces)
    {
        body.Raw("<form method=\"get\" action=\"/browse\" class=\"filters\">").Raw($"<input type=\"hidden\" name=\"kind\" {Html.Attr("value", kind)}>");
        if (kind == "CASE")
        {
            Select(body, "Theme", "theme", theme, CaseThemes.Select(t => (t, Labels.Theme(t).ToString())));
        }

        if (kind == "AGREEMENT")
        {
            Select(body, "Status", "status", status, AgreementStatuses.Select(s => (s, Labels.Status(s).ToString())));
        }

        if (kind == "POLICY")
        {
            Select(body, "Level", "level", level, PolicyLevels.Select(l => (l, Labels.Level(l).ToString())));
        }

        if (kind is not ("PROVINCE" or "ECONOMY" or "INDICATOR"))
        {
            Select(body, "Province", "province", province, (provinces?["nodes"]?.AsArray() ?? []).Select(p => (p!["key"]!.GetValue<string>(), $"{p["name"]?["zh"]} · {p["name"]?["en"]}")));
        }

        body.Raw("<button type=\"submit\">Filter</button></form>");
    }

    private static void Select(Html body, string label, string name, string? selected, IEnumerable<(string Value, string Label)> options)
    {
        body.Raw($"<label>{label} <select name=\"{name}\"><option value=\"\">any</option>");
        foreach (var (value, text) in options)
        {
            body.Option(value, selected, text);
        }

        body.Raw("</select></label>");
    }

    /// <summary>Without a kind: every kind with its count, as on the home page.</summary>
    private static async Task<IResult> HomePageKinds(HttpContext context)
    {
        var result = await GraphQLClient.QueryAsync(context, "{ corpus { kinds { kind count } } }");
        var body = new Html().El("h1", "Browse").ErrorList(result.Errors);
        return PageLayout.Result("Browse", HomePage.KindCards(body, result.Data?["corpus"]?["kinds"]));
    }
}
