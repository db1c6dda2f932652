using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The paths between two entities as the path finder and the graph page show them: paths of typed relations
/// first, then paths through narrative mentions, one per distinct sequence of nodes. One API request.
/// </summary>
/// <remarks>When the API's <c>paths</c> orders typed paths first itself (<c>includeMentions</c>, distinct node
/// sequences), the two calls here become one.</remarks>
internal static class PathQueries
{
    public const int MaxHops = 4;

    public sealed record Found(IReadOnlyList<JsonNode> Paths, IReadOnlyList<string> Errors);

    public static async Task<Found> FindAsync(HttpContext context, string from, string to)
    {
        var result = await GraphQLClient.QueryAsync(context, $$"""
            query($from: String!, $to: String!, $typed: [RelationType!], $hops: Int!) {
              typed: paths(from: $from, to: $to, maxHops: $hops, relationTypes: $typed, first: 3) { ...path }
              any: paths(from: $from, to: $to, maxHops: $hops, first: 3) { ...path }
            }
            fragment path on Path { length nodes { {{GraphView.NodeFields}} } edges { {{GraphView.EdgeFields}} } }
            """, new { from, to, typed = Labels.TypedRelationTypes, hops = MaxHops });
        var paths = (result.Data?["typed"]?.AsArray() ?? []).Concat(result.Data?["any"]?.AsArray() ?? [])
            .Where(p => p is not null)
            .DistinctBy(p => string.Join('|', p!["nodes"]!.AsArray().Select(n => n!["key"]!.GetValue<string>())))
            .Select(p => p!)
            .ToList();
        return new Found(paths, result.Errors);
    }

    /// <summary>Whether a path holds only typed relations (no narrative mention).</summary>
    public static bool IsTyped(JsonNode path) =>
        path["edges"]!.AsArray().All(e => e!["type"]!.GetValue<string>() != "MENTIONS");
}
