using System.Text.Json;

namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>Whether a query only reads: reads may be retried and routed to any cluster member, writes never retried.</summary>
public enum AccessMode
{
    Read,
    Write,
}

/// <summary>A Cypher statement and its parameters; statements come from <see cref="CypherStatements"/> only.</summary>
public sealed record CypherQuery(string Statement, IReadOnlyDictionary<string, object?> Parameters)
{
    public CypherQuery(string statement)
        : this(statement, new Dictionary<string, object?>(StringComparer.Ordinal))
    {
    }
}

/// <summary>The plain-JSON result of one statement: <c>data.fields</c>, <c>data.values</c> and the bookmarks.</summary>
public sealed class QueryResult
{
    private readonly Dictionary<string, int> _columns;

    public QueryResult(IReadOnlyList<string> fields, IReadOnlyList<JsonElement[]> values, IReadOnlyList<string> bookmarks)
    {
        Fields = fields;
        Bookmarks = bookmarks;
        _columns = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        Rows = [.. values.Select(v => new QueryRow(this, v))];
    }

    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<QueryRow> Rows { get; }

    public IReadOnlyList<string> Bookmarks { get; }

    internal int Column(string field) => _columns.TryGetValue(field, out var index)
        ? index
        : throw new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, $"The result has no field '{field}' (fields: {string.Join(", ", Fields)}).");
}

/// <summary>One row of a result, read by field name.</summary>
public sealed class QueryRow(QueryResult result, JsonElement[] values)
{
    public JsonElement this[string field] => values[result.Column(field)];

    public string? GetString(string field) => this[field] is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public string GetRequiredString(string field) => GetString(field)
        ?? throw new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, $"The field '{field}' is not a string.");

    /// <summary>The field as a 32-bit integer; null reads as 0, anything else that is not one is not our answer.</summary>
    public int GetInt32(string field) => this[field] switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        { ValueKind: JsonValueKind.Null } => 0,
        _ => throw new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, $"The field '{field}' is not a 32-bit integer."),
    };

    public IReadOnlyList<string> GetStrings(string field) => this[field] is { ValueKind: JsonValueKind.Array } list
        ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
        : [];
}

/// <summary>A node as the Query API returns it in plain JSON.</summary>
public sealed record QueryNode(string ElementId, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, JsonElement> Properties)
{
    public static QueryNode Parse(JsonElement value) => new(
        value.GetProperty("elementId").GetString()!,
        [.. value.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)],
        ReadProperties(value));

    internal static Dictionary<string, JsonElement> ReadProperties(JsonElement value) =>
        value.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}

/// <summary>A relationship as the Query API returns it in plain JSON.</summary>
public sealed record QueryRelationship(string ElementId, string StartNodeElementId, string EndNodeElementId, string Type, IReadOnlyDictionary<string, JsonElement> Properties)
{
    public static QueryRelationship Parse(JsonElement value) => new(
        value.GetProperty("elementId").GetString()!,
        value.GetProperty("startNodeElementId").GetString()!,
        value.GetProperty("endNodeElementId").GetString()!,
        value.GetProperty("type").GetString()!,
        QueryNode.ReadProperties(value));
}
