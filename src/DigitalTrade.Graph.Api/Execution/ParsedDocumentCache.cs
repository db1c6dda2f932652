using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// Keeps parsed documents that executed, keyed by query text, so repeated queries (front-ends send
/// the same documents with new variables) skip parsing and validation. Bounded: once full, new
/// texts are executed without being kept, so unique queries from a client cannot grow it.
/// </summary>
internal sealed class ParsedDocumentCache(int capacity) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options).ConfigureAwait(false);
        }

        if (_documents.TryGetValue(query, out var document))
        {
            // A cached document was validated when it was first executed; validation rules that do
            // not depend on the document (CachedDocumentValidationRules) still run.
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);
        if (result.Executed && result.Document is { } parsed && _documents.Count < capacity)
        {
            _documents.TryAdd(query, parsed);
        }

        return result;
    }
}
