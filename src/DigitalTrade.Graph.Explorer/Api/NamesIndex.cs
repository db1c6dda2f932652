using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Every entity's key, kind, names and aliases, read from the API once per snapshot version: the data of
/// the name suggestions, sent to browsers as /explorer/names.json and matched there as people type (prefixes
/// and substrings in both languages, which neither search nor <c>resolve</c> does). Resolving a finished
/// name is the API's <c>resolve(names:)</c> (<see cref="NameResolver"/>).
/// </summary>
internal sealed class NamesIndex
{
    /// <summary>Pages of 100 read at most: a bound on the work of one rebuild (20,000 entities).</summary>
    private const int MaxPages = 200;

    // Chinese as characters: the file is half the size; it is served as JSON, never into HTML.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly SemaphoreSlim Building = new(1, 1);
    private static NamesIndex? _current;

    private NamesIndex(string version, IReadOnlyList<NameEntry> entries, bool truncated)
    {
        Version = version;
        Entries = entries;
        Truncated = truncated;
        Json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            version,
            truncated,
            entities = entries.Select(e => new object[] { e.Key, e.Kind, e.Zh, e.En, e.Aliases }),
        }, JsonOptions);
    }

    public string Version { get; }

    public IReadOnlyList<NameEntry> Entries { get; }

    public bool Truncated { get; }

    public byte[] Json { get; }

    public static async Task<NamesIndex> GetAsync(HttpContext context)
    {
        var probe = await GraphQLClient.QueryAsync(context, "{ corpus { version } }");
        var version = probe.Data?["corpus"]?["version"]?.GetValue<string>() ?? string.Empty;
        if (_current is { } current && current.Version == version)
        {
            return current;
        }

        await Building.WaitAsync(context.RequestAborted);
        try
        {
            if (_current is { } built && built.Version == version)
            {
                return built;
            }

            var entries = new List<NameEntry>();
            string? after = null;
            var pages = 0;
            var more = true;
            while (more && pages++ < MaxPages)
            {
                var page = await GraphQLClient.QueryAsync(context, """
                    query($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { key kind name { zh en } aliases } } }
                    """, new { after });
                var connection = page.Data?["entities"];
                foreach (var node in connection?["nodes"]?.AsArray() ?? [])
                {
                    entries.Add(new NameEntry(
                        node!["key"]!.GetValue<string>(), node["kind"]!.GetValue<string>(),
                        node["name"]?["zh"]?.GetValue<string>() ?? string.Empty, node["name"]?["en"]?.GetValue<string>() ?? string.Empty,
                        node["aliases"]?.AsArray().Select(a => a!.GetValue<string>()).ToArray() ?? []));
                }

                more = connection?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() == true && page.Errors.Count == 0;
                after = connection?["pageInfo"]?["endCursor"]?.GetValue<string>();
            }

            return _current = new NamesIndex(version, entries, more);
        }
        finally
        {
            Building.Release();
        }
    }
}

internal sealed record NameEntry(string Key, string Kind, string Zh, string En, string[] Aliases)
{
    public JsonObject ToJson() => new() { ["key"] = Key, ["kind"] = Kind, ["name"] = new JsonObject { ["zh"] = Zh, ["en"] = En } };
}
