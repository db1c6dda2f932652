using System.Diagnostics;
using DigitalTrade.Graph.Api.Execution;
using DigitalTrade.Graph.Api.Telemetry;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint: POST with JSON, GET for queries only, media type negotiated
/// from Accept. Requests are held to the configured limits before any execution. Every refusal
/// is a spec-shaped <c>{"errors": [...]}</c> body with the status the spec asks for; nothing a
/// client sends produces a 500 or a stack trace.
/// </summary>
internal sealed class GraphQLEndpoint(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    GraphMetrics metrics,
    IOptions<GraphApiOptions> options)
{
    private readonly GraphApiOptions _options = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = http.RequestAborted;
        var mediaType = GraphQLRequestReader.NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await RefuseAsync(http, GraphQLRequestReader.JsonMediaType, new Refusal(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"The response can be {GraphQLRequestReader.GraphQLResponseMediaType} or {GraphQLRequestReader.JsonMediaType}; the request accepts neither.")).ConfigureAwait(false);
            return;
        }

        GraphRequestBody request;
        try
        {
            request = await GraphQLRequestReader.ReadAsync(http.Request, serializer, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadGraphQLRequest e)
        {
            var code = e.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
                StatusCodes.Status413PayloadTooLarge => "LIMIT_EXCEEDED",
                _ => "BAD_REQUEST",
            };
            await RefuseAsync(http, mediaType, new Refusal(e.Status, code, e.Message)).ConfigureAwait(false);
            return;
        }

        var transport = HttpMethods.IsGet(http.Request.Method) ? RequestTransport.HttpGet : RequestTransport.HttpPost;
        var outcome = await executor.ExecuteAsync(request, transport, http.RequestServices, cancellationToken).ConfigureAwait(false);
        var result = outcome.Result;

        // With application/graphql-response+json a request that never executed (syntax or
        // validation error) is a 4xx; with legacy application/json every result is 200.
        // The execution timeout is the server giving up, not a bad request: 504.
        http.Response.StatusCode = outcome.Refusal is { } refusal ? refusal.Status
            : mediaType == GraphQLRequestReader.GraphQLResponseMediaType && !result.Executed
            ? result.Errors?.Any(e => e is QueriesOnlyOverGet.Error) == true ? StatusCodes.Status405MethodNotAllowed
                : result.Errors?.Any(e => e.Code == "TIMEOUT") == true ? StatusCodes.Status504GatewayTimeout
                : StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }

        metrics.RequestCompleted(outcome.Operation, http.Response.StatusCode, Stopwatch.GetElapsedTime(started), result.Errors);
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await WriteBufferedAsync(http, result, cancellationToken).ConfigureAwait(false);
    }

    public async Task MethodNotAllowedAsync(HttpContext http)
    {
        http.Response.Headers.Allow = "GET, POST";
        await RefuseAsync(http, GraphQLRequestReader.JsonMediaType, new Refusal(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
            $"Method {http.Request.Method} is not allowed; use GET for queries or POST.")).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext http, string mediaType, Refusal refusal)
    {
        var outcome = executor.Refused(refusal);
        http.Response.StatusCode = refusal.Status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        metrics.RequestCompleted(outcome.Operation, refusal.Status, TimeSpan.Zero, outcome.Result.Errors);
        await WriteBufferedAsync(http, outcome.Result, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Serializes into a pooled buffer and sends it in one write with a Content-Length, instead of many chunked flushes.</summary>
    private async Task WriteBufferedAsync(HttpContext http, ExecutionResult result, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBuffer();
        await serializer.WriteAsync(buffer, result, cancellationToken).ConfigureAwait(false);
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A request over a limit: the error names the limit, the value and the maximum.</summary>
internal sealed class LimitExceededError : ExecutionError
{
    public LimitExceededError(LimitViolation violation)
        : base(violation.Message)
    {
        Violation = violation;
        Code = "LIMIT_EXCEEDED";
    }

    public LimitViolation Violation { get; }
}

/// <summary>The spec forbids mutations over GET; the schema has none today, but the rule keeps that true if one is added.</summary>
internal sealed class QueriesOnlyOverGet : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGet Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(context.Operation.Operation == OperationType.Query
            ? null
            : new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) => ctx.ReportError(new Error(ctx, operation))));

    public sealed class Error : ValidationError
    {
        public Error(ValidationContext context, GraphQLOperationDefinition node)
            : base(context.Document.Source, "get-query-only", "Only query operations can be sent with GET; use POST.", node)
        {
            Code = "METHOD_NOT_ALLOWED";
        }
    }
}

/// <summary>With <see cref="GraphApiOptions.Introspection"/> off, <c>__schema</c> and <c>__type</c> are refused (<c>__typename</c> stays).</summary>
internal sealed class NoIntrospection : ValidationRuleBase
{
    public static readonly NoIntrospection Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.StringValue is "__schema" or "__type")
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, "introspection", "Introspection is disabled on this endpoint.", field) { Code = "INTROSPECTION_DISABLED" });
            }
        }));
}
