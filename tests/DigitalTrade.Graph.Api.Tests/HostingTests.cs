using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DigitalTrade.Graph.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 11 items 3 and 10, issue 18 item 11: security headers on every response, host filtering,
/// CORS for a front-end on another origin, management endpoints behind a token or on their own
/// address, and the listening address taken from ASPNETCORE_URLS.
/// </summary>
[Trait("Category", "Process")]
public sealed class HostingTests
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var api = new OwnPolicyFactory();
        using var client = api.CreateClient();

        foreach (var (method, path) in new[] { ("POST", "/graphql"), ("GET", "/healthz"), ("GET", "/"), ("GET", "/nowhere"), ("PUT", "/graphql"), ("GET", "/graphql/schema.graphql") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new StringContent("{\"query\":\"{ nope }\"}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal(SecurityHeadersOptions.DefaultContentSecurityPolicy, Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
            Assert.NotNull(Header(response, "Permissions-Policy"));
            Assert.Null(Header(response, "Strict-Transport-Security")); // not configured, and not HTTPS
            Assert.Null(Header(response, "Server"));
        }
    }

    [Fact]
    public async Task A_page_that_sets_its_own_policy_keeps_it()
    {
        await using var api = new OwnPolicyFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(OwnPolicyFactory.Path, TestContext.Current.CancellationToken);

        Assert.Equal(OwnPolicyFactory.Policy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_forged_host_is_refused_by_default_and_listed_hosts_are_served()
    {
        await using var byDefault = new GraphApiFactory();
        await using var listed = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["AllowedHosts"] = "graph.example.org" });

        Assert.Equal(HttpStatusCode.OK, await StatusWithHost(byDefault, "localhost"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithHost(byDefault, "127.0.0.1"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHost(byDefault, "evil.example"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithHost(listed, "graph.example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHost(listed, "localhost"));
    }

    [Fact]
    public async Task A_front_end_on_another_origin_is_allowed_when_configured()
    {
        await using var configured = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = "http://localhost:5173" });
        await using var unconfigured = new GraphApiFactory();

        using var allowed = await Preflight(configured, "http://localhost:5173");
        using var refused = await Preflight(unconfigured, "http://localhost:5173");

        Assert.Equal("http://localhost:5173", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(allowed, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("content-type", Header(allowed, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Management_endpoints_can_require_a_bearer_token()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["Management:Token"] = "s3cret-token" });
        using var client = api.CreateClient();

        async Task<HttpResponseMessage> Get(string path, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var anonymous = await Get("/metrics", null);
        using var wrong = await Get("/metrics", "s3cret-tokem");
        using var right = await Get("/metrics", "s3cret-token");
        using var diagnostics = await Get("/diagnostics", null);
        using var api200 = await Get("/graphql?query=%7B__typename%7D", null);

        Assert.Equal((HttpStatusCode.Unauthorized, "Bearer"), (anonymous.StatusCode, anonymous.Headers.WwwAuthenticate.Single().Scheme));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, diagnostics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api200.StatusCode);
    }

    [Fact]
    public async Task Management_endpoints_can_move_to_their_own_address()
    {
        var (apiPort, managementPort) = (HostProcess.FreePort(), HostProcess.FreePort());
        var (publicUrl, managementUrl) = ($"http://127.0.0.1:{apiPort}", $"http://127.0.0.1:{managementPort}");
        await using var host = HostProcess.Start(ApiCorpus.Write(), arguments: ["--urls", publicUrl, "--Management:Url", managementUrl]);
        await host.WaitUntilReadyAsync(publicUrl, TimeSpan.FromSeconds(90));
        using var client = new HttpClient();

        async Task<HttpStatusCode> Status(string url)
        {
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await Status(publicUrl + "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await Status(publicUrl + "/diagnostics"));
        Assert.Equal(HttpStatusCode.OK, await Status(publicUrl + "/graphql?query=%7B__typename%7D"));
        Assert.Equal(HttpStatusCode.OK, await Status(managementUrl + "/metrics"));
        Assert.Equal(HttpStatusCode.OK, await Status(managementUrl + "/readyz"));
        Assert.Equal(HttpStatusCode.NotFound, await Status(managementUrl + "/graphql?query=%7B__typename%7D"));
    }

    /// <summary>Issue 18: appsettings.json's Urls used to win over ASPNETCORE_URLS.</summary>
    [Fact]
    public async Task The_listening_address_comes_from_ASPNETCORE_URLS()
    {
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";
        await using var host = HostProcess.Start(ApiCorpus.Write(), new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url });

        await host.WaitUntilReadyAsync(url, TimeSpan.FromSeconds(90));
        using var client = new HttpClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, url + "/healthz");
        forged.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(forged, TestContext.Current.CancellationToken);

        Assert.Contains(url, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("5080", host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // host filtering holds in a process started anywhere
    }

    private static async Task<HttpStatusCode> StatusWithHost(GraphApiFactory api, string host)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> Preflight(GraphApiFactory api, string origin)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    /// <summary>The host plus one path, answered after every host middleware, that sets a Content-Security-Policy of its own (as an explorer page may).</summary>
    private sealed class OwnPolicyFactory() : GraphApiFactory(ApiCorpus.Write())
    {
        public const string Path = "/test/own-policy";
        public const string Policy = "default-src 'none'";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, OwnPolicy>());
        }

        private sealed class OwnPolicy : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map(Path, page => page.Run(http =>
                {
                    http.Response.Headers.ContentSecurityPolicy = Policy;
                    return http.Response.WriteAsync("page", http.RequestAborted);
                }));
            };
        }
    }
}
