using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// Every entity's key, kind, names and aliases, read from the API once per snapshot version: the data of
/// the name suggestions (sent to browsers as /explorer/names.json, matched there as people type) and of
/// resolving a typed name to a key on the server (the path finder's ends).
/// </summary>
/// <remarks>Full-text search does not match word prefixes ("Hain"), so suggestions match names here.
/// When the API's <c>resolve(names:)</c> is available, <see cref="ResolveAsync"/> can ask it instead.</remarks>
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

    /// <summary>
    /// What a typed name (or key) stands for: one entity when exactly one key, name or alias equals it
    /// (letter case, full-width forms, spaces and 《》 ignored); otherwise the closest candidates to choose from.
    /// </summary>
    public static async Task<NameResolution> ResolveAsync(HttpContext context, string text)
    {
        var index = await GetAsync(context);
        var wanted = Normalize(text);
        var exact = index.Entries.Where(e => e.Key == text.Trim() || e.Names.Any(n => Normalize(n) == wanted)).ToList();
        if (exact.Count == 1)
        {
            return new NameResolution(text, exact[0], []);
        }

        var candidates = exact.Count > 1 ? exact : index.Suggest(text, 8);
        return new NameResolution(text, null, candidates);
    }

    /// <summary>Entities whose names start with, then contain, the text: shortest names first.</summary>
    public IReadOnlyList<NameEntry> Suggest(string text, int count)
    {
        var wanted = Normalize(text);
        if (wanted.Length == 0)
        {
            return [];
        }

        return [.. Entries
            .Select(e => (Entry: e, Rank: e.Names.Select(n => Normalize(n)).Select(n => n == wanted ? 0 : n.StartsWith(wanted, StringComparison.Ordinal) ? 1 : n.Contains(wanted, StringComparison.Ordinal) ? 2 : 3).Min()))
            .Where(r => r.Rank < 3)
            .OrderBy(r => r.Rank).ThenBy(r => r.Entry.En.Length).ThenBy(r => r.Entry.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(r => r.Entry)];
    }

    /// <summary>The comparison form of a name; explorer.js normalises the same way.</summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var result = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not ('《' or '》' or '“' or '”' or '"' or '·' or '-' or '–'))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}

internal sealed record NameEntry(string Key, string Kind, string Zh, string En, string[] Aliases)
{
    public IEnumerable<string> Names => [Zh, En, .. Aliases, Key];

    public JsonObject ToJson() => new() { ["key"] = Key, ["kind"] = Kind, ["name"] = new JsonObject { ["zh"] = Zh, ["en"] = En } };
}

/// <summary>A typed name and what it resolved to: the entity, or candidates to choose from.</summary>
internal sealed record NameResolution(string Text, NameEntry? Entity, IReadOnlyList<NameEntry> Candidates);
