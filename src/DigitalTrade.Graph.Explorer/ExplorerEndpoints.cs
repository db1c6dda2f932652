using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The explorer: one file per page under Pages/, the shared frame under Layout/, serving concerns
/// (assets, the per-client page limit) under Serving/. Every page reads the graph through the
/// public GraphQL API, in process (<see cref="GraphQLClient"/>); scripts in browsers call /graphql.
/// Every page works under the host's strict Content-Security-Policy (SecurityHeaders): no inline
/// script or style, scripts, styles, fonts and connections from this server only.
/// </summary>
public static class ExplorerEndpoints
{
    /// <summary>Maps the pages and puts GraphiQL in front of <c>GET /graphql</c> for browsers (Accept: text/html).</summary>
    public static WebApplication UseExplorer(this WebApplication app)
    {
        var options = app.Configuration.GetSection(ExplorerOptions.Section).Get<ExplorerOptions>() ?? new ExplorerOptions();
        var limiter = new PageRateLimiter(options.RateLimit);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(limiter.Dispose);

        // A browser opening the API's address gets the console; every other client, the API.
        app.Use(async (http, next) =>
        {
            if (ConsolePage.IsBrowserOpeningApi(http.Request))
            {
                var result = limiter.TryAcquire(http) is { } wait ? PageRateLimiter.TooManyRequests(http, wait) : ConsolePage.Render(http.Request.Query);
                await result.ExecuteAsync(http);
                return;
            }

            await next(http);
        });

        var pages = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            limiter.TryAcquire(context.HttpContext) is { } wait ? PageRateLimiter.TooManyRequests(context.HttpContext, wait) : await next(context));
        pages.MapGet("/", HomePage.Handle);
        pages.MapGet("/search", SearchPage.Handle);
        pages.MapGet("/browse", BrowsePage.Handle);
        pages.MapGet("/entity/{**key}", EntityPage.Handle);
        pages.MapGet("/graph", GraphPage.Handle);
        pages.MapGet("/paths", PathsPage.Handle);
        pages.MapGet("/indicators", (Delegate)IndicatorListPage.Handle);
        pages.MapGet("/indicators/{**key}", IndicatorPage.Handle);
        pages.MapGet("/graphiql", (HttpRequest request) => ConsolePage.Render(request.Query));
        pages.MapGet("/console", () => Results.Redirect("/graphiql", permanent: true));
        pages.MapGet("/diagnostics", (Delegate)DiagnosticsPage.Handle);
        pages.MapGet("/licenses", LicensesPage.Handle);
        pages.MapGet("/explorer/names.json", NamesEndpoint);

        // Files cost no page token: browsers cache them by content hash.
        app.MapMethods("/explorer/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string path) => EmbeddedAssets.Instance.ServeAsync(http, path));
        return app;
    }

    /// <summary>Names for the suggestion boxes; revalidated by snapshot version, so an edit shows at once.</summary>
    private static async Task NamesEndpoint(HttpContext http)
    {
        var index = await NamesIndex.GetAsync(http);
        var etag = $"\"{index.Version}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(index.Json, http.RequestAborted);
    }
}
