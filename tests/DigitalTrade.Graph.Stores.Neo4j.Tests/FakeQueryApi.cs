using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Stores.Neo4j;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>A request as the fake server received it.</summary>
public sealed record RecordedRequest(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    public string? Statement => Body?["statement"]?.GetValue<string>();

    public JsonNode? Parameter(string name) => Body?["parameters"]?[name];
}

/// <summary>
/// Stands in for Neo4j's Query API: records every request and answers with what the test scripted, in
/// the response formats of the Query API documentation.
/// </summary>
public sealed class FakeQueryApi : HttpMessageHandler
{
    private readonly Func<RecordedRequest, HttpResponseMessage> _answer;

    public FakeQueryApi(Func<RecordedRequest, HttpResponseMessage> answer) => _answer = answer;

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>How long the fake takes to answer (it gives up when the client cancels, as a server's socket would).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>What <c>GET /</c> answers unless the script answers it: a supported server (5.26, Query API on).</summary>
    public JsonObject Discovery { get; init; } = Fixtures.Discovery("5.26.0");

    public static HttpResponseMessage Result(string[] fields, params object?[][] rows) =>
        Json(HttpStatusCode.Accepted, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode?)JsonValue.Create(f))]),
                ["values"] = new JsonArray([.. rows.Select(r => (JsonNode?)new JsonArray([.. r.Select(ToNode)]))]),
            },
            ["bookmarks"] = new JsonArray("FB:kcwQ/read"),
        });

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) });

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        IEnumerable<string> list => new JsonArray([.. list.Select(x => (JsonNode?)JsonValue.Create(x))]),
        _ => throw new ArgumentException($"Unsupported value {value}"),
    };

    public Neo4jQueryClient Client(Neo4jOptions? options = null, ILogger<Neo4jQueryClient>? logger = null) =>
        new(new HttpClient(this), Options.Create(options ?? TestOptions()), logger ?? new ListLogger<Neo4jQueryClient>(), TimeProvider.System);

    /// <summary>The statements sent to the database endpoint (not the discovery request).</summary>
    public List<RecordedRequest> Queries
    {
        get
        {
            lock (Requests)
            {
                return [.. Requests.Where(r => r.Path != "/")];
            }
        }
    }

    public static Neo4jOptions TestOptions() => new()
    {
        Uri = new Uri("http://neo4j.test:7474"),
        Database = "graph",
        User = "reader",
        Password = "s3cret-Pa55",
        RetryDelay = TimeSpan.FromMilliseconds(1),
        ReadRetries = 3,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!.AbsolutePath, headers, text is null ? null : JsonNode.Parse(text));
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return recorded.Method == HttpMethod.Get && recorded.Path == "/" ? Json(HttpStatusCode.OK, Discovery) : _answer(recorded);
    }
}

/// <summary>Keeps what was logged, to check what a log line may hold.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            Lines.Add($"{logLevel}: {formatter(state, exception)} {exception?.Message}");
        }
    }
}
