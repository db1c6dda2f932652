using System.Net;
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
    public const string AffinityHeader = "neo4j-cluster-affinity";

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
    public async Task<QueryResult> RunAsync(CypherQuery query, AccessMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = Body(query, mode, Bookmarks);
        if (mode == AccessMode.Write)
        {
            return (await SendAsync(HttpMethod.Post, QueryPath(), body, affinity: null, remember: true, cancellationToken)).Result;
        }

        return await _reads.ExecuteAsync(
            async token => (await SendAsync(HttpMethod.Post, QueryPath(), body, affinity: null, remember: false, token)).Result,
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

        var response = await SendAsync(HttpMethod.Post, QueryPath() + "/tx", body, affinity: null, remember: false, cancellationToken);
        if (response.TransactionId is not { } id)
        {
            throw new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, "The server opened no transaction (no transaction.id in the response).");
        }

        return new QueryTransaction(this, id, response.Affinity, response.Expires);
    }

    internal async Task<QueryResult> RunInTransactionAsync(QueryTransaction transaction, CypherQuery query, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, TransactionPath(transaction.Id), Body(query, null, null), transaction.Affinity, remember: false, cancellationToken);
        transaction.Expires = response.Expires ?? transaction.Expires;
        return response.Result;
    }

    internal async Task CommitAsync(QueryTransaction transaction, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, TransactionPath(transaction.Id) + "/commit", new Dictionary<string, object?>(), transaction.Affinity, remember: true, cancellationToken);

    internal async Task RollbackAsync(QueryTransaction transaction, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, TransactionPath(transaction.Id), null, transaction.Affinity, remember: false, cancellationToken);

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

    private async Task<Response> SendAsync(HttpMethod method, string path, object? body, string? affinity, bool remember, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var baseUri = _options.Uri ?? throw new InvalidOperationException("Neo4j:Uri (or NEO4J_URI) is not set.");
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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(new Neo4jQueryException(Neo4jQueryException.Unavailable, $"no answer from {baseUri} within {_options.RequestTimeout.TotalSeconds:0.#} s", null, e));
        }
        catch (HttpRequestException e)
        {
            throw Failed(new Neo4jQueryException(Neo4jQueryException.Unavailable, $"cannot reach {baseUri}: {Redact(e.Message)}", null, e));
        }

        using (response)
        {
            var parsed = Parse(response, text);
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

    private Response Parse(HttpResponseMessage response, string text)
    {
        JsonDocument? document = null;
        try
        {
            document = text.Length == 0 ? null : JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's error page, say. Reported below with the HTTP status.
        }

        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? Neo4jQueryException.UnexpectedResponse : Neo4jQueryException.UnexpectedResponse;
                var message = first.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                throw Failed(new Neo4jQueryException(code, Redact(message), response.StatusCode));
            }

            if (!response.IsSuccessStatusCode)
            {
                var what = response.StatusCode == HttpStatusCode.Unauthorized ? "the user name or password was refused" : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                throw Failed(new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, what, response.StatusCode));
            }

            var affinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            if (root is not { ValueKind: JsonValueKind.Object } body)
            {
                return new Response(new QueryResult([], [], []), null, null, affinity);
            }

            string[] fields = [];
            List<JsonElement[]> rows = [];
            if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                fields = data.TryGetProperty("fields", out var f) ? [.. f.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [];
                if (data.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array)
                {
                    rows = [.. v.EnumerateArray().Select(row => row.ValueKind == JsonValueKind.Array
                        ? row.EnumerateArray().Select(x => x.Clone()).ToArray()
                        : [row.Clone()])];
                }
            }

            string[] bookmarks = body.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
                ? [.. b.EnumerateArray().Select(x => x.GetString()!).Where(x => x is not null)]
                : [];
            string? id = null;
            DateTimeOffset? expires = null;
            if (body.TryGetProperty("transaction", out var transaction) && transaction.ValueKind == JsonValueKind.Object)
            {
                id = transaction.TryGetProperty("id", out var i) ? i.GetString() : null;
                expires = transaction.TryGetProperty("expires", out var e) && e.TryGetDateTimeOffset(out var at) ? at : null;
            }

            return new Response(new QueryResult(fields, rows, bookmarks), id, expires, affinity);
        }
    }

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

    private sealed record Response(QueryResult Result, string? TransactionId, DateTimeOffset? Expires, string? Affinity);
}

/// <summary>An explicit transaction: statements run in it see each other; nothing is visible to others until commit.</summary>
public sealed class QueryTransaction : IAsyncDisposable
{
    private readonly Neo4jQueryClient _client;
    private bool _finished;

    internal QueryTransaction(Neo4jQueryClient client, string id, string? affinity, DateTimeOffset? expires)
    {
        _client = client;
        Id = id;
        Affinity = affinity;
        Expires = expires;
    }

    public string Id { get; }

    /// <summary>The <c>neo4j-cluster-affinity</c> value: sent back so a cluster routes us to the member holding the transaction.</summary>
    public string? Affinity { get; }

    /// <summary>When the server rolls the transaction back unless it hears from us; each request extends it.</summary>
    public DateTimeOffset? Expires { get; internal set; }

    public Task<QueryResult> RunAsync(CypherQuery query, CancellationToken cancellationToken) =>
        _client.RunInTransactionAsync(this, query, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _client.CommitAsync(this, cancellationToken);
        _finished = true;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await _client.RollbackAsync(this, cancellationToken);
    }

    /// <summary>Rolls back a transaction that was neither committed nor rolled back; the server would expire it anyway.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            await _client.RollbackAsync(this, CancellationToken.None);
        }
        catch (Neo4jQueryException)
        {
            // Already gone (expired or unreachable): the server discards it on its own.
        }
    }
}
