using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>What the explorer sends, checked without a browser: headers, content negotiation, assets, hostile inputs.</summary>
public sealed class ExplorerHttpTests(ExplorerFactory host) : IClassFixture<ExplorerFactory>
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    [Theory]
    [MemberData(nameof(ExplorerPages.Data), MemberType = typeof(ExplorerPages))]
    public async Task EveryPageCarriesTheStrictPolicyAndNoInlineScriptOrStyle(string path)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Policy, response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // No inline script (only JSON data blocks), no event-handler attribute, no style attribute or element.
        foreach (System.Text.RegularExpressions.Match script in System.Text.RegularExpressions.Regex.Matches(html, "<script\\b[^>]*>"))
        {
            Assert.True(script.Value.Contains(" src=", StringComparison.Ordinal) || script.Value.Contains("type=\"application/json\"", StringComparison.Ordinal), script.Value);
        }

        Assert.DoesNotMatch("<[^>]+\\son[a-z]+\\s*=", html);
        Assert.DoesNotMatch("<[^>]+\\sstyle\\s*=", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true)]
    [InlineData("text/html", true)]
    [InlineData("application/json", false)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", false)]
    [InlineData("*/*", false)]
    [InlineData("text/html;q=0.5, application/json", false)]
    [InlineData("text/html, application/json", false)]
    [InlineData(null, false)]
    public async Task GetGraphQLGivesBrowsersTheConsoleAndClientsTheApi(string? accept, bool console)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7Bcorpus%7BentityCount%7D%7D");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (console)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("id=\"graphiql\"", body, StringComparison.Ordinal);
            Assert.Equal(Policy, response.Headers.GetValues("Content-Security-Policy").Single());
        }
        else
        {
            Assert.Contains("entityCount", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostToGraphQLIsAlwaysTheApi()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{corpus{entityCount}}\"}", new MediaTypeHeaderValue("application/json")) };
        request.Headers.TryAddWithoutValidation("Accept", "text/html,*/*;q=0.8");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains("entityCount", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssetsAreVersionedCachedAndCompressed()
    {
        using var client = host.CreateClient();
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var css = System.Text.RegularExpressions.Regex.Match(home, "/explorer/explorer\\.css\\?v=[0-9a-f]{12}").Value;
        Assert.NotEmpty(css);

        using var response = await client.GetAsync(css, TestContext.Current.CancellationToken);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(".k-AGREEMENT{background:#b2182b}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, css);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var brotli = new HttpRequestMessage(HttpMethod.Get, "/explorer/vendor/graphiql.js");
        brotli.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await client.SendAsync(brotli, TestContext.Current.CancellationToken);
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.True(compressed.Content.Headers.ContentLength < 500_000, $"{compressed.Content.Headers.ContentLength} bytes of GraphiQL");

        foreach (var missing in new[] { "/explorer/nothing.css", "/explorer/../appsettings.json", "/explorer/vendor/manifest.jsonx", "/explorer/%2e%2e/%2e%2e/etc/passwd" })
        {
            using var notFound = await client.GetAsync(missing, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }
    }

    [Fact]
    public async Task ServedBundlesAreTheOnesTheManifestRecords()
    {
        // tools/explorer-assets writes manifest.json with every file's hash; CI rebuilds from the lockfile and compares (build.mjs --check).
        using var client = host.CreateClient();
        using var manifest = JsonDocument.Parse(await client.GetStringAsync("/explorer/vendor/manifest.json", TestContext.Current.CancellationToken));
        var files = manifest.RootElement.GetProperty("files").EnumerateObject().ToList();
        Assert.Contains(files, f => f.Name == "graphiql.js");
        Assert.Contains(files, f => f.Name == "cytoscape.js");
        foreach (var file in files)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/explorer/vendor/" + file.Name);
            request.Headers.AcceptEncoding.Clear();
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.Equal(file.Value.GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Fact]
    public async Task OldAddressesStillWork()
    {
        using var client = LoopbackClients.From("127.0.0.1", host.BaseAddress);
        using var search = await client.GetAsync("/?q=DEPA", TestContext.Current.CancellationToken);
        Assert.Equal("/search?q=DEPA", search.Headers.Location?.ToString());
        using var console = await client.GetAsync("/console", TestContext.Current.CancellationToken);
        Assert.Equal("/graphiql", console.Headers.Location?.ToString());
    }

    public static TheoryData<string> HostileRequests()
    {
        // Escaped here, except the byte sequences that are not valid text (a NUL, a lone surrogate, invalid UTF-8).
        string[] values = [.. new[] { "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "../../etc/passwd", new string('x', 6_000), "' OR 1=1 --", "{{7*7}}", "__proto__", "-1", "99999999999999999999", "", " ", "海南 DEPA 数据跨境" }
            .Select(Uri.EscapeDataString), "%00", "%ED%A0%80", "%FF%FE"];
        string[] templates = ["/search?q={0}", "/search?q=DEPA&kind={0}", "/search?q=DEPA&after={0}", "/browse?kind={0}", "/browse?kind=CASE&theme={0}&province={0}&after={0}", "/entity/{0}", "/entity/agreements/{0}",
            "/graph?key={0}", "/graph?from={0}&to=agreements/depa", "/paths?from={0}&to=DEPA", "/paths?from=Hainan&to=DEPA&fromKey={0}", "/indicators/{0}", "/indicators/table-06-china-digitally-deliverable-services?economy={0}&from={0}&to={0}&chart={0}",
            "/indicators/{0}.csv", "/?events={0}&date={0}&from={0}&to={0}", "/graphiql?query={0}&variables={0}"];
        var data = new TheoryData<string>();
        foreach (var template in templates)
        {
            foreach (var value in values)
            {
                data.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, value));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task HostileParametersGetAPageNeverAnErrorOrTheirMarkup(string path)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        // 414 is Kestrel's own limit on the request line (8 KB), before the explorer sees the request.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Redirect or HttpStatusCode.RequestUriTooLong, $"{(int)response.StatusCode} for {path[..Math.Min(path.Length, 120)]}");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
