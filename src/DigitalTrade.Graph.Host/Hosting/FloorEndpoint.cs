using System.Text;
using System.Text.Json;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// The benchmark's floor: with <c>Bench:FloorResponses</c> set, <c>POST /floor</c> answers each
/// recorded request body with its recorded response bytes — the same Kestrel host and HTTP path
/// as <c>/graphql</c>, minus all GraphQL work. Off unless configured; never for production.
/// </summary>
public static class FloorEndpoint
{
    public const string Setting = "Bench:FloorResponses";

    /// <summary>Maps <c>/floor</c> when the setting names a file of <c>[{ "body": "...", "response": "..." }]</c>.</summary>
    public static void MapFloor(this WebApplication app)
    {
        var file = app.Configuration[Setting];
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var responses = document.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("body").GetString()!,
            e => Encoding.UTF8.GetBytes(e.GetProperty("response").GetString()!),
            StringComparer.Ordinal);

        app.MapPost("/floor", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            if (!responses.TryGetValue(body, out var bytes))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        });
    }
}
