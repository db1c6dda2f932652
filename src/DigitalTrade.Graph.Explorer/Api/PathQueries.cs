using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The paths between two entities as the path finder and the graph page show them: the API ranks paths of
/// typed relations first and gives one path per sequence of nodes, each step with every relation between
/// its two nodes (typed first, narrative mentions last). One API request.
/// </summary>
internal static class PathQueries
{
    public const int MaxHops = 4;

    public const int MaxPaths = 5;

    public sealed record Found(IReadOnlyList<JsonNode> Paths, IReadOnlyList<string> Errors);

    public static async Task<Found> FindAsync(HttpContext context, string from, string to)
    {
        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($from: String!, $to: String!, $hops: Int!, $first: Int!) {
              paths(from: $from, to: $to, maxHops: $hops, first: $first, includeMentions: true) {
                length narrativeSteps nodes { {{GraphView.NodeFields}} } steps { from to relations { type direction fromNarrative } }
              }
            }
            """, new { from, to, hops = MaxHops, first = MaxPaths });
        return new Found([.. (result.Data?["paths"]?.AsArray() ?? []).Where(p => p is not null).Select(p => p!)], result.Errors);
    }

    /// <summary>Whether every step of a path is a typed fact (no step joined only by a narrative mention).</summary>
    public static bool IsTyped(JsonNode path) => path["narrativeSteps"]?.GetValue<int>() == 0;

    /// <summary>A step's relations as stored edges (from, to, type, fromNarrative): what the graph view draws.</summary>
    public static IEnumerable<JsonObject> Edges(JsonNode step)
    {
        var from = step["from"]!.GetValue<string>();
        var to = step["to"]!.GetValue<string>();
        foreach (var relation in step["relations"]?.AsArray() ?? [])
        {
            var outgoing = relation!["direction"]?.GetValue<string>() != "INCOMING";
            yield return new JsonObject
            {
                ["from"] = outgoing ? from : to,
                ["to"] = outgoing ? to : from,
                ["type"] = relation["type"]!.GetValue<string>(),
                ["fromNarrative"] = relation["fromNarrative"]?.GetValue<bool>() ?? false,
            };
        }
    }
}
