using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>GraphQL over HTTP as the spec describes it: methods, media types, status codes, error bodies.</summary>
public sealed class HttpTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task Get_serves_queries_with_variables()
    {
        var (status, type, body) = await SendAsync(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query($k: String!) { entity(key: $k) { key } }") + "&variables=" + Uri.EscapeDataString("{\"k\":\"agreements/rcep\"}"),
            accept: GraphQLResponse);

        Assert.Equal((200, GraphQLResponse), (status, type));
        Assert.Equal("agreements/rcep", (string?)body["data"]!["entity"]!["key"]);
    }

    [Fact]
    public async Task Get_refuses_mutations_with_405()
    {
        var (status, _, body) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { entity }"), accept: GraphQLResponse);

        Assert.Equal(405, status);
        Assert.NotNull(body["errors"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData(null)]
    public async Task Legacy_clients_get_application_json_for_answers_that_executed(string? accept)
    {
        var (status, type, body) = await SendAsync(HttpMethod.Post, "/graphql", json: "{\"query\":\"{ corpus { version } }\"}", accept: accept);

        Assert.Equal((200, "application/json"), (status, type));
        Assert.NotNull(body["data"]!["corpus"]!["version"]);
    }

    /// <summary>
    /// GraphQL over HTTP (2026): a legacy client gets the same status codes as any other, and
    /// <c>application/json</c> only on 2xx; an answer that never executed declares itself a GraphQL response.
    /// </summary>
    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData(null)]
    [InlineData(GraphQLResponse)]
    public async Task Invalid_documents_and_limits_are_422_for_every_client(string? accept)
    {
        var (invalid, invalidType, invalidBody) = await SendAsync(HttpMethod.Post, "/graphql", json: "{\"query\":\"{ nope }\"}", accept: accept);
        var (limited, _, limitedBody) = await SendAsync(HttpMethod.Post, "/graphql", json: "{\"query\":\"{ entities(first: 1000) { totalCount } }\"}", accept: accept);

        Assert.Equal((422, GraphQLResponse), (invalid, invalidType));
        var error = Assert.Single(invalidBody["errors"]!.AsArray())!;
        Assert.Contains("nope", (string?)error["message"], StringComparison.Ordinal);
        Assert.NotNull(error["locations"]);
        Assert.False(invalidBody.AsObject().ContainsKey("data"));
        Assert.Equal((422, "LIMIT_EXCEEDED"), (limited, (string?)limitedBody["errors"]![0]!["extensions"]!["code"]));
    }

    [Theory]
    [InlineData("mutation { entity }")]
    [InlineData("subscription { corpus { version } }")]
    public async Task Operations_the_schema_does_not_support_fail_validation_not_execution(string query)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.Equal(422, status);
        Assert.Contains(body["errors"]!.AsArray(), e => (string?)e!["extensions"]!["code"] == "UNSUPPORTED_OPERATION");
        Assert.False(body.AsObject().ContainsKey("data"));
    }

    [Theory]
    [InlineData("{ entity(key: \"agreements/depa\") { key ", 400, "SYNTAX_ERROR")]
    [InlineData("{ nope }", 422, "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("query($k: String!) { entity(key: $k) { key } }", 422, "INVALID_VALUE")]
    public async Task Documents_that_cannot_execute_are_4xx_with_spec_errors(string query, int expected, string code)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.Equal(expected, status);
        Assert.Null(body["data"]);
        var error = body["errors"]!.AsArray()[0]!;
        Assert.StartsWith(code, (string?)error["extensions"]!["code"], StringComparison.Ordinal);
        Assert.NotNull(error["message"]);
    }

    [Theory]
    [InlineData("{\"query\": ", 400)]
    [InlineData("NONSENSE", 400)]
    [InlineData("[{\"query\": \"{ snapshot { version } }\"}]", 422)]
    [InlineData("{\"query\": 42}", 422)]
    [InlineData("{\"query\": \"{ snapshot { version } }\", \"variables\": [1]}", 422)]
    [InlineData("{\"operationName\": \"x\"}", 422)]
    [InlineData("{\"qeury\": \"{ __typename }\"}", 422)]
    public async Task Bodies_that_are_not_json_are_400_and_not_graphql_requests_422(string json, int expected)
    {
        var (status, type, body) = await SendAsync(HttpMethod.Post, "/graphql", json: json, accept: GraphQLResponse);

        Assert.Equal((expected, GraphQLResponse), (status, type));
        Assert.Equal("BAD_REQUEST", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    public static TheoryData<byte[]> BrokenText => new()
    {
        Bytes("{\"query\":\"{ corpus { version } }\",\"operationName\":\"\\ud800\"}"),
        Bytes("{\"query\":\"{ corpus { version } }\",\"variables\":{\"k\":\"\\udc00x\"}}"),
        Bytes("{\"query\":\"{ __typename \\ud83d }\"}"),
        Bytes("{\"query\":\"{ corpus { version ", 0xff, 0xfe, " } }\"}"),
        Bytes("{\"query\":\"{ __typename }\",\"operationName\":\"", 0xc3, "\"}"),
        Bytes("{\"query\":\"{ __typename }\",\"operationName\":\"", 0xed, 0xa0, 0x80, "\"}"),
    };

    [Theory]
    [MemberData(nameof(BrokenText))]
    public async Task Lone_surrogates_and_invalid_utf8_are_400_not_500(byte[] body)
    {
        using var client = api.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_REQUEST", (string?)answer["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var (status, _, body) = await SendAsync(HttpMethod.Post, "/graphql", text: "{ snapshot { version } }", contentType: "text/plain", accept: GraphQLResponse);

        Assert.Equal(415, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        using var client = api.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Unacceptable_media_types_are_406()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/graphql", json: "{\"query\":\"{ snapshot { version } }\"}", accept: "text/html");

        Assert.Equal(406, status);
    }

    [Fact]
    public async Task Chinese_text_is_sent_as_utf8_characters_not_escapes()
    {
        using var client = api.CreateClient();
        using var content = new StringContent("{\"query\":\"{ entity(key: \\\"agreements/depa\\\") { name { zh } } }\"}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("\"数字经济伙伴关系协定\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_report_the_snapshot()
    {
        using var client = api.CreateClient();

        Assert.Equal("alive", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((bool)body["ready"]!);
    }

    private async Task<(int Status, string? MediaType, JsonNode Body)> SendAsync(
        HttpMethod method, string url, string? json = null, string? text = null, string contentType = "application/json", string? accept = null)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        if (json is not null || text is not null)
        {
            request.Content = new StringContent(json ?? text!, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(body)!);
    }

    /// <summary>Text and raw bytes, as a request body.</summary>
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string text ? Encoding.UTF8.GetBytes(text) : [Convert.ToByte(p, System.Globalization.CultureInfo.InvariantCulture)])];
}
