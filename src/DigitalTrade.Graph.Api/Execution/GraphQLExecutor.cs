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
/// The answer to one request: the status the GraphQL-over-HTTP spec asks for and the serialized JSON body (pooled
/// when freshly serialized: dispose once sent). <see cref="Tag"/> is set on answers without errors: what an ETag is
/// made of — the request hash (version and request) or, for an answer that is not a function of them, its content's.
/// </summary>
internal sealed class GraphQLAnswer : IDisposable
{
    private readonly PooledBuffer? _body;

    public GraphQLAnswer(int status, PooledBuffer body)
    {
        Status = status;
        _body = body;
        Json = body.WrittenMemory;
    }

    public GraphQLAnswer(int status, ReadOnlyMemory<byte> json, string? tag)
    {
        Status = status;
        Json = json;
        Tag = tag;
    }

    public int Status { get; }

    public ReadOnlyMemory<byte> Json { get; }

    public string? Tag { get; set; }

    /// <summary>The client holds this answer already (If-None-Match): 304 for GET; the HTTP endpoint says 412 for POST.</summary>
    public static GraphQLAnswer NotModified(string tag) => new(304, ReadOnlyMemory<byte>.Empty, tag);

    public void Dispose() => _body?.Dispose();
}

/// <summary>
/// The tags a client says it holds (If-None-Match): <paramref name="Any"/> for <c>*</c>, else <paramref name="Holds"/>
/// tells whether a tag is among them. Checked before execution for a listed tag (an answer is a function of version
/// and request, and tags are only given to answers without errors) and after it for <c>*</c>.
/// </summary>
internal sealed record Revalidation(bool Any, Func<string, bool> Holds);

/// <summary>
/// Runs a GraphQL request whatever carried it: trusted documents and limits before any execution,
/// one store view (one graph version) per request, one deadline from the first limit check to the
/// last serialized byte, a bounded response, and errors that never reveal internals. The HTTP
/// endpoint and in-process callers (the explorer) share it, so both get exactly the same answers,
/// statuses and protections.
/// </summary>
internal sealed partial class GraphQLExecutor(
    ISchema schema,
    IDocumentExecuter executer,
    IGraphStore store,
    DocumentPreparer documents,
    Caching.ResponseCache cache,
    ResponseSerializer serializer,
    GraphMetrics metrics,
    IOptions<GraphApiOptions> options,
    ILogger<GraphQLExecutor> logger)
{
    private readonly GraphApiOptions _options = options.Value;
    private readonly IValidationRule[] _rules =
        [.. DocumentValidator.CoreRules, KnownOperationTypes.Instance, .. options.Value.Introspection ? [] : new IValidationRule[] { NoIntrospection.Instance }];

    public async Task<GraphQLAnswer> ExecuteAsync(GraphRequestBody request, RequestTransport transport, IServiceProvider? services, CancellationToken cancellationToken, Revalidation? revalidation = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = new ExecutionDeadline(deadline, started, _options.ExecutionTimeout);
        try
        {
            var (prepared, refusal) = documents.Prepare(request, deadline.Token);
            if (refusal is not null)
            {
                return Refuse(refusal);
            }

            var status = await store.GetStatusAsync(deadline.Token).ConfigureAwait(false);
            if (!status.Ready)
            {
                return Refuse(new Refusal(503, "NOT_READY", "The graph is not available yet: " + status.Description));
            }

            var view = await store.OpenViewAsync(deadline.Token).ConfigureAwait(false);
            var isCurrent = (view as Model.Queries.ISnapshotView)?.IsCurrent;

            // Only after the limits: a cached answer is never a way around them.
            var tag = prepared!.Document is null ? null : Caching.RequestHash.Of(view.Version, prepared.TextHash, request.OperationName, request.Variables);
            if (tag is not null)
            {
                if (revalidation is { Any: false } listed && listed.Holds(tag))
                {
                    return Unchanged(tag, GraphMetrics.Unknown, transport, started);
                }

                if (cache.TryGet(view.Version, tag, isCurrent) is { } hit)
                {
                    if (revalidation is { } held && (held.Any || held.Holds(tag)))
                    {
                        return Unchanged(tag, hit.Operation, transport, started);
                    }

                    LogCached(logger, hit.Operation, transport, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    metrics.RequestCompleted(hit.Operation, 200, Stopwatch.GetElapsedTime(started), null);
                    return new GraphQLAnswer(200, hit.Json, tag);
                }
            }

            var context = new GraphRequestContext(view, _options.MaxPageSize, metrics) { Deadline = clock };
            var isGet = transport == RequestTransport.HttpGet;
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Schema = schema,
                Query = prepared.Document is null ? prepared.Query : null,
                Document = prepared.Document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                UserContext = context,
                RequestServices = services,
                CancellationToken = deadline.Token,
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
            result.Errors = Capped(result.Errors);

            // Only a document that passed validation names the operation: a label from a bounded set.
            var operation = metrics.OperationLabel(result.Executed ? result.Operation?.Name?.StringValue ?? GraphMetrics.Anonymous : null);
            var answer = Serialize(result, StatusOf(result), deadline.Token);
            if (answer.Status == 200 && result.Errors is not { Count: > 0 })
            {
                if (context.Volatile || tag is null)
                {
                    answer.Tag = Caching.RequestHash.OfContent(answer.Json.Span);
                }
                else
                {
                    answer.Tag = tag;
                    if (cache.Enabled)
                    {
                        cache.Add(view.Version, tag, isCurrent, new Caching.CachedAnswer(answer.Json.ToArray(), operation));
                    }
                }

                if (revalidation is { } held && (held.Any || held.Holds(answer.Tag)))
                {
                    answer.Dispose();
                    return Unchanged(answer.Tag, operation, transport, started);
                }
            }

            LogExecuted(logger, operation, transport, answer.Status, result.Errors?.Count ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            metrics.RequestCompleted(operation, answer.Status, Stopwatch.GetElapsedTime(started), result.Errors);
            return answer;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Refuse(new Refusal(504, "TIMEOUT", $"The request took longer than the execution timeout of {_options.ExecutionTimeout.TotalSeconds:0.###} s and was cancelled."));
        }
    }

    private GraphQLAnswer Unchanged(string tag, string operation, RequestTransport transport, long started)
    {
        LogUnchanged(logger, operation, transport, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        metrics.RequestCompleted(operation, 304, Stopwatch.GetElapsedTime(started), null);
        return GraphQLAnswer.NotModified(tag);
    }

    /// <summary>A refusal as a spec-shaped answer: one error naming the code (and the limit, for limits).</summary>
    public GraphQLAnswer Refuse(Refusal refusal)
    {
        ExecutionError error = refusal.Limit is { } limit
            ? new LimitExceededError(limit)
            : new ExecutionError(refusal.Message) { Code = refusal.Code };
        LogRefused(logger, refusal.Status, refusal.Code, refusal.Message);
        var result = new ExecutionResult { Errors = [error] };
        metrics.RequestCompleted(GraphMetrics.Unknown, refusal.Status, TimeSpan.Zero, result.Errors);
        var body = new PooledBuffer();
        serializer.Write(body, result);
        return new GraphQLAnswer(refusal.Status, body);
    }

    /// <summary>
    /// The status for a result (GraphQL over HTTP, 2026 text): 200 once execution began; a request
    /// that never executed is 400 when its document does not parse, 405 for a mutation over GET, 504
    /// after the timeout, and 422 when it fails validation (limits are validation rules too), has
    /// variables that cannot be coerced, or names no operation.
    /// </summary>
    private static int StatusOf(ExecutionResult result)
    {
        if (result.Executed)
        {
            return 200;
        }

        var errors = result.Errors ?? [];
        return errors.Any(e => e is QueriesOnlyOverGet.Error) ? 405
            : errors.Any(e => e.Code == "TIMEOUT") ? 504
            : errors.Any(e => e.Code == "SYNTAX_ERROR") ? 400
            : 422;
    }

    /// <summary>Serializes into a buffer bounded by the response limit and the deadline; an answer over the limit becomes a limit error.</summary>
    private GraphQLAnswer Serialize(ExecutionResult result, int status, CancellationToken deadline)
    {
        var body = new PooledBuffer(_options.MaxResponseBytes, deadline);
        try
        {
            serializer.Write(body, result);
            return new GraphQLAnswer(status, body);
        }
        catch (ResponseTooLargeException)
        {
            body.Dispose();
            return Refuse(Refusal.Exceeding(new LimitViolation("response size", (long)_options.MaxResponseBytes + 1, _options.MaxResponseBytes)));
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>At most <see cref="GraphApiOptions.MaxErrors"/> errors, then one saying how many were left out.</summary>
    private ExecutionErrors? Capped(ExecutionErrors? errors)
    {
        if (errors is null || errors.Count <= _options.MaxErrors)
        {
            return errors;
        }

        var capped = new ExecutionErrors();
        capped.AddRange(errors.Take(_options.MaxErrors));
        capped.Add(new ExecutionError($"{errors.Count - _options.MaxErrors} more errors omitted.") { Code = "ERRORS_OMITTED" });
        return capped;
    }

    /// <summary>Query errors the graph explains keep their message and code; anything else becomes a plain internal error.</summary>
    private Task HideInternals(UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQueryException query)
        {
            context.Exception = query.Suggestions.Count > 0
                ? new SuggestingError(query.Message, query.Suggestions) { Code = query.Code }
                : new ExecutionError(query.Message) { Code = query.Code };
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

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} over {Transport} answered {StatusCode} with {ErrorCount} errors in {ElapsedMs:0.0} ms")]
    private static partial void LogExecuted(ILogger logger, string operationName, RequestTransport transport, int statusCode, int errorCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} over {Transport} answered 200 from the response cache in {ElapsedMs:0.0} ms")]
    private static partial void LogCached(ILogger logger, string operationName, RequestTransport transport, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {OperationName} over {Transport}: the client holds the current answer (If-None-Match), answered in {ElapsedMs:0.0} ms")]
    private static partial void LogUnchanged(ILogger logger, string operationName, RequestTransport transport, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL request refused with {StatusCode} {ErrorCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolver for {Field} failed")]
    private static partial void LogResolverFailure(ILogger logger, Exception exception, string field);
}
