using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>A request the endpoint refuses before executing it, with the status and error code to answer.</summary>
internal sealed record Refusal(int Status, string Code, string Message, LimitViolation? Limit = null)
{
    /// <summary>A request over a limit. Limits are validation rules the server adds, so the status is validation's: 422.</summary>
    public static Refusal Exceeding(LimitViolation violation) => new(422, "LIMIT_EXCEEDED", violation.Message, violation);
}

/// <summary>What to execute: a parsed document (already validated when it came from the cache) or, when it does not parse, the text so GraphQL.NET reports the syntax error.</summary>
internal sealed record PreparedDocument(string Query, GraphQLDocument? Document, bool Validated)
{
    private byte[]? _textHash;

    /// <summary>SHA-256 of the text, computed once per cached document: requests with the same document only hash their variables.</summary>
    public byte[] TextHash
    {
        get => _textHash ??= System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Query));
        init => _textHash = value;
    }
}

/// <summary>
/// Turns a request into a document to execute: resolves trusted-document ids, enforces the
/// request limits before any execution, and reuses documents that already parsed, validated and
/// executed (bounded, so unique queries cannot grow it).
/// </summary>
internal sealed class DocumentPreparer
{
    private const int CacheCapacity = 2048;
    /// <summary>How deep the parser recurses before giving up; the token limit keeps documents far smaller in practice.</summary>
    private const int ParserDepth = 256;

    private static readonly ParserOptions Parsing = new() { Ignore = IgnoreOptions.Comments, MaxDepth = ParserDepth };

    private readonly ConcurrentDictionary<string, (GraphQLDocument Document, byte[] TextHash)> _validated = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _trusted;
    private readonly GraphApiOptions _options;
    private readonly RequestLimits _limits;

    public DocumentPreparer(IOptions<GraphApiOptions> options, ISchema schema)
    {
        _options = options.Value;
        _limits = new RequestLimits(_options, schema);
        _trusted = _options.TrustedDocumentsPath is { Length: > 0 } path
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : new Dictionary<string, string>();
    }

    public (PreparedDocument? Document, Refusal? Refusal) Prepare(GraphRequestBody request, CancellationToken cancellationToken)
    {
        string query;
        if (request.DocumentId is { } id)
        {
            if (!_trusted.TryGetValue(id, out var trustedText))
            {
                return (null, new Refusal(400, "TRUSTED_DOCUMENT_NOT_FOUND", $"No trusted document has the id '{id}'."));
            }

            query = trustedText;
        }
        else if (_options.RequireTrustedDocuments)
        {
            return (null, new Refusal(400, "TRUSTED_DOCUMENT_REQUIRED", "This endpoint accepts only trusted documents, sent by 'documentId'."));
        }
        else if (request.Query is { } text)
        {
            query = text;
        }
        else
        {
            return (null, new Refusal(422, "BAD_REQUEST", "The request needs a 'query' (or a 'documentId')."));
        }

        if (_validated.TryGetValue(query, out var cached))
        {
            return Limited(new PreparedDocument(query, cached.Document, Validated: true) { TextHash = cached.TextHash }, request, cancellationToken);
        }

        if (_limits.CheckText(query) is { } tooLarge)
        {
            return (null, Refusal.Exceeding(tooLarge));
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, Parsing);
        }
        catch (GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            return (null, Refusal.Exceeding(new LimitViolation("depth", ParserDepth + 1, Math.Min(_options.MaxDepth, ParserDepth))));
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return (new PreparedDocument(query, null, Validated: false), null);
        }

        return Limited(new PreparedDocument(query, document, Validated: false), request, cancellationToken);
    }

    /// <summary>Keeps a document that executed, so the next request with the same text skips parsing and validation.</summary>
    public void Remember(PreparedDocument prepared)
    {
        if (!prepared.Validated && prepared.Document is { } document && _validated.Count < CacheCapacity)
        {
            _validated.TryAdd(prepared.Query, (document, prepared.TextHash));
        }
    }

    private (PreparedDocument?, Refusal?) Limited(PreparedDocument prepared, GraphRequestBody request, CancellationToken cancellationToken) =>
        _limits.CheckDocument(prepared.Document!, request.OperationName, request.Variables, cancellationToken) is { } violation
            ? (null, Refusal.Exceeding(violation))
            : (prepared, null);
}
