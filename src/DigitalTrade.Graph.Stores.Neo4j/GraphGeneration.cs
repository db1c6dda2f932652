using System.Globalization;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// The served generation as <see cref="CypherStatements.ReadCurrent"/> reads it: its id (every read names it),
/// the corpus version, the counts, the bookmarks of the seed that wrote it, and how long it stays readable.
/// </summary>
internal sealed record GraphGeneration(
    string Id,
    string Version,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Bookmarks,
    TimeSpan Retention,
    IReadOnlyDictionary<EntityKind, int> EntitiesByKind,
    IReadOnlyDictionary<RelationType, int> RelationsByType)
{
    /// <summary>The generation, or why none can be served (not seeded, seeded by an older release, inconsistent).</summary>
    public static (GraphGeneration? Generation, string? Problem) Read(QueryResult result)
    {
        if (result.Rows is not [var row])
        {
            return (null, "holds no seeded graph (run `dtgraph seed --neo4j`)");
        }

        if (row.GetString("generation") is not { } id)
        {
            return row.GetString("pointerVersion") is { } legacy
                ? (null, $"holds graph {legacy} seeded by an older release, without generations (run `dtgraph seed --neo4j` again)")
                : (null, "holds no seeded graph (run `dtgraph seed --neo4j`)");
        }

        if (row.GetString("version") is not { } version || row.GetString("state") != "current")
        {
            return (null, $"names generation {id} as current, but its record is missing or not current (run `dtgraph seed --neo4j` again)");
        }

        var createdAt = DateTimeOffset.TryParse(row.GetString("createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        var byKind = EntityKinds.All.ToDictionary(k => k.Kind, _ => 0);
        foreach (var (name, count) in Pairs(row, "kindNames", "kindCounts"))
        {
            if (EntityKinds.FromName(name) is { } kind)
            {
                byKind[kind.Kind] = count;
            }
        }

        var byType = RelationTypes.All.ToDictionary(t => t.Type, _ => 0);
        foreach (var (name, count) in Pairs(row, "typeNames", "typeCounts"))
        {
            if (RelationTypes.FromName(name) is { } type)
            {
                byType[type.Type] = count;
            }
        }

        var retention = TimeSpan.FromSeconds(row.GetInt32("retainSeconds"));
        return (new GraphGeneration(id, version, createdAt, row.GetStrings("bookmarks"), retention, byKind, byType), null);
    }

    private static IEnumerable<(string Name, int Count)> Pairs(QueryRow row, string names, string counts)
    {
        var keys = row.GetStrings(names);
        var values = row[counts] is { ValueKind: System.Text.Json.JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
        for (var i = 0; i < keys.Count && i < values.Count; i++)
        {
            if (values[i].ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                yield return (keys[i], values[i].GetInt32());
            }
        }
    }
}
