using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>Supported versions (5.26+, 2025.03+ for clusters): checked from the discovery document, refused with what to do.</summary>
public sealed class ServerVersionTests
{
    private static readonly Uri At = new("http://neo4j.test:7474");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Neo4jServerInfo Info(JsonObject discovery) =>
        Neo4jServerInfo.FromDiscovery(System.Text.Json.JsonDocument.Parse(discovery.ToJsonString()).RootElement)!;

    private static Neo4jServerCheck Check(FakeQueryApi api) =>
        new(api.Client(), Options.Create(FakeQueryApi.TestOptions()), TimeProvider.System, new ListLogger<Neo4jServerCheck>());

    [Theory]
    [InlineData("5.26.0", 5, 26, 0)]
    [InlineData("5.26.12", 5, 26, 12)]
    [InlineData("2025.03.1", 2025, 3, 1)]
    [InlineData("2026.04.0", 2026, 4, 0)]
    [InlineData("5.27-aura", 5, 27, 0)]
    [InlineData("2025.10.0-12345", 2025, 10, 0)]
    public void Release_numbers_parse_calendar_and_Aura_versions_too(string text, int major, int minor, int patch)
    {
        Assert.True(Neo4jVersion.TryParse(text, out var version));
        Assert.Equal(new Neo4jVersion(major, minor, patch), version);
        Assert.True(new Neo4jVersion(2025, 1, 0) > new Neo4jVersion(5, 26, 9));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dev")]
    [InlineData("5")]
    public void Text_that_is_no_release_number_does_not_parse(string text) => Assert.False(Neo4jVersion.TryParse(text, out _));

    [Fact]
    public void The_documented_5_19_server_is_refused_with_what_to_do()
    {
        var problem = Info(Fixtures.Discovery519()).Problem(At);

        Assert.NotNull(problem);
        Assert.Contains("Neo4j 5.19.0 (enterprise) at http://neo4j.test:7474/ is not supported", problem, StringComparison.Ordinal);
        Assert.Contains("upgrade to Neo4j 5.26 or newer", problem, StringComparison.Ordinal);
        Assert.Contains("Store:Kind=embedded", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_5_25_server_is_refused_for_its_missing_explicit_transactions()
    {
        var problem = Info(Fixtures.Discovery("5.25.1")).Problem(At);

        Assert.NotNull(problem);
        Assert.Contains("/query/v2/tx arrives in 5.26", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.26.0", "community")]
    [InlineData("5.26.12", "enterprise")]
    [InlineData("2025.03.0", "enterprise")]
    [InlineData("2025.10.1", "community")]
    [InlineData("5.27-aura", "enterprise")]
    public void Supported_servers_pass(string version, string edition) =>
        Assert.Null(Info(Fixtures.Discovery(version, edition)).Problem(At));

    [Fact]
    public void A_supported_version_with_the_Query_API_switched_off_is_refused_with_the_setting_to_change()
    {
        var problem = Info(Fixtures.Discovery("2025.10.0", queryApi: false)).Problem(At);

        Assert.NotNull(problem);
        Assert.Contains("QUERY_API_ENDPOINTS", problem, StringComparison.Ordinal);
        Assert.Contains("server.http_enabled_modules", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Enterprise_before_2025_03_is_served_with_a_caution_about_clusters()
    {
        Assert.Contains("cluster needs 2025.03", Info(Fixtures.Discovery("5.26.0", "enterprise")).Caution(At), StringComparison.Ordinal);
        Assert.Null(Info(Fixtures.Discovery("5.26.0", "community")).Caution(At));
        Assert.Null(Info(Fixtures.Discovery("2025.03.0", "enterprise")).Caution(At));
        Assert.Contains("not a release number", Info(Fixtures.Discovery("dev-build")).Caution(At), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_neo4j_version_is_no_discovery_document()
    {
        Assert.Null(Neo4jServerInfo.FromDiscovery(System.Text.Json.JsonDocument.Parse("""{ "status": "ok" }""").RootElement));
    }

    [Fact]
    public async Task The_check_asks_GET_slash_without_credentials_once_and_remembers_a_supported_server()
    {
        var api = new FakeQueryApi(_ => throw new InvalidOperationException("no statement expected")) { Discovery = Fixtures.Discovery("2025.10.0") };
        var check = Check(api);

        var info = await check.EnsureSupportedAsync(Token);
        await check.EnsureSupportedAsync(Token);

        Assert.Equal("2025.10.0", info.VersionText);
        var request = Assert.Single(api.Requests);
        Assert.Equal((HttpMethod.Get, "/"), (request.Method, request.Path));
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task An_unsupported_server_is_refused_with_its_own_code_and_the_refusal_is_remembered()
    {
        var api = new FakeQueryApi(_ => throw new InvalidOperationException("no statement expected")) { Discovery = Fixtures.Discovery519() };
        var check = Check(api);

        var first = await Assert.ThrowsAsync<Neo4jQueryException>(() => check.EnsureSupportedAsync(Token));
        var second = await Assert.ThrowsAsync<Neo4jQueryException>(() => check.EnsureSupportedAsync(Token));

        Assert.Equal(Neo4jQueryException.UnsupportedServer, first.Code);
        Assert.False(first.IsTransient);
        Assert.Same(first, second);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_discovery_answered_by_an_html_page_is_an_unexpected_response_naming_NEO4J_URI()
    {
        var client = new Neo4jQueryClient(new HttpClient(new HtmlAtRoot()), Options.Create(FakeQueryApi.TestOptions()), new ListLogger<Neo4jQueryClient>());

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.GetServerInfoAsync(Token));

        Assert.Equal(Neo4jQueryException.UnexpectedResponse, error.Code);
        Assert.Contains("NEO4J_URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_stops_on_an_unsupported_server_and_carries_on_when_the_server_is_unreachable()
    {
        var old = new FakeQueryApi(_ => throw new InvalidOperationException()) { Discovery = Fixtures.Discovery("5.25.0") };
        var refusing = new Neo4jStartupCheck(Check(old), Options.Create(FakeQueryApi.TestOptions()), new ListLogger<Neo4jStartupCheck>());
        var refusal = await Assert.ThrowsAsync<Neo4jQueryException>(() => refusing.StartAsync(Token));
        Assert.Equal(Neo4jQueryException.UnsupportedServer, refusal.Code);

        var options = FakeQueryApi.TestOptions();
        options.ReadRetries = 0;
        var away = new Neo4jQueryClient(new HttpClient(new Refusing()), Options.Create(options), new ListLogger<Neo4jQueryClient>());
        var logger = new ListLogger<Neo4jStartupCheck>();
        var patient = new Neo4jStartupCheck(new Neo4jServerCheck(away, Options.Create(options), TimeProvider.System, new ListLogger<Neo4jServerCheck>()), Options.Create(options), logger);
        await patient.StartAsync(Token);
        Assert.Contains(logger.Lines, l => l.Contains("/readyz reports it", StringComparison.Ordinal));
    }

    private sealed class HtmlAtRoot : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Fixtures.HtmlPage());
    }

    private sealed class Refusing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused", null, HttpStatusCode.ServiceUnavailable);
    }
}
