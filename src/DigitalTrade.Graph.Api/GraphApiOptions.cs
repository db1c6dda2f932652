namespace DigitalTrade.Graph.Api;

/// <summary>
/// Limits and switches of the GraphQL endpoint, bound from the <c>GraphQL</c> configuration section
/// (e.g. env <c>GraphQL__MaxDepth=8</c>). The defaults are safe for a public endpoint; the README lists them.
/// </summary>
public sealed class GraphApiOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest request body, in bytes; larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest document, in characters.</summary>
    public int MaxDocumentLength { get; set; } = 16 * 1024;

    /// <summary>Most lexical tokens in a document (counted before parsing).</summary>
    public int MaxTokens { get; set; } = 2_000;

    /// <summary>Deepest nesting of fields, fragments resolved. Introspection's type references (<c>ofType</c>) count against <see cref="MaxIntrospectionDepth"/> instead.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>
    /// Deepest nesting of <c>ofType</c> in introspection. graphql-js asks for 9 levels (its
    /// <c>typeDepth</c>); the schema's wrappers are at most 3 deep, so deeper levels resolve to null.
    /// </summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    public int MaxAliases { get; set; } = 30;

    public int MaxDirectives { get; set; } = 20;

    /// <summary>Most fields selected on the root query type.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Budget of estimated resolved fields: each field costs 1, times the page sizes of the lists above it.</summary>
    public int MaxCost { get; set; } = 50_000;

    /// <summary>Largest <c>first</c> a connection accepts.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Most items in any list argument (e.g. the IDs of <c>nodes(ids:)</c>), literal or variable, in input objects too: as many as a page holds.</summary>
    public int MaxListArgumentLength { get; set; } = 100;

    /// <summary>Largest response body, in bytes; a larger answer is replaced by a LIMIT_EXCEEDED error instead of being sent.</summary>
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most errors in a response; the rest are summarised in one last error.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>Most distinct operation names used as metric labels; later names count as <c>(other)</c>.</summary>
    public int MaxOperationLabels { get; set; } = 100;

    /// <summary>What a list without a page-size argument (a typed link list) is assumed to hold when costing.</summary>
    public int ListCostEstimate { get; set; } = 10;

    /// <summary>Work on a request, from its limits to its serialized answer, is cancelled after this long.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Introspection (<c>__schema</c>, <c>__type</c>); switch off in production if clients do not need it.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>"Did you mean …?" in validation messages, which reveal schema names.</summary>
    public bool FieldSuggestions { get; set; } = true;

    /// <summary>A JSON file mapping document ids to documents, for trusted-documents mode.</summary>
    public string? TrustedDocumentsPath { get; set; }

    /// <summary>Accept only documents from <see cref="TrustedDocumentsPath"/>, sent by id.</summary>
    public bool RequireTrustedDocuments { get; set; }

    /// <summary>The response cache and HTTP caching (<c>GraphQL:ResponseCache</c>).</summary>
    public Caching.ResponseCacheOptions ResponseCache { get; set; } = new();
}
