using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>serve --watch: edits reload the graph; an edit with errors is reported and never served.</summary>
public sealed class WatchTests
{
    private const string Status = "{ corpus { version lastLoad { succeeded errorCount diagnostics(severity: ERROR) { path line column code } } } entity(key: \"economies/chile\") { name { en } } }";

    [Fact]
    public async Task Edits_reload_within_a_second_and_broken_edits_keep_the_last_good_graph()
    {
        var corpus = ApiCorpus.Write();
        await using var api = new GraphApiFactory(corpus, watch: true);
        var first = await api.QueryAsync(Status);
        var original = (string)first["corpus"]!["version"]!;
        var chile = Path.Combine(corpus, "economies", "chile.md");

        // A good edit is served within a second.
        var clock = Stopwatch.StartNew();
        File.WriteAllText(chile, File.ReadAllText(chile).Replace("en: Chile", "en: Republic of Chile", StringComparison.Ordinal));
        var edited = await WaitForAsync(api, d => (string?)d["entity"]?["name"]?["en"] == "Republic of Chile");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"reloaded after {clock.ElapsedMilliseconds} ms");
        var editedVersion = (string)edited["corpus"]!["version"]!;
        Assert.NotEqual(original, editedVersion);

        // A broken edit is reported with its position, and the last good graph keeps serving.
        File.WriteAllText(chile, File.ReadAllText(chile).Replace("PARTY_TO: [agreements/depa]", "PARTY_TO: [agreements/dpea]", StringComparison.Ordinal));
        var broken = await WaitForAsync(api, d => (bool?)d["corpus"]?["lastLoad"]?["succeeded"] == false);
        Assert.Equal(editedVersion, (string?)broken["corpus"]!["version"]);
        Assert.Equal("Republic of Chile", (string?)broken["entity"]!["name"]!["en"]);
        var error = Assert.Single(broken["corpus"]!["lastLoad"]!["diagnostics"]!.AsArray())!;
        Assert.Equal(("DTG012", 11, 14), ((string?)error["code"], (int)error["line"]!, (int)error["column"]!));
        Assert.EndsWith("economies/chile.md", (string?)error["path"], StringComparison.Ordinal);

        // Fixing it serves again.
        File.WriteAllText(chile, File.ReadAllText(chile).Replace("agreements/dpea", "agreements/depa", StringComparison.Ordinal));
        var fixedData = await WaitForAsync(api, d => (bool?)d["corpus"]?["lastLoad"]?["succeeded"] == true);
        Assert.Equal(editedVersion, (string?)fixedData["corpus"]!["version"]);
    }

    private static async Task<JsonNode> WaitForAsync(GraphApiFactory api, Func<JsonNode, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var data = await api.QueryAsync(Status);
            if (done(data) || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return data;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
