using System.Diagnostics;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Telemetry;
using DigitalTrade.Graph.Model;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>How a request reached the executor: over HTTP GET (queries only), HTTP POST, or in process.</summary>
internal enum RequestTransport
{
    HttpGet,
    HttpPost,
    InProcess,
}

/// <summary>
/// What one request came to: refused before execution (with the refusal), or executed or failed
/// validation (with the result). <see cref="Operation"/> names it for logs and metrics.
/// </summary>
internal sealed record GraphQLOutcome(ExecutionResult Result, Refusal? Refusal, string Operation)
{
    public bool Executed => Refusal is null && Result.Executed;
}

/// <summary>
/// Runs a GraphQL request whatever carried it: trusted documents and limits before any execution,
/// one store view (one graph version) per request, the execution timeout, and errors that never
/// reveal internals. The HTTP endpoint and in-process callers (the explorer) share it, so both get
/// exactly the same answers and the same protections.
/// </summary>
internal sealed partial class GraphQLExecutor(
    ISchema schema,
    IDocumentExecuter executer,
    IGraphStore store,
    DocumentPreparer documents,
    GraphMetrics metrics,
    IOptions<GraphApiOptions> options,
    ILogger<GraphQLExecutor> logger)
{
    private readonly GraphApiOptions _options = options.Value;
    private readonly IValidationRule[] _rules = [.. DocumentValidator.CoreRules, .. options.Value.Introspection ? [] : new IValidationRule[] { NoIntrospection.Instance }];

    public async Task<GraphQLOutcome> ExecuteAsync(GraphRequestBody request, RequestTransport transport, IServiceProvider? services, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (prepared, refusal) = documents.Prepare(request);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var status = await store.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (!status.Ready)
        {
            return Refused(new Refusal(503, "NOT_READY", "The graph is not available yet: " + status.Description));
        }

        var view = await store.OpenViewAsync(cancellationToken).ConfigureAwait(false);
        var isGet = transport == RequestTransport.HttpGet;
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = prepared!.Document is null ? prepared.Query : null,
            Document = prepared.Document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = new GraphRequestContext(view, _options.MaxPageSize, metrics),
            RequestServices = services,
            CancellationToken = cancellationToken,
            Timeout = _options.ExecutionTimeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = HideInternals,
            ValidationRules = prepared.Validated ? (isGet ? [QueriesOnlyOverGet.Instance] : []) : isGet ? [.. _rules, QueriesOnlyOverGet.Instance] : _rules,
        }).ConfigureAwait(false);

        if (result.Executed)
        {
            documents.Remember(prepared);
        }

        result.Extensions ??= [];
        result.Extensions["snapshotVersion"] = view.Version;
        var operation = result.Operation?.Name?.StringValue ?? request.OperationName ?? "(anonymous)";
        LogExecuted(logger, operation, transport, result.Errors?.Count ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new GraphQLOutcome(result, null, operation);
    }

    /// <summary>A refusal as a spec-shaped result: one error naming the code (and the limit, for limits).</summary>
    public GraphQLOutcome Refused(Refusal refusal)
    {
        ExecutionError error = refusal.Limit is { } limit
            ? new LimitExceededError(limit)
            : new ExecutionError(refusal.Message) { Code = refusal.Code };
        LogRefused(logger, refusal.Status, refusal.Code, refusal.Message);
        return new GraphQLOutcome(new ExecutionResult { Errors = [error] }, refusal, "(refused)");
    }

    /// <summary>Query errors the graph explains keep their message and code; anything else becomes a plain internal error.</summary>
    private Task HideInternals(UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQueryException query)
        {
            context.Exception = new ExecutionError(query.Message) { Code = query.Code };
        }
        else if (context.OriginalException is OperationCanceledException)
        {
            context.Exception = new ExecutionError("The request was cancelled or timed out.") { Code = "TIMEOUT" };
        }
        else
        {
            LogResolverFailure(logger, context.OriginalException, context.FieldContext?.FieldDefinition?.Name ?? "(document)");
            context.Exception = new ExecutionError("Internal error while resolving the request.") { Code = "INTERNAL_ERROR" };
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} over {Transport} finished with {ErrorCount} errors in {ElapsedMs:0.0} ms")]
    private static partial void LogExecuted(ILogger logger, string operationName, RequestTransport transport, int errorCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL request refused with {StatusCode} {ErrorCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolver for {Field} failed")]
    private static partial void LogResolverFailure(ILogger logger, Exception exception, string field);
}
