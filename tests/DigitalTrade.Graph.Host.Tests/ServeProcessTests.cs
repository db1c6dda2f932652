using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>Starting the server as a person does, and what it prints: the built host as a process.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string _corpus = ApiCorpus.Write();

    public ServeProcessTests()
    {
        // One warning of the kind the shipped corpus has (the report's own inconsistencies are warnings too).
        File.WriteAllText(Path.Combine(_corpus, "cases", "unsourced.md"), "---\nkind: case\nname: { zh: 无来源, en: Unsourced }\nsummary: { zh: 测试。, en: A test. }\n---\n::: zh\n无来源。\n:::\n\n::: en\nNo source.\n:::\n");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_that_names_the_way_out_and_a_non_zero_exit()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var result = await Processes.Dtgraph("serve", "--urls", address, "--Corpus:Path", _corpus);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            $"dtgraph: error: {address} is already in use by another program (another dtgraph?). Choose another address with --urls, e.g. `dtgraph serve --urls http://localhost:5081`.\n",
            result.Stderr);
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", result.Stdout.Replace(" ERR]", "[ERR]", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_prints_one_corpus_line_then_where_to_point_a_client_and_a_browser()
    {
        var port = Processes.FreePort();
        await using var server = ServerProcess.Start("dotnet", [Processes.DtgraphDll, "--urls", $"http://127.0.0.1:{port}", "--Corpus:Path", _corpus]);

        var urls = await server.WaitForLine("GraphQL API ");

        Assert.EndsWith($"GraphQL API http://127.0.0.1:{port}/graphql · explorer http://127.0.0.1:{port}/ · GraphiQL http://127.0.0.1:{port}/graphiql", urls, StringComparison.Ordinal);
        var lines = server.Lines;
        var listening = lines.ToList().FindIndex(l => l.Contains("Now listening on", StringComparison.Ordinal));
        var before = lines.Take(listening).ToList();
        Assert.DoesNotContain(before, l => l.Contains(" WRN]", StringComparison.Ordinal));
        var corpusLine = Assert.Single(before, l => l.Contains("Corpus ", StringComparison.Ordinal));
        var validate = await Processes.Dtgraph("validate", _corpus);
        var counts = System.Text.RegularExpressions.Regex.Match(validate.Stdout, @"(\d+) entities, (\d+) relations, 0 errors, (\d+) warnings");
        Assert.True(counts.Success && counts.Groups[3].Value != "0", validate.ToString());
        Assert.Matches(
            $@"INF\] Corpus .+: {counts.Groups[1].Value} entities, {counts.Groups[2].Value} relations, {counts.Groups[3].Value} warnings \(run `dtgraph validate` for details\); snapshot [0-9a-f]+ published in \d+ ms$",
            corpusLine);

        // The version the API reports is the one dtgraph prints.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ corpus { version serverVersion entityCount } }" }, TestContext.Current.CancellationToken);
        var data = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["data"]!["corpus"]!;
        var version = await Processes.Dtgraph("--version");
        Assert.Equal(version.Stdout.Trim(), (string?)data["serverVersion"]);
        Assert.Equal(counts.Groups[1].Value, ((int)data["entityCount"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_warnings_are_still_logged_at_debug_level_for_whoever_asks()
    {
        var port = Processes.FreePort();
        await using var server = ServerProcess.Start("dotnet",
        [
            Processes.DtgraphDll, "--urls", $"http://127.0.0.1:{port}", "--Corpus:Path", _corpus,
            "--Serilog:MinimumLevel:Override:DigitalTrade.Graph.Host.Hosting.CorpusSnapshotService", "Debug",
        ]);

        await server.WaitForLine("GraphQL API ");

        Assert.Contains(server.Lines, l => l.Contains(" DBG]", StringComparison.Ordinal) && l.Contains("unsourced.md(2,1): DTG019:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_health_check_is_let_through_when_the_server_answers_only_its_public_name()
    {
        var port = Processes.FreePort();
        var environment = new Dictionary<string, string?> { ["Urls"] = $"http://127.0.0.1:{port}", ["AllowedHosts"] = "graph.example.org", ["Corpus__Path"] = _corpus };
        await using var server = ServerProcess.Start("dotnet", [Processes.DtgraphDll], environment: environment);
        await server.WaitForLine("GraphQL API ");

        using var http = new HttpClient();
        using var plain = await http.GetAsync($"http://127.0.0.1:{port}/healthz", TestContext.Current.CancellationToken);
        var check = await Processes.Run("dotnet", [Processes.DtgraphDll, "healthcheck"], environment: environment);

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode); // host filtering is on
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Theory]
    [InlineData(null, "http://localhost:8080/healthz", null)]
    [InlineData("localhost;127.0.0.1;[::1]", "http://localhost:8080/healthz", null)]
    [InlineData("*", "http://localhost:8080/healthz", null)]
    [InlineData("graph.example.org", "http://localhost:8080/healthz", "graph.example.org:8080")]
    [InlineData("graph.example.org;other.example.org", "http://localhost/healthz", "graph.example.org")]
    [InlineData("*.example.org", "http://localhost:8080/healthz", "healthcheck.example.org:8080")]
    public void The_health_check_asks_with_a_name_the_server_answers(string? allowedHosts, string url, string? expected) =>
        Assert.Equal(expected, Commands.HealthcheckCommand.HostHeader(allowedHosts, new Uri(url)));

    public void Dispose() => Directory.Delete(_corpus, recursive: true);
}
