using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>Abuse controls and safe errors: rate limits, CORS, introspection and suggestions, trusted documents, request ids, metrics, timeouts.</summary>
public sealed class ProtectionTests
{
    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_Retry_After()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string>
        {
            ["RateLimit:Enabled"] = "true",
            ["RateLimit:PermitsPerSecond"] = "1",
            ["RateLimit:Burst"] = "3",
        });
        using var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsync("/graphql", Json("{\"query\":\"{ corpus { version } }\"}"), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
                break;
            }
        }

        Assert.NotNull(limited);
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var body = JsonNode.Parse(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("RATE_LIMITED", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Cors_allows_configured_origins_only()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = "https://explorer.example" });
        using var client = api.CreateClient();

        async Task<string?> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("https://explorer.example", await Preflight("https://explorer.example"));
        Assert.Null(await Preflight("https://evil.example"));
    }

    [Fact]
    public async Task Introspection_and_suggestions_can_be_switched_off()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string>
        {
            ["GraphQL:Introspection"] = "false",
            ["GraphQL:FieldSuggestions"] = "false",
        });

        var (status, body) = await api.PostAsync("{ __schema { types { name } } }");
        var (_, typename) = await api.PostAsync("{ __typename }");
        var (_, typo) = await api.PostAsync("{ entiti(key: \"x\") { key } }");

        Assert.Equal(422, status);
        Assert.Equal("INTROSPECTION_DISABLED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal("Query", (string?)typename["data"]!["__typename"]);
        Assert.DoesNotContain("Did you mean", typo.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_are_on_by_default()
    {
        await using var api = new GraphApiFactory();

        var (_, typo) = await api.PostAsync("{ entiti(key: \"x\") { key } }");

        Assert.Contains("Did you mean", typo.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_documents_mode_accepts_only_known_documents_by_id()
    {
        var file = Path.Combine(Path.GetTempPath(), "dtg-trusted-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, "{\"corpus-version\": \"{ corpus { version } }\"}", TestContext.Current.CancellationToken);
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string>
        {
            ["GraphQL:TrustedDocumentsPath"] = file,
            ["GraphQL:RequireTrustedDocuments"] = "true",
        });
        using var client = api.CreateClient();

        async Task<(HttpStatusCode, JsonNode)> Send(string json)
        {
            using var response = await client.PostAsync("/graphql", Json(json), TestContext.Current.CancellationToken);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
        }

        var (knownStatus, known) = await Send("{\"documentId\":\"corpus-version\"}");
        var (adHocStatus, adHoc) = await Send("{\"query\":\"{ corpus { version } }\"}");
        var (unknownStatus, unknown) = await Send("{\"documentId\":\"nope\"}");
        File.Delete(file);

        Assert.Equal(HttpStatusCode.OK, knownStatus);
        Assert.NotNull(known["data"]!["corpus"]!["version"]);
        Assert.Equal((HttpStatusCode.BadRequest, "TRUSTED_DOCUMENT_REQUIRED"), (adHocStatus, (string?)adHoc["errors"]![0]!["extensions"]!["code"]));
        Assert.Equal((HttpStatusCode.BadRequest, "TRUSTED_DOCUMENT_NOT_FOUND"), (unknownStatus, (string?)unknown["errors"]![0]!["extensions"]!["code"]));
    }

    [Fact]
    public async Task Every_error_carries_the_request_id_of_its_response()
    {
        await using var api = new GraphApiFactory();
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/graphql", Json("{\"query\":\"{ entities(first: 1000) { totalCount } }\"}"), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(requestId, (string?)body["errors"]![0]!["extensions"]!["requestId"]);
        Assert.DoesNotContain("Exception", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_exposed_for_Prometheus()
    {
        await using var api = new GraphApiFactory();
        using var client = api.CreateClient();
        await api.QueryAsync("{ corpus { version } }");
        await api.PostAsync("{ nope }");

        string metrics = string.Empty;
        for (var attempt = 0; attempt < 50 && !metrics.Contains("graphql_errors", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        }

        Assert.Contains("graphql_requests", metrics, StringComparison.Ordinal);
        Assert.Contains("graphql_request_duration", metrics, StringComparison.Ordinal);
        Assert.Contains("graphql_errors", metrics, StringComparison.Ordinal);
        Assert.Contains("graph_store_calls", metrics, StringComparison.Ordinal);
        Assert.Contains("graph_corpus_reloads", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_past_the_execution_timeout_is_cancelled_with_a_timeout_error()
    {
        await using var api = new GraphApiFactory(new ShippedCorpusFactory().CorpusPath, settings: new Dictionary<string, string> { ["GraphQL:ExecutionTimeout"] = "00:00:00.001" });

        var (status, body) = await api.PostAsync("""
            {
              n: neighborhood(key: "economies/china", depth: 3, limit: 500) { nodes { key } edges { from to } }
              p: paths(from: "bases/xiamen-software-park", to: "agreements/cptpp", maxHops: 6, first: 20) { length }
              s: search(query: "数据 跨境 电子商务 海南 DEPA data trade", first: 100) { edges { node { key } highlights { snippet } } }
            }
            """);

        Assert.True(status == 504, body.ToJsonString());
        Assert.Equal("TIMEOUT", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.DoesNotContain("Exception", body.ToJsonString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
