using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Model.Queries;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// How entities and relations are written to Neo4j and read back. Node properties cannot hold maps,
/// so the whole entity travels as the JSON property <c>doc</c>; the facets queries filter on are
/// flat properties beside it.
/// </summary>
public static class EntityRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Entity entity) => JsonSerializer.Serialize(entity, Json);

    public static Entity Deserialize(string doc) => JsonSerializer.Deserialize<Entity>(doc, Json)
        ?? throw new JsonException("An entity document is empty.");

    /// <summary>The properties of an entity's node; <c>SET n = row</c> writes exactly these.</summary>
    public static Dictionary<string, object?> Row(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var haystack = new List<string> { entity.Name.Zh, entity.Name.En };
        haystack.AddRange(entity.Aliases);
        if (entity.Summary is { } summary)
        {
            haystack.Add(summary.Zh);
            haystack.Add(summary.En);
        }

        haystack.Add(entity.Narrative.Text);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["key"] = entity.Key,
            ["kind"] = entity.Kind.Info().Name,
            ["nameZh"] = entity.Name.Zh,
            ["nameEn"] = entity.Name.En,

            // The model's English sort key (EntityOrdering), computed here so Cypher orders exactly as the model does.
            ["nameEnSort"] = EntityOrdering.SortKey(entity, EntityOrder.NameEn, null),
            ["aliases"] = entity.Aliases,
            ["aliasesText"] = string.Join(" ; ", entity.Aliases),
            ["summaryZh"] = entity.Summary?.Zh,
            ["summaryEn"] = entity.Summary?.En,
            ["narrativeText"] = entity.Narrative.Text,
            ["status"] = entity.Status,
            ["category"] = entity.Category,
            ["level"] = entity.Level,
            ["theme"] = entity.Theme,
            ["dateNames"] = entity.Dates.Select(d => d.Name).ToArray(),
            ["dateStarts"] = entity.Dates.Select(d => Day(d.Date.Start)).ToArray(),
            ["dateEnds"] = entity.Dates.Select(d => Day(d.Date.End)).ToArray(),
            ["observedEconomies"] = entity.Indicator?.Observations.Select(o => o.Economy).Distinct(StringComparer.Ordinal).ToArray() ?? [],

            // Lower-cased once here, so the text filter compares lower case with lower case.
            ["haystack"] = haystack.Select(h => h.ToLowerInvariant()).ToArray(),
            ["doc"] = Serialize(entity),
        };
    }

    /// <summary>A relation as a merge row: its endpoints and the properties of the relationship.</summary>
    public static Dictionary<string, object?> Row(Relation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var p = relation.Properties;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["origin"] = p.Origin.ToString(),
        };
        Add(properties, "date", p.Date?.ToString());
        Add(properties, "role", p.Role);
        Add(properties, "note", p.Note);
        Add(properties, "sourceSection", p.Source?.Section);
        Add(properties, "sourceTable", p.Source?.Table);
        Add(properties, "sourceNote", p.Source?.Note);
        if (p.Source is { Origin: SourceOrigin.General } general)
        {
            properties["sourceOrigin"] = nameof(SourceOrigin.General);
            Add(properties, "sourceReference", general.Reference);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = relation.From,
            ["to"] = relation.To,
            ["properties"] = properties,
        };
    }

    /// <summary>What identifies a relation across seeds: its endpoints and type (the corpus allows one of each).</summary>
    public static string RelationId(Relation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return $"{relation.From}|{relation.Type.Info().Name}|{relation.To}";
    }

    /// <summary>Reads a relation back from its endpoints, type name and the relationship's properties.</summary>
    public static Relation ReadRelation(string from, string typeName, string to, JsonElement properties)
    {
        var type = RelationTypes.FromName(typeName)?.Type
            ?? throw new JsonException($"'{typeName}' is not a relation type of the graph.");
        string? Text(string name) => properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        PartialDate? date = PartialDate.TryParse(Text("date"), out var d) ? d : null;
        var section = Text("sourceSection");
        var general = Text("sourceOrigin") == nameof(SourceOrigin.General);
        var source = section is null && !general ? null : new SourceRef(section, Text("sourceTable"), Text("sourceNote"))
        {
            Origin = general ? SourceOrigin.General : SourceOrigin.Report,
            Reference = Text("sourceReference"),
        };
        var origin = Enum.TryParse<RelationOrigin>(Text("origin"), out var o) ? o : RelationOrigin.FrontMatter;
        return new Relation(from, type, to, new RelationProperties(date, Text("role"), Text("note"), source, origin));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Add(Dictionary<string, object?> properties, string name, string? value)
    {
        // Neo4j does not store nulls; leaving the key out keeps SET r = map from failing on them.
        if (value is not null)
        {
            properties[name] = value;
        }
    }
}
