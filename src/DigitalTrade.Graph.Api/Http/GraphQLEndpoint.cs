using System.Diagnostics;
using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint: POST with JSON, GET for queries only, media type negotiated
/// from Accept. Every refusal is a spec-shaped <c>{"errors": [...]}</c> body with the status the
/// spec asks for; nothing a client sends produces a 500 or a stack trace.
/// </summary>
internal sealed partial class GraphQLEndpoint(
    ISchema schema,
    IDocumentExecuter executer,
    IGraphQLTextSerializer serializer,
    IGraphStore store,
    ILogger<GraphQLEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var mediaType = GraphQLRequestReader.NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, GraphQLRequestReader.JsonMediaType, "NOT_ACCEPTABLE",
                $"The response can be {GraphQLRequestReader.GraphQLResponseMediaType} or {GraphQLRequestReader.JsonMediaType}; the request accepts neither.").ConfigureAwait(false);
            return;
        }

        GraphQLRequest request;
        try
        {
            request = await GraphQLRequestReader.ReadAsync(http.Request, serializer, cancellationToken).ConfigureAwait(false);
        }
        catch (BadGraphQLRequest e)
        {
            await WriteErrorAsync(http, e.Status, mediaType, e.Status == StatusCodes.Status415UnsupportedMediaType ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST", e.Message).ConfigureAwait(false);
            return;
        }

        var status = await store.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (!status.Ready)
        {
            await WriteErrorAsync(http, StatusCodes.Status503ServiceUnavailable, mediaType, "NOT_READY", "The graph is not available yet: " + status.Description).ConfigureAwait(false);
            return;
        }

        var view = await store.OpenViewAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = new GraphRequestContext(view),
            RequestServices = http.RequestServices,
            CancellationToken = cancellationToken,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = HideInternals,
            ValidationRules = HttpMethods.IsGet(http.Request.Method)
                ? [.. GraphQL.Validation.DocumentValidator.CoreRules, QueriesOnlyOverGet.Instance]
                : null,
            CachedDocumentValidationRules = HttpMethods.IsGet(http.Request.Method) ? [QueriesOnlyOverGet.Instance] : null,
        }).ConfigureAwait(false);

        result.Extensions ??= [];
        result.Extensions["snapshotVersion"] = view.Version;
        LogExecuted(logger, request.OperationName ?? "(anonymous)", result.Errors?.Count ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // With application/graphql-response+json a request that never executed (syntax or
        // validation error) is a 4xx; with legacy application/json every result is 200.
        http.Response.StatusCode = mediaType == GraphQLRequestReader.GraphQLResponseMediaType && !result.Executed
            ? result.Errors?.Any(e => e is QueriesOnlyOverGet.Error) == true ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }

        http.Response.ContentType = mediaType + "; charset=utf-8";
        await WriteBufferedAsync(http, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serializes into a pooled buffer and sends it in one write with a Content-Length, instead of many chunked flushes.</summary>
    private async Task WriteBufferedAsync(HttpContext http, ExecutionResult result, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBuffer();
        await serializer.WriteAsync(buffer, result, cancellationToken).ConfigureAwait(false);
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteErrorAsync(HttpContext http, int status, string mediaType, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await WriteBufferedAsync(http, result, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Query errors the graph explains keep their message and code; anything else becomes a plain internal error.</summary>
    private Task HideInternals(UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQueryException query)
        {
            context.Exception = new ExecutionError(query.Message) { Code = query.Code };
        }
        else
        {
            LogResolverFailure(logger, context.OriginalException, context.FieldContext?.FieldDefinition?.Name ?? "(document)");
            context.Exception = new ExecutionError("Internal error while resolving the request.") { Code = "INTERNAL_ERROR" };
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} executed with {ErrorCount} errors in {ElapsedMs:0.0} ms")]
    private static partial void LogExecuted(ILogger logger, string operationName, int errorCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolver for {Field} failed")]
    private static partial void LogResolverFailure(ILogger logger, Exception exception, string field);

    public static async Task MethodNotAllowedAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        http.Response.Headers.Allow = "GET, POST";
        http.Response.ContentType = GraphQLRequestReader.JsonMediaType + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError($"Method {http.Request.Method} is not allowed; use GET for queries or POST.") { Code = "METHOD_NOT_ALLOWED" }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The spec forbids mutations over GET; the schema has none today, but the rule keeps that true if one is added.</summary>
internal sealed class QueriesOnlyOverGet : GraphQL.Validation.ValidationRuleBase, GraphQL.Validation.IValidationRule
{
    public static readonly QueriesOnlyOverGet Instance = new();

    public override ValueTask<GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(GraphQL.Validation.ValidationContext context) =>
        new(context.Operation.Operation == OperationType.Query
            ? null
            : new GraphQL.Validation.MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) =>
                ctx.ReportError(new Error(ctx, operation))));

    public sealed class Error(GraphQL.Validation.ValidationContext context, GraphQLOperationDefinition node)
        : GraphQL.Validation.ValidationError(context.Document.Source, "METHOD_NOT_ALLOWED", "Only query operations can be sent with GET; use POST.", node);
}
