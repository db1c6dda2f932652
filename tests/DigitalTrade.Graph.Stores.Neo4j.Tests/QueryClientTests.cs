using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>What we send to the Query API and how we read its answers, in the formats its documentation and source give.</summary>
public sealed class QueryClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly CypherQuery Probe = new(CypherStatements.ReadCurrent);

    [Fact]
    public async Task An_implicit_read_posts_statement_parameters_and_read_mode_to_the_database_endpoint()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Result(["key"], ["agreements/depa"]));
        var client = api.Client();

        var result = await client.RunAsync(
            new CypherQuery(CypherStatements.GetEntities, new Dictionary<string, object?> { ["keys"] = new[] { "agreements/depa" } }), AccessMode.Read, Token);

        var request = Assert.Single(api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/db/graph/query/v2", request.Path);
        Assert.Equal(CypherStatements.GetEntities, request.Statement);
        Assert.Equal("agreements/depa", request.Parameter("keys")![0]!.GetValue<string>());
        Assert.Equal("READ", request.Body!["accessMode"]!.GetValue<string>());
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:s3cret-Pa55")), request.Headers["Authorization"]);
        Assert.Equal("agreements/depa", Assert.Single(result.Rows).GetString("key"));
    }

    [Fact]
    public async Task Fields_values_nodes_relationships_and_bookmarks_are_read_from_the_documented_format()
    {
        // https://neo4j.com/docs/query-api/current/query (plain JSON results: data.fields, data.values, bookmarks).
        const string body = """
            {
              "data": {
                "fields": ["n", "r", "names", "count"],
                "values": [[
                  { "elementId": "4:ff04:0", "labels": ["Entity"], "properties": { "key": "agreements/depa", "nameZh": "数字经济伙伴关系协定" } },
                  { "elementId": "5:ff04:3", "startNodeElementId": "4:ff04:1", "endNodeElementId": "4:ff04:0", "type": "PARTY_TO", "properties": { "origin": "FrontMatter" } },
                  ["a", "b"],
                  42
                ]]
              },
              "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"]
            }
            """;
        var api = new FakeQueryApi(_ => FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse(body)!));

        var result = await api.Client().RunAsync(Probe, AccessMode.Read, Token);

        Assert.Equal(["n", "r", "names", "count"], result.Fields);
        Assert.Equal(["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"], result.Bookmarks);
        var row = Assert.Single(result.Rows);
        var node = QueryNode.Parse(row["n"]);
        Assert.Equal("4:ff04:0", node.ElementId);
        Assert.Equal(["Entity"], node.Labels);
        Assert.Equal("数字经济伙伴关系协定", node.Properties["nameZh"].GetString());
        var relationship = QueryRelationship.Parse(row["r"]);
        Assert.Equal(("4:ff04:1", "4:ff04:0", "PARTY_TO"), (relationship.StartNodeElementId, relationship.EndNodeElementId, relationship.Type));
        Assert.Equal("FrontMatter", relationship.Properties["origin"].GetString());
        Assert.Equal(["a", "b"], row.GetStrings("names"));
        Assert.Equal(42, row.GetInt32("count"));
    }

    [Fact]
    public async Task A_syntax_error_is_reported_with_its_code_and_not_retried()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.SyntaxError", "Invalid input 'RETRUN': expected …"));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client().RunAsync(new CypherQuery("RETRUN 1"), AccessMode.Read, Token));

        Assert.Equal(Neo4jQueryException.SyntaxError, error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.False(error.IsTransient);
        Assert.Contains("RETRUN", error.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)] // what servers up to 2025.10 send (Fixtures.Transient)
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_read_is_retried_after_a_transient_error_whatever_the_status_since_the_client_keys_on_the_code(HttpStatusCode status)
    {
        var calls = 0;
        var api = new FakeQueryApi(_ => ++calls switch
        {
            1 => Fixtures.Transient(status),
            2 => Fixtures.Transient(status, "Neo.TransientError.Transaction.DeadlockDetected"),
            _ => FakeQueryApi.Result(["version"], ["v1"]),
        });

        var result = await api.Client().RunAsync(Probe, AccessMode.Read, Token);

        Assert.Equal("v1", Assert.Single(result.Rows).GetString("version"));
        Assert.Equal(3, api.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_client_error_is_never_retried_whatever_the_status(HttpStatusCode status)
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Error(status, "Neo.ClientError.Statement.ParameterMissing", "Expected parameter(s): keys"));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client().RunAsync(Probe, AccessMode.Read, Token));

        Assert.False(error.IsTransient);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_bad_gateway_page_is_retried_and_a_read_gives_up_after_the_configured_retries()
    {
        var calls = 0;
        var flaky = new FakeQueryApi(_ => ++calls == 1
            ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }
            : FakeQueryApi.Result(["version"], ["v1"]));
        Assert.Single((await flaky.Client().RunAsync(Probe, AccessMode.Read, Token)).Rows);

        var down = new FakeQueryApi(_ => Fixtures.Transient(HttpStatusCode.BadRequest));
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => down.Client().RunAsync(Probe, AccessMode.Read, Token));
        Assert.True(error.IsTransient);
        Assert.Equal(1 + FakeQueryApi.TestOptions().ReadRetries, down.Requests.Count);
    }

    [Fact]
    public async Task A_write_is_never_retried_even_after_a_transient_error()
    {
        var api = new FakeQueryApi(_ => Fixtures.Transient(HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client().RunAsync(new CypherQuery(CypherStatements.CreateKindIndex), AccessMode.Write, Token));

        Assert.True(error.IsTransient);
        Assert.Single(api.Requests);
        Assert.Equal("WRITE", api.Requests[0].Body!["accessMode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_that_failed_for_good_reasons_is_not_retried()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.TransientError.Transaction.Terminated", "terminated by an administrator"));

        await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client().RunAsync(Probe, AccessMode.Read, Token));

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_unavailable_error_and_a_timeout_too()
    {
        var refused = new FakeQueryApi(_ => throw new HttpRequestException("Connection refused (neo4j.test:7474)"));
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => refused.Client().RunAsync(Probe, AccessMode.Read, Token));
        Assert.Equal(Neo4jQueryException.Unavailable, error.Code);
        Assert.Equal(4, refused.Requests.Count);

        var options = FakeQueryApi.TestOptions();
        options.RequestTimeout = TimeSpan.FromMilliseconds(50);
        options.ReadRetries = 0;
        var slow = new FakeQueryApi(_ => FakeQueryApi.Result(["version"], ["v1"])) { Delay = TimeSpan.FromSeconds(5) };
        var timeout = await Assert.ThrowsAsync<Neo4jQueryException>(() => slow.Client(options).RunAsync(Probe, AccessMode.Read, Token));
        Assert.Equal(Neo4jQueryException.Unavailable, timeout.Code);
        Assert.Contains("no answer", timeout.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NotQueryApiAnswers => new()
    {
        { "html 200 (a proxy, a wrong port)", "html" },
        { "empty 202", "empty" },
        { "JSON without data", "nodata" },
        { "a JSON array", "array" },
        { "data without values", "novalues" },
        { "a row longer than its fields", "ragged" },
    };

    [Theory]
    [MemberData(nameof(NotQueryApiAnswers))]
    public async Task A_success_status_that_is_not_a_Query_API_answer_is_an_unexpected_response_never_an_empty_result(string what, string kind)
    {
        _ = what;
        HttpResponseMessage Answer() => kind switch
        {
            "html" => Fixtures.HtmlPage(),
            "empty" => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent([]) },
            "nodata" => FakeQueryApi.Json(HttpStatusCode.OK, new JsonObject { ["status"] = "ok" }),
            "array" => FakeQueryApi.Json(HttpStatusCode.OK, new JsonArray(1, 2)),
            "novalues" => FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse("""{ "data": { "fields": ["key"] } }""")!),
            _ => FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse("""{ "data": { "fields": ["key"], "values": [["a", "b"]] } }""")!),
        };
        var options = FakeQueryApi.TestOptions();
        options.ReadRetries = 0;

        var read = await Assert.ThrowsAsync<Neo4jQueryException>(() => new FakeQueryApi(_ => Answer()).Client(options).RunAsync(Probe, AccessMode.Read, Token));
        var write = await Assert.ThrowsAsync<Neo4jQueryException>(() => new FakeQueryApi(_ => Answer()).Client(options).RunAsync(new CypherQuery(CypherStatements.CreateKindIndex), AccessMode.Write, Token));

        Assert.Equal(Neo4jQueryException.UnexpectedResponse, read.Code);
        Assert.Equal(Neo4jQueryException.UnexpectedResponse, write.Code);
        Assert.Contains("not a Query API answer", read.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_refused_whether_or_not_it_declares_its_length()
    {
        var options = FakeQueryApi.TestOptions();
        options.MaxResponseBytes = 1024;
        var rows = string.Join(",", Enumerable.Repeat("[\"x\"]", 400));
        var body = $$"""{ "data": { "fields": ["k"], "values": [{{rows}}] } }""";
        var declared = new FakeQueryApi(_ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        var streamed = new FakeQueryApi(_ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body))) });
        var small = new FakeQueryApi(_ => FakeQueryApi.Result(["k"], ["x"]));

        foreach (var api in new[] { declared, streamed })
        {
            var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client(options).RunAsync(Probe, AccessMode.Read, Token));
            Assert.Equal(Neo4jQueryException.UnexpectedResponse, error.Code);
            Assert.Contains("larger than Neo4j:MaxResponseBytes (1024 bytes)", error.Message, StringComparison.Ordinal);
            Assert.Single(api.Requests);
        }

        Assert.Single((await small.Client(options).RunAsync(Probe, AccessMode.Read, Token)).Rows);
    }

    [Fact]
    public async Task A_count_that_is_no_32_bit_integer_is_an_unexpected_response_not_a_crash()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse("""{ "data": { "fields": ["a", "b", "c"], "values": [[1e20, "7", null]] } }""")!));

        var row = Assert.Single((await api.Client().RunAsync(Probe, AccessMode.Read, Token)).Rows);

        Assert.Equal(Neo4jQueryException.UnexpectedResponse, Assert.Throws<Neo4jQueryException>(() => row.GetInt32("a")).Code);
        Assert.Equal(Neo4jQueryException.UnexpectedResponse, Assert.Throws<Neo4jQueryException>(() => row.GetInt32("b")).Code);
        Assert.Equal(0, row.GetInt32("c"));
    }

    [Fact]
    public async Task A_begin_or_commit_answered_by_an_html_page_fails_too()
    {
        var begin = new FakeQueryApi(_ => Fixtures.HtmlPage());
        Assert.Equal(Neo4jQueryException.UnexpectedResponse, (await Assert.ThrowsAsync<Neo4jQueryException>(() => begin.Client().BeginAsync(Token))).Code);

        var commit = new FakeQueryApi(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Fixtures.Begun("t9") : Fixtures.HtmlPage());
        await using var transaction = await commit.Client().BeginAsync(Token);
        Assert.Equal(Neo4jQueryException.UnexpectedResponse, (await Assert.ThrowsAsync<Neo4jQueryException>(() => transaction.CommitAsync(Token))).Code);
    }

    [Fact]
    public async Task The_password_is_in_no_error_and_no_log_line()
    {
        var options = FakeQueryApi.TestOptions();
        var logger = new ListLogger<Neo4jQueryClient>();
        var api = new FakeQueryApi(r => r.Statement == "1"
            ? FakeQueryApi.Error(HttpStatusCode.Unauthorized, "Neo.ClientError.Security.Unauthorized", $"Invalid credentials for reader/{options.Password}")
            : throw new HttpRequestException($"proxy refused http://reader:{options.Password}@neo4j.test"));

        var unauthorized = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client(options, logger).RunAsync(new CypherQuery("1"), AccessMode.Write, Token));
        var unreachable = await Assert.ThrowsAsync<Neo4jQueryException>(() => api.Client(options, logger).RunAsync(new CypherQuery("2"), AccessMode.Write, Token));

        Assert.Equal("Neo.ClientError.Security.Unauthorized", unauthorized.Code);
        Assert.DoesNotContain(options.Password!, unauthorized.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Password!, unreachable.Message, StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(options.Password!, line, StringComparison.Ordinal));
        Assert.DoesNotContain(options.Password!, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_transaction_opens_runs_and_commits_with_the_cluster_affinity_the_server_gave()
    {
        var api = new FakeQueryApi(r => r.Path switch
        {
            "/db/graph/query/v2/tx" => FakeQueryApi.Json(
                HttpStatusCode.Accepted,
                JsonNode.Parse("""{ "transaction": { "id": "lyU", "expires": "2024-10-22T15:48:29Z" } }""")!,
                (Neo4jQueryClient.AffinityHeader, "MTAuOC41Ljc6MTc0NzQ=")),
            "/db/graph/query/v2/tx/lyU/commit" => Fixtures.Committed("FB:after-commit"),
            _ => FakeQueryApi.Json(
                HttpStatusCode.Accepted,
                JsonNode.Parse("""{ "data": { "fields": ["n"], "values": [[1]] }, "transaction": { "id": "lyU", "expires": "2024-10-22T15:49:00Z" } }""")!),
        });
        var client = api.Client();

        await using (var transaction = await client.BeginAsync(Token))
        {
            Assert.Equal("lyU", transaction.Id);
            Assert.Equal(DateTimeOffset.Parse("2024-10-22T15:48:29Z", System.Globalization.CultureInfo.InvariantCulture), transaction.Expires);
            var result = await transaction.RunAsync(new CypherQuery(CypherStatements.CreateTextIndex), Token);
            Assert.Equal(1, Assert.Single(result.Rows).GetInt32("n"));
            Assert.Equal(DateTimeOffset.Parse("2024-10-22T15:49:00Z", System.Globalization.CultureInfo.InvariantCulture), transaction.Expires);
            await transaction.CommitAsync(Token);
        }

        Assert.Equal(["/db/graph/query/v2/tx", "/db/graph/query/v2/tx/lyU", "/db/graph/query/v2/tx/lyU/commit"], api.Requests.Select(r => r.Path));
        Assert.False(api.Requests[0].Headers.ContainsKey(Neo4jQueryClient.AffinityHeader));
        Assert.All(api.Requests.Skip(1), r => Assert.Equal("MTAuOC41Ljc6MTc0NzQ=", r.Headers[Neo4jQueryClient.AffinityHeader]));
        Assert.Null(api.Requests[1].Body!["accessMode"]);

        // The commit's bookmarks go with the next read, so it sees the write on any cluster member.
        Assert.Equal(["FB:after-commit"], client.Bookmarks);
        await client.RunAsync(Probe, AccessMode.Read, Token);
        Assert.Equal("FB:after-commit", api.Requests[^1].Body!["bookmarks"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_transaction_is_recognised_by_the_Query_APIs_404_and_Request_Invalid()
    {
        var api = new FakeQueryApi(r => (r.Method.Method, r.Path) switch
        {
            ("POST", "/db/graph/query/v2/tx") => Fixtures.Begun("t1"),
            _ => Fixtures.TransactionNotFound("t1"),
        });

        await using (var transaction = await api.Client().BeginAsync(Token))
        {
            var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => transaction.RunAsync(new CypherQuery(CypherStatements.CreateTextIndex), Token));
            Assert.True(error.IsTransactionExpired);
            Assert.False(error.IsTransient);
            Assert.Equal((Neo4jQueryException.RequestInvalid, HttpStatusCode.NotFound), (error.Code, error.Status));
            Assert.Contains("was not found", error.Message, StringComparison.Ordinal);
        }

        // Disposing rolls back with DELETE; the 404 it gets is swallowed (the transaction is gone either way).
        Assert.Equal(HttpMethod.Delete, api.Requests[^1].Method);
        Assert.Equal("/db/graph/query/v2/tx/t1", api.Requests[^1].Path);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public void Request_Invalid_that_is_not_a_404_is_a_bad_request_not_an_expiry()
    {
        var invalid = new Neo4jQueryException(Neo4jQueryException.RequestInvalid, "Bad request body", HttpStatusCode.BadRequest);
        var legacy = new Neo4jQueryException("Neo.ClientError.Transaction.TransactionNotFound", "legacy API", HttpStatusCode.NotFound);

        Assert.False(invalid.IsTransactionExpired);
        Assert.False(legacy.IsTransactionExpired);
        Assert.True(new Neo4jQueryException("Neo.ClientError.Transaction.TransactionTimedOut", "timed out").IsTransactionExpired);
    }

    [Fact]
    public async Task A_rollback_answered_with_200_and_no_body_or_a_bookmarks_body_succeeds()
    {
        foreach (var answer in new Func<HttpResponseMessage>[] { Fixtures.RolledBack, Fixtures.RolledBackWithBody })
        {
            var api = new FakeQueryApi(r => r.Method == HttpMethod.Delete ? answer() : Fixtures.Begun("t2"));
            var transaction = await api.Client().BeginAsync(Token);

            await transaction.RollbackAsync(Token);

            Assert.Equal((HttpMethod.Delete, "/db/graph/query/v2/tx/t2"), (api.Requests[^1].Method, api.Requests[^1].Path));
        }
    }

    [Fact]
    public async Task A_rollback_answered_by_an_html_page_is_not_a_rollback()
    {
        var api = new FakeQueryApi(r => r.Method == HttpMethod.Delete ? Fixtures.HtmlPage() : Fixtures.Begun("t3"));
        var transaction = await api.Client().BeginAsync(Token);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => transaction.RollbackAsync(Token));

        Assert.Equal(Neo4jQueryException.UnexpectedResponse, error.Code);
    }

    [Fact]
    public async Task Parameters_travel_as_json_values_never_inside_the_statement()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Result(["key", "doc"]));
        const string hostile = "x'}) DETACH DELETE n //";

        await api.Client().RunAsync(new CypherQuery(CypherStatements.GetEntities, new Dictionary<string, object?> { ["keys"] = new[] { hostile } }), AccessMode.Read, Token);

        var request = Assert.Single(api.Requests);
        Assert.Equal(CypherStatements.GetEntities, request.Statement);
        Assert.Equal(hostile, request.Parameter("keys")![0]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Array, JsonSerializer.SerializeToElement(request.Parameter("keys")).ValueKind);
    }

    [Fact]
    public async Task Bookmarks_given_with_a_read_travel_with_it_beside_the_clients_own()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Result(["n"], [1]));

        await api.Client().RunAsync(Probe, AccessMode.Read, ["FB:seed-of-another-process"], Token);

        Assert.Equal(["FB:seed-of-another-process"], api.Requests[^1].Body!["bookmarks"]!.AsArray().Select(b => b!.GetValue<string>()));
    }

    /// <summary>A body whose length is not known up front (as with chunked transfer).</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
