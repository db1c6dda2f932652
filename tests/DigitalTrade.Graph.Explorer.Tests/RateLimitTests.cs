using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>
/// Issue 11 item 8: explorer pages have their own bucket per client address, and the pages' in-process API
/// calls spend no bucket: one client emptying its budget changes nothing for another, nor for /graphql.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedExplorer host) : IClassFixture<RateLimitTests.LimitedExplorer>
{
    public sealed class LimitedExplorer : ExplorerFactory
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Explorer:RateLimit:Enabled", "true");
            builder.UseSetting("Explorer:RateLimit:Burst", "40");
            builder.UseSetting("Explorer:RateLimit:PermitsPerSecond", "1");
            builder.UseSetting("RateLimit:Enabled", "true");
            builder.UseSetting("RateLimit:Burst", "3");
            builder.UseSetting("RateLimit:PermitsPerSecond", "1");
        }
    }

    private static readonly string[] Pages = ["/", "/search?q=DEPA", "/entity/agreements/depa", "/paths?from=Hainan&to=DEPA", "/indicators/table-03-top-10-exporters"];

    [Fact]
    public async Task OneClientEmptyingItsPageBudgetLeavesAnotherClientsPagesAlone()
    {
        using var a = LoopbackClients.From("127.0.0.2", host.BaseAddress);
        using var b = LoopbackClients.From("127.0.0.3", host.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await a.GetAsync(Pages[i % Pages.Length], TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        // A forged X-Forwarded-For is not a new client.
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            forged.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await a.SendAsync(forged, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        // Another client's pages, and the first client's own API bucket, are untouched.
        foreach (var page in Pages)
        {
            using var response = await b.GetAsync(page, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var api = await a.GetAsync("/graphql?query=%7Bcorpus%7Bversion%7D%7D", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task PagesSpendNoApiBucket()
    {
        using var c = LoopbackClients.From("127.0.0.4", host.BaseAddress);

        // 30 pages, each several GraphQL requests in process. Had they gone through /graphql, this client's API
        // bucket (3, refilled at 1 a second) would need half a minute to hold 3 tokens again.
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            using var response = await c.GetAsync(Pages[i % Pages.Length], TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"30 pages took {watch.Elapsed}; the check below needs them to be quicker than the bucket's refill");
        for (var i = 0; i < 3; i++)
        {
            using var response = await c.GetAsync("/graphql?query=%7Bcorpus%7Bversion%7D%7D", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The API's limit is live for this client: a burst past it is refused.
        var refused = false;
        for (var i = 0; i < 10 && !refused; i++)
        {
            using var response = await c.GetAsync("/graphql?query=%7Bcorpus%7Bversion%7D%7D", TestContext.Current.CancellationToken);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:1111:2222:3333:4444", "2001:db8:1:2::/64")]
    public void ClientsAreAddressesAndIPv6Blocks(string address, string key)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
        Assert.Equal(key, PageRateLimiter.ClientKey(http));
    }
}
