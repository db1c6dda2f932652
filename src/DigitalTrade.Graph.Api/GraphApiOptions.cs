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

    /// <summary>Deepest nesting of fields, fragments resolved.</summary>
    public int MaxDepth { get; set; } = 10;

    public int MaxAliases { get; set; } = 30;

    public int MaxDirectives { get; set; } = 20;

    /// <summary>Most fields selected on the root query type.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Budget of estimated resolved fields: each field costs 1, times the page sizes of the lists above it.</summary>
    public int MaxCost { get; set; } = 50_000;

    /// <summary>Largest <c>first</c> a connection accepts.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>What a list without a page-size argument (a typed link list) is assumed to hold when costing.</summary>
    public int ListCostEstimate { get; set; } = 10;

    /// <summary>Work on a request is cancelled after this long.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Introspection (<c>__schema</c>, <c>__type</c>); switch off in production if clients do not need it.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>"Did you mean …?" in validation messages, which reveal schema names.</summary>
    public bool FieldSuggestions { get; set; } = true;

    /// <summary>A JSON file mapping document ids to documents, for trusted-documents mode.</summary>
    public string? TrustedDocumentsPath { get; set; }

    /// <summary>Accept only documents from <see cref="TrustedDocumentsPath"/>, sent by id.</summary>
    public bool RequireTrustedDocuments { get; set; }
}
