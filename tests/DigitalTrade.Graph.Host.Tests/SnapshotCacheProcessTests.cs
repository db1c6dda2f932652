using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>Restarting the server: the snapshot cache serves unchanged files, and never files that changed.</summary>
public sealed class SnapshotCacheProcessTests : IDisposable
{
    private readonly string _corpus = ApiCorpus.Write();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "dtg-cache-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_restart_on_unchanged_files_publishes_the_cached_snapshot_and_an_edit_makes_it_stale()
    {
        var first = await Start();
        await first.Server.WaitForLine("cached in");
        var version = await Version(first.Port);
        await first.Server.DisposeAsync();

        var second = await Start();
        Assert.Contains(second.Server.Lines, l => l.Contains($"snapshot {version} published from the cache", StringComparison.Ordinal));
        Assert.Equal(version, await Version(second.Port));
        await second.Server.DisposeAsync();

        // One byte more in one file: the cache is refused, said why, and the files are read again.
        var file = Directory.GetFiles(Path.Combine(_corpus, "cases"), "*.md")[0];
        await File.AppendAllTextAsync(file, "\n", TestContext.Current.CancellationToken);
        var third = await Start();
        Assert.Contains(third.Server.Lines, l => l.Contains("Snapshot cache not used", StringComparison.Ordinal) && l.Contains("stale", StringComparison.Ordinal));
        var fresh = Assert.Single(third.Server.Lines, l => l.Contains(" published in ", StringComparison.Ordinal));
        Assert.DoesNotContain(version, fresh, StringComparison.Ordinal);
        Assert.NotEqual(version, await Version(third.Port));
        await third.Server.DisposeAsync();
    }

    [Fact]
    public async Task A_corrupt_cache_file_is_logged_and_the_corpus_read_again()
    {
        var first = await Start();
        await first.Server.WaitForLine("cached in");
        var version = await Version(first.Port);
        await first.Server.DisposeAsync();
        var file = Assert.Single(Directory.GetFiles(_cache, "*.snapshot"));
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);

        var second = await Start();

        Assert.Contains(second.Server.Lines, l => l.Contains("Snapshot cache not used", StringComparison.Ordinal) && l.Contains("checksum", StringComparison.Ordinal));
        Assert.Contains(second.Server.Lines, l => l.Contains($"snapshot {version} published in ", StringComparison.Ordinal));
        Assert.Equal(version, await Version(second.Port));
        await second.Server.DisposeAsync();
    }

    [Fact]
    public async Task With_watch_a_start_from_the_cache_reads_the_files_in_the_background_so_the_first_edit_reads_one()
    {
        var first = await Start();
        await first.Server.WaitForLine("cached in");
        await first.Server.DisposeAsync();

        var second = await Start("--Corpus:Watch", "true");
        var version = await Version(second.Port);
        Assert.Contains(second.Server.Lines, l => l.Contains($"snapshot {version} published from the cache", StringComparison.Ordinal));
        await second.Server.WaitForLine("files read in the background");
        await second.Server.WaitForLine("Watching ");

        var file = Directory.GetFiles(Path.Combine(_corpus, "cases"), "*.md")[0];
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(file, text.Replace("About ", "On the ", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var changed = await second.Server.WaitForLine("files read again");
        Assert.Contains("changed: 1 of ", changed, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await Version(second.Port) == version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.NotEqual(version, await Version(second.Port));
        await second.Server.DisposeAsync();
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private async Task<(ServerProcess Server, int Port)> Start(params string[] more)
    {
        var port = Processes.FreePort();
        var server = ServerProcess.Start("dotnet", [Processes.DtgraphDll, "--urls", $"http://127.0.0.1:{port}", "--Corpus:Path", _corpus, "--Corpus:Cache:Path", _cache, .. more]);
        await server.WaitForLine("GraphQL API ");
        return (server, port);
    }

    private static async Task<string> Version(int port)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ corpus { version } }" }, TestContext.Current.CancellationToken);
        var data = await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken);
        return (string)data!["data"]!["corpus"]!["version"]!;
    }
}
