using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Each request limit: a request just under it passes, just over it is refused with 422 (limits are
/// validation rules), the limit, the value at which the analysis stopped (the first count past the
/// maximum) and the maximum.
/// </summary>
public sealed class LimitTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Tight = new()
    {
        ["GraphQL:MaxDocumentLength"] = "400",
        ["GraphQL:MaxTokens"] = "60",
        ["GraphQL:MaxDepth"] = "4",
        ["GraphQL:MaxAliases"] = "2",
        ["GraphQL:MaxDirectives"] = "2",
        ["GraphQL:MaxRootFields"] = "3",
        ["GraphQL:MaxCost"] = "60",
        ["GraphQL:MaxPageSize"] = "25",
        ["GraphQL:MaxBodyBytes"] = "1000",
        ["GraphQL:MaxListArgumentLength"] = "3",
        ["GraphQL:MaxIntrospectionDepth"] = "3",
    };

    private GraphApiFactory _api = null!;

    public static TheoryData<string, string, string, long, long> Cases => new()
    {
        // limit, under, over, the value reported, the maximum
        { "document length", "{ corpus { version } }", "{ corpus { version } }" + new string(' ', 400), 422, 400 },
        { "token count", "{ a: corpus { version } }", "{ " + string.Concat(Enumerable.Repeat("x ", 60)) + "}", 61, 60 },
        { "depth", "{ entity(key: \"cities/hangzhou\") { relations { edges { type } } } }", "{ entity(key: \"cities/hangzhou\") { relations { edges { node { key } } } } }", 5, 4 },
        { "alias", "{ a: corpus { version } b: corpus { version } }", "{ a: corpus { version } b: corpus { version } c: corpus { version } }", 3, 2 },
        { "directive", "{ corpus @include(if: true) { version @skip(if: false) } }", "{ corpus @include(if: true) { version @skip(if: false) entityCount @skip(if: false) } }", 3, 2 },
        { "root field", "{ corpus { version } indicator(key: \"indicators/table-06\") { key } entity(key: \"agreements/depa\") { key } }", "{ corpus { version } indicator(key: \"indicators/table-06\") { key } entity(key: \"agreements/depa\") { key } node(id: \"x\") { id } }", 4, 3 },
        { "cost", "{ entities(first: 14) { nodes { key name { zh en } } } }", "{ entities(first: 10) { nodes { key name { zh en } relations(first: 5) { totalCount } } } }", 61, 60 },
        { "list argument length", "{ nodes(ids: [\"QWdyZWVtZW50OmFncmVlbWVudHMvZGVwYQ\", \"QWdyZWVtZW50OmFncmVlbWVudHMvcmNlcA\", \"QWdyZWVtZW50OmFncmVlbWVudHMvY3B0cHA\"]) { id } }", "{ nodes(ids: [\"QWdyZWVtZW50OmFncmVlbWVudHMvZGVwYQ\", \"QWdyZWVtZW50OmFncmVlbWVudHMvcmNlcA\", \"QWdyZWVtZW50OmFncmVlbWVudHMvY3B0cHA\", \"QWdyZWVtZW50OmFncmVlbWVudHMveA\"]) { id } }", 4, 3 },
        { "list argument length", "{ entities(kinds: [CASE, CITY, ZONE]) { totalCount } }", "{ entities(filter: { status: [\"a\", \"b\", \"c\", \"d\"] }) { totalCount } }", 4, 3 },
        { "introspection depth", "{ __type(name: \"Entity\") { ofType { ofType { ofType { name } } } } }", "{ __type(name: \"Entity\") { ofType { ofType { ofType { ofType { name } } } } } }", 4, 3 },
    };

    public ValueTask InitializeAsync()
    {
        _api = new GraphApiFactory(ApiCorpus.Write(), settings: Tight);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_request_just_under_passes_and_just_over_is_refused(string limit, string under, string over, long value, long maximum)
    {
        var (okStatus, ok) = await _api.PostAsync(under);
        var (status, body) = await _api.PostAsync(over);

        Assert.True(okStatus == 200 && ok["errors"] is null, $"{limit}: {ok.ToJsonString()}");
        Assert.Equal(422, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(("LIMIT_EXCEEDED", limit, value, maximum), ((string?)error["extensions"]!["code"], (string?)error["extensions"]!["limit"], (long)error["extensions"]!["value"]!, (long)error["extensions"]!["maximum"]!));
        Assert.Contains(limit, (string?)error["message"], StringComparison.Ordinal);
        Assert.Null(body["data"]);
    }

    /// <summary>Issue 11: 12 KB of directives on variable definitions answered 450 KB of validation errors; now they count.</summary>
    [Fact]
    public async Task Directives_on_variable_definitions_count_against_the_directive_limit()
    {
        var (status, body) = await _api.PostAsync("query($a: Int @skip(if: true) @skip(if: true), $b: Int @skip(if: true)) { corpus { version } }");

        Assert.Equal(422, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(("directive", 3L), ((string?)error["extensions"]!["limit"], (long)error["extensions"]!["value"]!));
    }

    [Fact]
    public async Task Legacy_json_clients_get_the_same_422_for_a_limit()
    {
        var (status, _) = await _api.PostAsync("{ a: corpus { version } b: corpus { version } c: corpus { version } }", accept: "application/json");

        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Page_sizes_are_capped_by_configuration()
    {
        var (_, under) = await _api.PostAsync("{ entities(first: 25) { totalCount } }");
        var (status, over) = await _api.PostAsync("{ entities(first: 26) { totalCount } }");

        Assert.Null(under["errors"]);
        Assert.Equal(422, status);
        Assert.Equal(("LIMIT_EXCEEDED", "page size", 26L, 25L), ((string?)over["errors"]![0]!["extensions"]!["code"], (string?)over["errors"]![0]!["extensions"]!["limit"], (long)over["errors"]![0]!["extensions"]!["value"]!, (long)over["errors"]![0]!["extensions"]!["maximum"]!));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        using var client = _api.CreateClient();
        var big = "{\"query\":\"{ corpus { version } }\",\"variables\":{\"pad\":\"" + new string('x', 1200) + "\"}}";
        using var content = new StringContent(big, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("LIMIT_EXCEEDED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains("1000", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_chunked_body_is_413_too()
    {
        using var client = _api.CreateClient();
        var big = "{\"query\":\"{ corpus { version } }\",\"variables\":{\"pad\":\"" + new string('x', 5000) + "\"}}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
