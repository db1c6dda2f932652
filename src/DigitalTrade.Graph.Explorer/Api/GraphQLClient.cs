using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Asks the GraphQL API in process (<see cref="IGraphQLService"/>): the same limits and answers as
/// /graphql, but nothing taken from the visitor's request (no Host header, no loopback call that
/// could be redirected or pointed elsewhere).
/// </summary>
internal static class GraphQLClient
{
    public sealed record Result(JsonNode? Data, IReadOnlyList<string> Errors);

    public static async Task<Result> QueryAsync(HttpContext context, string query, object? variables = null)
    {
        var api = context.RequestServices.GetRequiredService<IGraphQLService>();
        var response = await api.ExecuteAsync(
            new GraphQLServiceRequest(query, VariablesJson: variables is null ? null : JsonSerializer.Serialize(variables)),
            context.RequestAborted);
        var body = JsonNode.Parse(response.Json.Span);
        var errors = body?["errors"]?.AsArray().Select(e => e?["message"]?.GetValue<string>() ?? "error").ToList() ?? [];
        if (response.Status != StatusCodes.Status200OK && errors.Count == 0)
        {
            errors.Add($"The API answered {response.Status}.");
        }

        return new Result(body?["data"], errors);
    }
}
