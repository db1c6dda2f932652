using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>
/// A small typed client of Neo4j's HTTP Query API: implicit transactions on <c>/db/{db}/query/v2</c>
/// and explicit ones under <c>/db/{db}/query/v2/tx</c>. Reads are retried with backoff after transient
/// failures; writes never are, since a write that timed out may have committed. Bookmarks of writes are
/// sent with later requests, so a read after a seed sees the seed on any cluster member.
/// </summary>
public sealed partial class Neo4jQueryClient
{
    public const string AffinityHeader = QueryResponseReader.AffinityHeader;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Neo4jOptions _options;
    private readonly ILogger<Neo4jQueryClient> _logger;
    private readonly ResiliencePipeline _reads;
    private readonly Lock _bookmarksLock = new();
    private IReadOnlyList<string> _bookmarks = [];

    public Neo4jQueryClient(HttpClient http, IOptions<Neo4jOptions> options, ILogger<Neo4jQueryClient> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _logger = logger;
        _reads = _options.ReadRetries <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Neo4jQueryException>(e => e.IsTransient),
                    MaxRetryAttempts = _options.ReadRetries,
                    Delay = _options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    OnRetry = args =>
                    {
                        var code = args.Outcome.Exception is Neo4jQueryException e ? e.Code : "unknown";
                        LogRetry(_logger, code, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    /// <summary>The bookmarks of the last write this client committed.</summary>
    public IReadOnlyList<string> Bookmarks
    {
        get
        {
            lock (_bookmarksLock)
            {
                return _bookmarks;
            }
        }
    }

    /// <summary>Runs one statement in an implicit transaction; reads are retried after transient failures.</summary>
    public Task<QueryResult> RunAsync(CypherQuery query, AccessMode mode, CancellationToken cancellationToken) =>
        RunAsync(query, mode, [], cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(CypherQuery, AccessMode, CancellationToken)"/>, also waiting for <paramref name="bookmarks"/>:
    /// a cluster member answers only once it has applied the transactions they name (another process's seed, say).
    /// </summary>
    public async Task<QueryResult> RunAsync(CypherQuery query, AccessMode mode, IReadOnlyList<string> bookmarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(bookmarks);
        var wait = bookmarks.Count == 0 ? Bookmarks : [.. Bookmarks.Union(bookmarks, StringComparer.Ordinal)];
        var body = Body(query, mode, wait);
        if (mode == AccessMode.Write)
        {
            return (await SendAsync(HttpMethod.Post, QueryPath(), body, null, ResponseKind.Result, remember: true, cancellationToken)).Result;
        }

        return await _reads.ExecuteAsync(
            async token => (await SendAsync(HttpMethod.Post, QueryPath(), body, null, ResponseKind.Result, remember: false, token)).Result,
            cancellationToken);
    }

    /// <summary>Opens an explicit transaction; its requests carry the cluster-affinity header the server gave.</summary>
    public async Task<QueryTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Bookmarks is { Count: > 0 } bookmarks)
        {
            body["bookmarks"] = bookmarks;
        }

        var response = await SendAsync(HttpMethod.Post, QueryPath() + "/tx", body, null, ResponseKind.Begin, remember: false, cancellationToken);
        return new QueryTransaction(this, response.TransactionId!, response.Affinity, response.Expires);
    }

    /// <summary>
    /// The server's discovery document (<c>GET /</c>, unauthenticated, so no credentials are sent): its version,
    /// edition and whether the Query API is enabled. Retried like a read.
    /// </summary>
    public async Task<Neo4jServerInfo> GetServerInfoAsync(CancellationToken cancellationToken) =>
        await _reads.ExecuteAsync(async token => await DiscoverAsync(token), cancellationToken);

    internal async Task<QueryResult> RunInTransactionAsync(QueryTransaction transaction, CypherQuery query, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, TransactionPath(transaction.Id), Body(query, null, null), transaction.Affinity, ResponseKind.Result, remember: false, cancellationToken);
        transaction.Expires = response.Expires ?? transaction.Expires;
        return response.Result;
    }

    internal async Task CommitAsync(QueryTransaction transaction, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, TransactionPath(transaction.Id) + "/commit", new Dictionary<string, object?>(), transaction.Affinity, ResponseKind.Commit, remember: true, cancellationToken);

    internal async Task RollbackAsync(QueryTransaction transaction, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, TransactionPath(transaction.Id), null, transaction.Affinity, ResponseKind.Rollback, remember: false, cancellationToken);

    private string QueryPath() => $"db/{Uri.EscapeDataString(_options.Database)}/query/v2";

    private string TransactionPath(string id) => $"{QueryPath()}/tx/{Uri.EscapeDataString(id)}";

    private static Dictionary<string, object?> Body(CypherQuery query, AccessMode? mode, IReadOnlyList<string>? bookmarks)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["statement"] = query.Statement,
            ["parameters"] = query.Parameters,
        };
        if (mode is { } access)
        {
            // Read lets a cluster route the query to any member; the default is a write.
            body["accessMode"] = access == AccessMode.Read ? "READ" : "WRITE";
        }

        if (bookmarks is { Count: > 0 })
        {
            body["bookmarks"] = bookmarks;
        }

        return body;
    }

    private async Task<Neo4jServerInfo> DiscoverAsync(CancellationToken cancellationToken)
    {
        var baseUri = BaseUri();
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUri);
        request.Headers.Accept.Add(Json);
        var (response, text) = await ExchangeAsync(request, baseUri, cancellationToken);
        using (response)
        {
            JsonDocument? document = null;
            try
            {
                document = response.IsSuccessStatusCode && text.Length > 0 ? JsonDocument.Parse(text) : null;
            }
            catch (JsonException)
            {
                // Reported below.
            }

            using (document)
            {
                if (document is not null && Neo4jServerInfo.FromDiscovery(document.RootElement) is { } info)
                {
                    return info;
                }
            }

            var transient = response.StatusCode is System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout;
            throw Failed(new Neo4jQueryException(
                Neo4jQueryException.UnexpectedResponse,
                $"{baseUri} answered GET / with HTTP {(int)response.StatusCode} ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}) "
                    + "and no Neo4j discovery document (neo4j_version): check that NEO4J_URI names Neo4j's HTTP port (7474)",
                transient ? response.StatusCode : null));
        }
    }

    private async Task<QueryResponse> SendAsync(HttpMethod method, string path, object? body, string? affinity, ResponseKind kind, bool remember, CancellationToken cancellationToken)
    {
        var baseUri = BaseUri();
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Headers.Accept.Add(Json);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        var (response, text) = await ExchangeAsync(request, baseUri, cancellationToken);
        using (response)
        {
            QueryResponse parsed;
            try
            {
                parsed = QueryResponseReader.Read(response, text, kind, Redact);
            }
            catch (Neo4jQueryException e)
            {
                throw Failed(e);
            }

            if (remember && parsed.Result.Bookmarks.Count > 0)
            {
                lock (_bookmarksLock)
                {
                    _bookmarks = parsed.Result.Bookmarks;
                }
            }

            return parsed;
        }
    }

    /// <summary>
    /// One HTTP round trip within the request timeout; transport failures become <see cref="Neo4jQueryException.Unavailable"/>.
    /// The answer is read up to <see cref="Neo4jOptions.MaxResponseBytes"/>: a server or proxy sending more is refused, not buffered.
    /// </summary>
    private async Task<(HttpResponseMessage Response, string Text)> ExchangeAsync(HttpRequestMessage request, Uri baseUri, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var limit = _options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                throw TooLarge(response, limit);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(response, limit);
                }

                buffer.Write(chunk, 0, read);
            }

            return (response, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw Failed(new Neo4jQueryException(Neo4jQueryException.Unavailable, $"no answer from {baseUri} within {_options.RequestTimeout.TotalSeconds:0.#} s", null, e));
        }
        catch (HttpRequestException e)
        {
            response?.Dispose();
            throw Failed(new Neo4jQueryException(Neo4jQueryException.Unavailable, $"cannot reach {baseUri}: {Redact(e.Message)}", null, e));
        }
        catch (Neo4jQueryException)
        {
            response?.Dispose();
            throw;
        }
    }

    private Neo4jQueryException TooLarge(HttpResponseMessage response, long limit) => Failed(new Neo4jQueryException(
        Neo4jQueryException.UnexpectedResponse,
        $"HTTP {(int)response.StatusCode}: the answer is larger than Neo4j:MaxResponseBytes ({limit} bytes); refused unread",
        response.StatusCode));

    private Uri BaseUri() => _options.Uri ?? throw new InvalidOperationException("Neo4j:Uri (or NEO4J_URI) is not set.");

    private Neo4jQueryException Failed(Neo4jQueryException exception)
    {
        LogFailure(_logger, exception.Code, exception.ServerMessage);
        return exception;
    }

    /// <summary>Keeps the password out of anything we log or throw, whatever a server or proxy echoes.</summary>
    private string Redact(string message) =>
        string.IsNullOrEmpty(_options.Password) ? message : message.Replace(_options.Password, "***", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j read failed with {Code}; retry {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string code, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j request failed: {Code}: {Problem}")]
    private static partial void LogFailure(ILogger logger, string code, string problem);
}
