using System.Net;
using System.Text.Json.Nodes;

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
    }

    [Fact]
    public void An_unknown_store_kind_stops_start_up()
    {
        using var host = new ContractHost(new Dictionary<string, string?> { ["Store:Kind"] = "sqlite" });

        // The command line reports the reason and exits; the factory sees a host that was never built.
        Assert.Throws<InvalidOperationException>(() => host.CreateClient());
    }
}
