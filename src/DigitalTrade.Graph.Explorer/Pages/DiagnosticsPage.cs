using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>The editors' view of the last corpus load: version, counts, every diagnostic. One API request.</summary>
internal static class DiagnosticsPage
{
    public static async Task<IResult> Handle(HttpContext context)
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
            return PageLayout.Result("Diagnostics", body.El("p", "This host did not load the graph from a corpus."));
        }

        body.El("p", $"Last load {load["attemptedAt"]}: {(load["succeeded"]?.GetValue<bool>() == true ? "succeeded" : "FAILED (the previous snapshot is served)")}, {load["errorCount"]} errors, {load["warningCount"]} warnings.", "class=\"load\"");
        var diagnostics = load["diagnostics"]?.AsArray() ?? [];
        if (diagnostics.Count == 0)
        {
            return PageLayout.Result("Diagnostics", body.El("p", "No problems found."));
        }

        body.Open("div", "class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Diagnostics\"")
            .Raw("<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Code</th><th scope=\"col\">Where</th><th scope=\"col\">Message</th></tr></thead><tbody>");
        foreach (var d in diagnostics)
        {
            body.Open("tr", $"class=\"{(d!["severity"]?.GetValue<string>() == "ERROR" ? "error" : "warning")}\"")
                .El("td", d["severity"]?.GetValue<string>()).El("td", d["code"]?.GetValue<string>())
                .El("td", $"{d["path"]}({d["line"]},{d["column"]})").El("td", d["message"]?.GetValue<string>()).Close("tr");
        }

        return PageLayout.Result("Diagnostics", body.Raw("</tbody></table></div>"));
    }
}
