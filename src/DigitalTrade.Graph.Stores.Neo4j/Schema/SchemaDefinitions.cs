using System.Text.Json;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j.Schema;

public enum SchemaObjectKind
{
    UniquenessConstraint,
    RangeIndex,
    FullTextIndex,
}

/// <summary>One index or constraint the store needs, as <c>SHOW INDEXES</c>/<c>SHOW CONSTRAINTS</c> would list it.</summary>
public sealed record SchemaObject(string Name, SchemaObjectKind Kind, string Label, IReadOnlyList<string> Properties, string CreateStatement, string? Analyzer = null)
{
    public bool IsConstraint => Kind == SchemaObjectKind.UniquenessConstraint;

    public override string ToString() =>
        $"{Kind} {Name} on :{Label}({string.Join(", ", Properties)}){(Analyzer is null ? string.Empty : $" analyzer {Analyzer}")}";
}

/// <summary>An index or constraint as the server lists it (one row of <c>SHOW INDEXES</c> or <c>SHOW CONSTRAINTS</c>).</summary>
public sealed record ExistingSchemaObject(
    string Name,
    bool IsConstraint,
    string Type,
    string? EntityType,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Properties,
    string? Analyzer = null,
    bool EventuallyConsistent = false,
    string? OwningConstraint = null,
    string? State = null,
    double PopulationPercent = 100)
{
    /// <summary>Reads a <see cref="CypherStatements.ShowConstraints"/> row.</summary>
    public static ExistingSchemaObject Constraint(QueryRow row) => new(
        row.GetRequiredString("name"), true, row.GetString("type") ?? string.Empty, row.GetString("entityType"),
        row.GetStrings("labelsOrTypes"), row.GetStrings("properties"));

    /// <summary>
    /// Reads a <see cref="CypherStatements.ShowIndexes"/> row; a full-text index's analyzer is in
    /// <c>options.indexConfig.`fulltext.analyzer`</c>.
    /// </summary>
    public static ExistingSchemaObject Index(QueryRow row)
    {
        string? analyzer = null;
        var eventual = false;
        if (row["options"] is { ValueKind: JsonValueKind.Object } options
            && options.TryGetProperty("indexConfig", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            analyzer = config.TryGetProperty("fulltext.analyzer", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            eventual = config.TryGetProperty("fulltext.eventually_consistent", out var e) && e.ValueKind == JsonValueKind.True;
        }

        var percent = row["populationPercent"] is { ValueKind: JsonValueKind.Number } p ? p.GetDouble() : 0;
        return new ExistingSchemaObject(
            row.GetRequiredString("name"), false, row.GetString("type") ?? string.Empty, row.GetString("entityType"),
            row.GetStrings("labelsOrTypes"), row.GetStrings("properties"), analyzer, eventual,
            row.GetString("owningConstraint"), row.GetString("state"), percent);
    }

    public override string ToString() =>
        $"{Type} {Name} on {EntityType} :{string.Join("|", Labels)}({string.Join(", ", Properties)}){(Analyzer is null ? string.Empty : $" analyzer {Analyzer}")}{(EventuallyConsistent ? " eventually consistent" : string.Empty)}";
}

/// <summary>What to change so the database holds exactly the schema the store needs.</summary>
public abstract record SchemaAction(string Reason)
{
    /// <summary>A name we used before and no longer need (it would also block the new definitions).</summary>
    public sealed record Drop(ExistingSchemaObject Existing, string Why) : SchemaAction(Why);

    public sealed record Create(SchemaObject Wanted) : SchemaAction("missing");

    /// <summary>The name exists with another definition: dropped and created again in one transaction.</summary>
    public sealed record Recreate(SchemaObject Wanted, ExistingSchemaObject Existing, string Why) : SchemaAction(Why);
}

/// <summary>
/// The indexes and constraints of the graph, and how an existing database is brought to them. <c>CREATE … IF NOT
/// EXISTS</c> matches by name only, so a changed property list or analyzer would be silently ignored: the
/// existing definitions are read (<c>SHOW INDEXES</c>, <c>SHOW CONSTRAINTS</c>) and compared instead.
/// </summary>
public static class SchemaDefinitions
{
    public static readonly IReadOnlyList<SchemaObject> Wanted =
    [
        new("entity_graph_key", SchemaObjectKind.UniquenessConstraint, "Entity", ["graph", "key"], CypherStatements.CreateEntityKeyConstraint),
        new("graph_version_id", SchemaObjectKind.UniquenessConstraint, "GraphVersion", ["id"], CypherStatements.CreateVersionConstraint),
        new("graph_generation_id", SchemaObjectKind.UniquenessConstraint, "GraphGeneration", ["id"], CypherStatements.CreateGenerationConstraint),
        new("entity_graph_kind", SchemaObjectKind.RangeIndex, "Entity", ["graph", "kind"], CypherStatements.CreateKindIndex),
        new("entity_text", SchemaObjectKind.FullTextIndex, "Entity", ["nameZh", "nameEn", "aliasesText", "summaryZh", "summaryEn", "narrativeText"], CypherStatements.CreateTextIndex, "cjk"),
    ];

    /// <summary>Names earlier versions of the store created: <c>entity_key</c> (unique on key alone) would forbid two generations side by side.</summary>
    public static readonly IReadOnlyList<string> Retired = ["entity_key", "entity_kind"];

    public static IReadOnlyList<SchemaAction> Plan(IReadOnlyList<ExistingSchemaObject> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);

        // Indexes that back a constraint are listed by SHOW INDEXES too; the constraint speaks for them.
        var byName = existing
            .Where(e => e.IsConstraint || e.OwningConstraint is null)
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.IsConstraint).First(), StringComparer.Ordinal);
        var actions = new List<SchemaAction>();
        foreach (var name in Retired)
        {
            if (byName.TryGetValue(name, out var old))
            {
                actions.Add(new SchemaAction.Drop(old, "no longer used by the store"));
            }
        }

        foreach (var wanted in Wanted)
        {
            if (!byName.TryGetValue(wanted.Name, out var found))
            {
                actions.Add(new SchemaAction.Create(wanted));
            }
            else if (Difference(wanted, found) is { } why)
            {
                actions.Add(new SchemaAction.Recreate(wanted, found, why));
            }
        }

        return actions;
    }

    /// <summary>Null when <paramref name="found"/> is what <paramref name="wanted"/> describes; otherwise how it differs.</summary>
    public static string? Difference(SchemaObject wanted, ExistingSchemaObject found)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(found);
        var type = wanted.Kind switch
        {
            // 5.x lists UNIQUENESS; later releases spell it NODE_PROPERTY_UNIQUENESS.
            SchemaObjectKind.UniquenessConstraint => found.IsConstraint && found.Type is "UNIQUENESS" or "NODE_PROPERTY_UNIQUENESS",
            SchemaObjectKind.RangeIndex => !found.IsConstraint && found.Type == "RANGE",
            SchemaObjectKind.FullTextIndex => !found.IsConstraint && found.Type == "FULLTEXT",
            _ => false,
        };
        if (!type)
        {
            return $"it is a {(found.IsConstraint ? "constraint" : "index")} of type {found.Type}, not a {wanted.Kind}";
        }

        if (found.EntityType is not null and not "NODE" || !found.Labels.SequenceEqual([wanted.Label], StringComparer.Ordinal))
        {
            return $"it is on {found.EntityType} :{string.Join("|", found.Labels)}, not NODE :{wanted.Label}";
        }

        // Order matters for composite indexes (it decides which predicates they serve); a full-text index is a set of fields.
        var sameProperties = wanted.Kind == SchemaObjectKind.FullTextIndex
            ? found.Properties.Order(StringComparer.Ordinal).SequenceEqual(wanted.Properties.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            : found.Properties.SequenceEqual(wanted.Properties, StringComparer.Ordinal);
        if (!sameProperties)
        {
            return $"it covers ({string.Join(", ", found.Properties)}), not ({string.Join(", ", wanted.Properties)})";
        }

        if (wanted.Analyzer is not null && !string.Equals(found.Analyzer, wanted.Analyzer, StringComparison.Ordinal))
        {
            return $"its analyzer is {found.Analyzer ?? "unknown"}, not {wanted.Analyzer}";
        }

        return wanted.Kind == SchemaObjectKind.FullTextIndex && found.EventuallyConsistent
            ? "it is eventually consistent, so a seed's new nodes could be missing from search right after the switch"
            : null;
    }
}
