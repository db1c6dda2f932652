using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Options;
using SchemaDefinitions = DigitalTrade.Graph.Stores.Neo4j.Schema.SchemaDefinitions;
using SchemaObjectKind = DigitalTrade.Graph.Stores.Neo4j.Schema.SchemaObjectKind;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>
/// A stateful stand-in for a Neo4j server behind the Query API: it keeps nodes, relationships, generations, the
/// pointer and the schema in memory and carries out each of our statements (recognised by identity, as the store
/// sends them from <see cref="CypherStatements"/>) the way the Cypher says. It proves what the client and the
/// store do with a server that behaves as documented; whether the Cypher itself does that on a real server only a
/// real server can show (the contract suite with NEO4J_URI). Wire behaviour follows <see cref="Fixtures"/>.
/// </summary>
public sealed partial class FakeNeo4j : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Func<JsonObject, IEnumerable<object?[]>>> _statements;
    private readonly Dictionary<string, string[]> _fields;
    private readonly Dictionary<string, List<(string Statement, JsonObject Parameters)>> _transactions = new(StringComparer.Ordinal);
    private int _bookmark;
    private int _transactionIds;

    public FakeNeo4j()
    {
        _statements = new(StringComparer.Ordinal);
        _fields = new(StringComparer.Ordinal);
        Define();
    }

    public List<RecordedRequest> Requests { get; } = [];

    public List<Node> Nodes { get; } = [];

    public List<Relationship> Relationships { get; } = [];

    public Dictionary<string, JsonObject> Generations { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>:GraphVersion {id: 'current'}</c> node's properties, once a seed (or an older release) wrote it.</summary>
    public JsonObject? Current { get; set; }

    public List<SchemaEntry> Schema { get; } = [];

    /// <summary>The server's clock, for <c>datetime()</c>.</summary>
    public DateTimeOffset Now { get; set; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public JsonObject Discovery { get; set; } = Fixtures.Discovery("5.26.0");

    /// <summary>Answers a request before the fake does (to fail one, say); null lets the fake answer.</summary>
    public Func<RecordedRequest, HttpResponseMessage?>? Intercept { get; set; }

    public string LastBookmark => $"FB:fake-{_bookmark}";

    public IEnumerable<Node> NodesOf(string? generation) => Nodes.Where(n => n.Graph == generation);

    public Neo4jQueryClient Client(Neo4jOptions? options = null) =>
        new(new HttpClient(this), Options.Create(options ?? FakeQueryApi.TestOptions()), new ListLogger<Neo4jQueryClient>(), TimeProvider.System);

    /// <summary>The requests that ran the given statement.</summary>
    public List<RecordedRequest> Sent(string statement)
    {
        lock (Requests)
        {
            return [.. Requests.Where(r => r.Statement == statement)];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!.AbsolutePath, headers, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (Intercept?.Invoke(recorded) is { } intercepted)
        {
            return intercepted;
        }

        lock (_lock)
        {
            return Answer(recorded);
        }
    }

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        const string Query = "/db/graph/query/v2";
        var path = request.Path;
        if (request.Method == HttpMethod.Get && path == "/")
        {
            return FakeQueryApi.Json(HttpStatusCode.OK, Discovery);
        }

        if (!path.StartsWith(Query, StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var rest = path[Query.Length..];
        var parameters = request.Body?["parameters"] as JsonObject ?? [];
        if (rest.Length == 0)
        {
            var write = request.Body?["accessMode"]?.GetValue<string>() != "READ";
            return Run(request.Statement!, parameters, write);
        }

        if (rest == "/tx")
        {
            var id = $"tx{++_transactionIds}";
            _transactions[id] = [];
            return Fixtures.Begun(id, "affinity-1");
        }

        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var txId = parts[1];
        if (!_transactions.TryGetValue(txId, out var pending))
        {
            return Fixtures.TransactionNotFound(txId);
        }

        if (request.Method == HttpMethod.Delete)
        {
            _transactions.Remove(txId);
            return Fixtures.RolledBack();
        }

        if (parts.Length == 3 && parts[2] == "commit")
        {
            _transactions.Remove(txId);
            foreach (var (statement, values) in pending)
            {
                Execute(statement, values);
            }

            return Fixtures.Committed($"FB:fake-{++_bookmark}");
        }

        pending.Add((request.Statement!, parameters));
        return Result([], []);
    }

    private HttpResponseMessage Run(string statement, JsonObject parameters, bool write)
    {
        try
        {
            var (fields, rows) = Execute(statement, parameters);
            if (write)
            {
                _bookmark++;
            }

            return Result(fields, rows);
        }
        catch (KeyNotFoundException)
        {
            return FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.SyntaxError", "the fake does not know this statement");
        }
    }

    private (string[] Fields, object?[][] Rows) Execute(string statement, JsonObject parameters) =>
        (_fields[statement], [.. _statements[statement](parameters)]);

    private HttpResponseMessage Result(string[] fields, object?[][] rows)
    {
        var response = FakeQueryApi.Result(fields, rows);
        var body = JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!;
        body["bookmarks"] = new JsonArray(LastBookmark);
        return FakeQueryApi.Json(HttpStatusCode.Accepted, body);
    }

    private void On(string statement, string[] fields, Func<JsonObject, IEnumerable<object?[]>> run)
    {
        _statements[statement] = run;
        _fields[statement] = fields;
    }

    /// <summary>The state a newly created index starts in (POPULATING to test the wait).</summary>
    public string NewIndexState { get; set; } = "ONLINE";

    public sealed record Node(string? Graph, string Key, Dictionary<string, JsonNode?> Properties);

    public sealed record Relationship(string Type, Node From, Node To, JsonObject Properties);

    public sealed record SchemaEntry(string Name, bool IsConstraint, string Type, string Label, string[] Properties, string? Analyzer = null, bool EventuallyConsistent = false, string State = "ONLINE")
    {
        public string State { get; set; } = State;
    }
}
