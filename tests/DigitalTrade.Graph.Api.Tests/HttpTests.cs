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

    [Fact]
    public async Task Legacy_json_clients_get_200_even_for_invalid_documents()
    {
        var (status, type, body) = await SendAsync(HttpMethod.Post, "/graphql", json: "{\"query\":\"{ nope }\"}", accept: "application/json");

        Assert.Equal((200, "application/json"), (status, type));
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Contains("nope", (string?)error["message"], StringComparison.Ordinal);
        Assert.NotNull(error["locations"]);
        Assert.Null(body["data"]);
    }

    [Theory]
    [InlineData("{ entity(key: \"agreements/depa\") { key ", "SYNTAX_ERROR")]
    [InlineData("{ nope }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("query($k: String!) { entity(key: $k) { key } }", "INVALID_VALUE")]
    public async Task Documents_that_cannot_execute_are_400_with_spec_errors(string query, string code)
    {
        var (status, body) = await api.PostAsync(query);

        Assert.Equal(400, status);
        Assert.Null(body["data"]);
        var error = body["errors"]!.AsArray()[0]!;
        Assert.StartsWith(code, (string?)error["extensions"]!["code"], StringComparison.Ordinal);
        Assert.NotNull(error["message"]);
    }

    [Theory]
    [InlineData("{\"query\": ", 400)]
    [InlineData("[{\"query\": \"{ snapshot { version } }\"}]", 400)]
    [InlineData("{\"query\": 42}", 400)]
    [InlineData("{\"query\": \"{ snapshot { version } }\", \"variables\": [1]}", 400)]
    [InlineData("{\"operationName\": \"x\"}", 400)]
    public async Task Malformed_bodies_are_400_with_an_error_body(string json, int expected)
    {
        var (status, type, body) = await SendAsync(HttpMethod.Post, "/graphql", json: json, accept: GraphQLResponse);

        Assert.Equal((expected, GraphQLResponse), (status, type));
        Assert.Equal("BAD_REQUEST", (string?)body["errors"]![0]!["extensions"]!["code"]);
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
}
