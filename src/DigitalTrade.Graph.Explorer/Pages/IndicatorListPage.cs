using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>The report's statistical tables, by number. One API request.</summary>
internal static class IndicatorListPage
{
    public static async Task<IResult> Handle(HttpContext context)
    {
        var result = await GraphQLClient.QueryAsync(context, "{ indicators(first: 100) { nodes { key name { zh en } ... on Indicator { table unit } } } }");
        var body = new Html().El("h1", "Statistical tables").ErrorList(result.Errors).Open("ul", "class=\"plain tables\"");
        foreach (var node in (result.Data?["indicators"]?["nodes"]?.AsArray() ?? []).OrderBy(n => n!["key"]!.GetValue<string>(), StringComparer.Ordinal))
        {
            var key = node!["key"]!.GetValue<string>();
            body.Open("li").El("span", node["table"]?.GetValue<string>(), "lang=\"zh\" class=\"table-number\"").Raw(" ")
                .Open("a", Html.Attr("href", "/indicators/" + key["indicators/".Length..])).Name(node["name"]).Close("a")
                .El("span", $" ({node["unit"]})", "class=\"muted\" lang=\"zh\"").Close("li");
        }

        return PageLayout.Result("Tables", body.Close("ul"));
    }
}
