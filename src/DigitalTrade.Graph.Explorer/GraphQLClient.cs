using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>Posts a query to this host's own /graphql, so the explorer sees exactly what any client sees.</summary>
internal static class GraphQLClient
{
    // One client for the process: sockets are pooled, and every request names its own absolute URL.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public sealed record Result(JsonNode? Data, IReadOnlyList<string> Errors);

    public static async Task<Result> QueryAsync(HttpContext context, string query, object? variables = null)
    {
        var endpoint = new Uri($"{context.Request.Scheme}://{context.Request.Host}/graphql");
        try
        {
            using var response = await Http.PostAsJsonAsync(endpoint, new { query, variables }, context.RequestAborted);
            var body = await response.Content.ReadFromJsonAsync<JsonNode>(context.RequestAborted);
            var errors = body?["errors"]?.AsArray().Select(e => e?["message"]?.GetValue<string>() ?? "error").ToList() ?? [];
            if (!response.IsSuccessStatusCode && errors.Count == 0)
            {
                errors.Add($"The API answered {(int)response.StatusCode}.");
            }

            return new Result(body?["data"], errors);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
        {
            return new Result(null, [$"The API could not be reached: {e.Message}"]);
        }
    }
}
