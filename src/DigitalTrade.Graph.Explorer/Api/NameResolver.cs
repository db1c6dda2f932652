using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>A typed name and what it resolved to: the entity, or candidates to choose from (several exact matches, or the closest names).</summary>
internal sealed record NameResolution(string Text, NameEntry? Entity, IReadOnlyList<NameEntry> Candidates);

/// <summary>What a name, alias or key typed by a person stands for, as the API's <c>resolve(names:)</c> answers it. One API request.</summary>
internal static class NameResolver
{
    public static async Task<NameResolution> ResolveAsync(HttpContext context, string text)
    {
        var result = await GraphQLClient.QueryAsync(context, """
            query($names: [String!]!) {
              resolve(names: $names) { matches { entity { key kind name { zh en } aliases } } suggestions { entity { key kind name { zh en } aliases } } }
            }
            """, new { names = new[] { text } });
        var resolution = result.Data?["resolve"]?.AsArray().FirstOrDefault();
        var matches = Entries(resolution?["matches"]);
        return matches.Count == 1
            ? new NameResolution(text, matches[0], [])
            : new NameResolution(text, null, matches.Count > 1 ? matches : Entries(resolution?["suggestions"]));
    }

    private static List<NameEntry> Entries(JsonNode? list) =>
        [.. (list?.AsArray() ?? []).Select(m => m!["entity"]!).DistinctBy(e => e["key"]!.GetValue<string>()).Select(e => new NameEntry(
            e["key"]!.GetValue<string>(), e["kind"]!.GetValue<string>(), e["name"]?["zh"]?.GetValue<string>() ?? string.Empty,
            e["name"]?["en"]?.GetValue<string>() ?? string.Empty, e["aliases"]?.AsArray().Select(a => a!.GetValue<string>()).ToArray() ?? []))];
}
