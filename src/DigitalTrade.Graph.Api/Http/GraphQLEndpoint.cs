using DigitalTrade.Graph.Api.Execution;
using GraphQL;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint: POST with JSON, GET for queries only, media type negotiated
/// from Accept. The executor decides the status; this adapter reads the request, sets the media
/// type and writes the answer. Every refusal is a spec-shaped <c>{"errors": [...]}</c> body; nothing
/// a client sends produces a 500 or a stack trace, and a client that leaves is not a server error.
/// </summary>
internal sealed partial class GraphQLEndpoint(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    IOptions<GraphApiOptions> options,
    ILogger<GraphQLEndpoint> logger)
{
    /// <summary>Not sent (the client is gone), but logged and counted: nginx's "client closed request".</summary>
    public const int ClientClosedRequest = 499;

    private readonly GraphApiOptions _options = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await HandleCoreAsync(http).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionResetException || (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException))
        {
            LogClientLeft(logger, http.Request.Method, e.GetType().Name);
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = ClientClosedRequest;
            }

            // The connection is dead: abort it so Kestrel does not try to drain a body whose read
            // failed half-way (that drain logs "body reader is in an invalid state" as an Error).
            http.Abort();
        }
    }

    public Task MethodNotAllowedAsync(HttpContext http)
    {
        http.Response.Headers.Allow = "GET, POST";
        return RefuseAsync(http, GraphQLRequestReader.JsonMediaType, new Refusal(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
            $"Method {http.Request.Method} is not allowed; use GET for queries or POST."));
    }

    private async Task HandleCoreAsync(HttpContext http)
    {
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
            request = await GraphQLRequestReader.ReadAsync(http.Request, serializer, _options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadGraphQLRequest e)
        {
            var code = e.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
                StatusCodes.Status413PayloadTooLarge => "LIMIT_EXCEEDED",
                StatusCodes.Status408RequestTimeout => "REQUEST_TIMEOUT",
                _ => "BAD_REQUEST",
            };
            await RefuseAsync(http, mediaType, new Refusal(e.Status, code, e.Message)).ConfigureAwait(false);
            return;
        }

        var transport = HttpMethods.IsGet(http.Request.Method) ? RequestTransport.HttpGet : RequestTransport.HttpPost;
        using var answer = await executor.ExecuteAsync(request, transport, http.RequestServices, http.RequestAborted, HttpCaching.Revalidation(http.Request, mediaType)).ConfigureAwait(false);
        await WriteAsync(http, mediaType, answer).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext http, string mediaType, Refusal refusal)
    {
        using var answer = executor.Refuse(refusal);
        await WriteAsync(http, mediaType, answer).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the answer in one write with a Content-Length. A client that accepts only
    /// <c>application/json</c> (or anything) gets that type for a 2xx answer; any other answer is
    /// declared <c>application/graphql-response+json</c>, so a client can tell a GraphQL error from an
    /// intermediary's (GraphQL over HTTP, "legacy clients").
    /// </summary>
    private async Task WriteAsync(HttpContext http, string mediaType, GraphQLAnswer answer)
    {
        var success = answer.Status is >= 200 and < 300;
        HttpCaching.SetHeaders(http, mediaType, answer, _options.ResponseCache.MaxAgeSeconds);
        if (answer.Status == StatusCodes.Status304NotModified)
        {
            // RFC 9110 13.1.2: a condition that fails answers 304 to GET, and 412 to any other method.
            http.Response.StatusCode = HttpMethods.IsGet(http.Request.Method) ? StatusCodes.Status304NotModified : StatusCodes.Status412PreconditionFailed;
            return;
        }

        http.Response.StatusCode = answer.Status;
        if (answer.Status == StatusCodes.Status405MethodNotAllowed && string.IsNullOrEmpty(http.Response.Headers.Allow))
        {
            http.Response.Headers.Allow = "POST";
        }

        http.Response.ContentType = (success ? mediaType : GraphQLRequestReader.GraphQLResponseMediaType) + "; charset=utf-8";
        http.Response.ContentLength = answer.Json.Length;
        await http.Response.Body.WriteAsync(answer.Json, http.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL {Method} request ended by the client ({Reason}); nothing was sent")]
    private static partial void LogClientLeft(ILogger logger, string method, string reason);
}
