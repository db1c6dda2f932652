using System.Net;
using System.Net.Sockets;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>
/// Issue 11 item 3: a forged Host or X-Forwarded-Host changes nothing the explorer fetches or shows. The
/// explorer asks the API in process, so there is no address for a header to point elsewhere: a listener
/// the forged headers name receives no connection, and every page is byte for byte the page a plain
/// request gets.
/// </summary>
public sealed class HostHeaderTests(ExplorerFactory host) : IClassFixture<ExplorerFactory>
{
    public static TheoryData<string> Pages() => [.. ExplorerPages.All.Where(p => p != "/graphiql"), "/graphiql?query=%7Bcorpus%7Bversion%7D%7D", "/explorer/names.json"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ForgedHostHeadersChangeNothing(string path)
    {
        using var trap = new TcpListener(IPAddress.Loopback, 0);
        trap.Start();
        var forged = $"127.0.0.1:{((IPEndPoint)trap.LocalEndpoint).Port}";
        using var client = host.CreateClient();

        var plain = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        foreach (var (header, value) in new[] { ("Host", forged), ("Host", "evil.example"), ("X-Forwarded-Host", forged), ("X-Forwarded-Host", "evil.example"), ("Forwarded", $"host={forged};proto=http") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (header == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(header, value);
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(plain, body);
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        }

        // Nothing connected to the address the headers named.
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(trap.Pending(), "the explorer connected to the forged host");
    }
}
