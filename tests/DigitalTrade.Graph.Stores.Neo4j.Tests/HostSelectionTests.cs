using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Api.Tests;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>`Store:Kind = neo4j` serves from Neo4j and says so plainly when Neo4j cannot be reached.</summary>
public sealed class HostSelectionTests
{
    [Fact]
    public async Task With_Neo4j_unreachable_readyz_fails_with_a_clear_reason_and_no_password()
    {
        await using var host = new ContractHost(new Dictionary<string, string?>
        {
            ["Store:Kind"] = "neo4j",

            // Port 9 (discard) on loopback: nothing answers, so the connection is refused at once.
            ["Neo4j:Uri"] = "http://127.0.0.1:9",
            ["Neo4j:Password"] = "never-shown-4711",
            ["Neo4j:ReadRetries"] = "0",
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonNode.Parse(text)!;
        Assert.False(body["ready"]!.GetValue<bool>());
        Assert.Contains("Neo4j at http://127.0.0.1:9/ is not answering", body["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown-4711", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal); // the reason, not a stack trace
    }

    [Fact]
    public async Task Serve_does_not_start_on_a_Neo4j_it_does_not_support_and_says_what_to_do()
    {
        // A stand-in server on a real port that only answers the discovery document, as 5.19 does (Fixtures.Discovery519).
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var neo4j = builder.Build();
        neo4j.MapGet("/", () => Results.Text(Fixtures.Discovery519().ToJsonString(), "application/json"));
        await neo4j.StartAsync(TestContext.Current.CancellationToken);
        var address = neo4j.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // `dtgraph serve` as a process: start-up must end with an exit code and the reason, not serve.
        var (exitCode, text) = await HostProcess.RunAsync(
            ["serve", "--Store:Kind", "neo4j", "--Neo4j:Uri", address, "--Neo4j:Password", "never-shown-4711", "--urls", "http://127.0.0.1:0"],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["NEO4J_URI"] = string.Empty });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Neo4jQueryException.UnsupportedServer, text, StringComparison.Ordinal);
        Assert.Contains("Neo4j 5.19.0 (enterprise)", text, StringComparison.Ordinal);
        Assert.Contains("upgrade to Neo4j 5.26 or newer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown-4711", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_store_kind_stops_start_up()
    {
        using var host = new ContractHost(new Dictionary<string, string?> { ["Store:Kind"] = "sqlite" });

        // The command line reports the reason and exits; the factory sees a host that was never built.
        Assert.Throws<InvalidOperationException>(() => host.CreateClient());
    }
}
