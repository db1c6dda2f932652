using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// GraphiQL (the official package, vendored by tools/explorer-assets): docs explorer, autocomplete,
/// variables, history, the example queries as tabs. Served at /graphiql and to a browser that opens
/// /graphql. It reads the schema from /graphql/schema.graphql (so it needs no introspection) and runs
/// queries with same-origin POSTs to /graphql, under the same strict CSP as every other page.
/// </summary>
internal static class ConsolePage
{
    private static readonly PageOptions Options = new(Scripts: ["vendor/graphiql.js", "console.js"], Styles: ["vendor/graphiql.css"], BodyClass: "console");

    public static IResult Render(IQueryCollection query)
    {
        var examples = ConsoleExamples.All.Select(e => new { query = e.Query.Trim() }).ToList();
        var body = new Html().El("h1", "GraphiQL", "class=\"sr\"");
        body.Raw("<div id=\"graphiql\" class=\"graphiql-host\">")
            .El("p", "Loading GraphiQL…", "class=\"muted\"")
            .Raw("<noscript><p>GraphiQL needs JavaScript. The API answers POST and GET at /graphql; its contract is <a href=\"/graphql/schema.graphql\">schema.graphql</a>.</p></noscript></div>")
            .JsonData("graphiql-data", new { examples, query = (string?)query["query"], variables = (string?)query["variables"] });
        return PageLayout.Result("GraphiQL", body, Options);
    }

    /// <summary>
    /// A browser navigating to the API: GET (or HEAD) /graphql whose Accept lists text/html ahead of every
    /// JSON type the API speaks. API clients (Accept: application/json, */*, or none) get the API.
    /// </summary>
    public static bool IsBrowserOpeningApi(HttpRequest request)
    {
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !string.Equals(request.Path.Value, "/graphql", StringComparison.Ordinal))
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string type) => accepted.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var html = Quality("text/html");
        return html > 0 && html > Quality("application/json") && html > Quality("application/graphql-response+json");
    }
}
