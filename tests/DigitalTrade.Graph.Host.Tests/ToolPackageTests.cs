using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// Packs the host as the DigitalTrade.Graph.Tool package once per run and installs it the way an editor
/// does (<c>dotnet tool install --add-source</c>), into a temporary tool path with its own package cache.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dtg-tool-").FullName;

    /// <summary>A version no earlier run used, so no package cache can hand back an older build.</summary>
    public string Version { get; } = Commands.ToolVersion.Informational.Split('+')[0] + "-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public string Command => Path.Combine(_root, "tools", OperatingSystem.IsWindows() ? "dtgraph.exe" : "dtgraph");

    internal ProcessResult? Pack { get; private set; }

    internal ProcessResult? Install { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var feed = Path.Combine(_root, "nupkg");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

        // The build the tests run on is packed as it is (--no-build); the prerelease version is the package's only.
        Pack = await Processes.Run("dotnet", ["pack", Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host"), "-c", Processes.Configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + Version], environment: environment);
        if (Pack.ExitCode != 0)
        {
            return;
        }

        Install = await Processes.Run("dotnet", ["tool", "install", "DigitalTrade.Graph.Tool", "--version", Version, "--add-source", feed, "--tool-path", Path.Combine(_root, "tools"), "--ignore-failed-sources"], environment: environment);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>What an editor gets from <c>dotnet tool install DigitalTrade.Graph.Tool</c>: dtgraph validate, new, export and serve.</summary>
[Collection(Packaging.Name)]
public sealed class ToolPackageTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    [Fact]
    public void The_package_installs_as_the_dtgraph_command()
    {
        Assert.True(tool.Pack?.ExitCode == 0, tool.Pack?.ToString());
        Assert.True(tool.Install?.ExitCode == 0, tool.Install?.ToString());
        Assert.Contains("dtgraph", tool.Install!.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(tool.Command));
    }

    [Fact]
    public async Task Dtgraph_version_is_the_solutions()
    {
        var result = await Processes.Run(tool.Command, ["--version"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Commands.ToolVersion.Informational, result.Stdout.Trim());
    }

    [Fact]
    public async Task Dtgraph_validate_checks_the_repository_corpus_named_or_found_from_the_working_directory()
    {
        var named = await Processes.Run(tool.Command, ["validate", Path.Combine(RepositoryRoot.Path, "graph-seed")]);
        var found = await Processes.Run(tool.Command, ["validate"], RepositoryRoot.Path);

        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Contains(": valid: ", named.Stdout, StringComparison.Ordinal);
        Assert.True(found.ExitCode == 0, found.ToString());
        Assert.Contains("graph-seed: valid: ", found.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dtgraph_new_writes_a_template_into_the_corpus_of_the_working_directory()
    {
        var corpus = ApiCorpus.Write();
        try
        {
            var result = await Processes.Run(tool.Command, ["new", "case", "my-new-case", "--corpus", Path.GetFileName(corpus)], Path.GetDirectoryName(corpus));
            var validate = await Processes.Run(tool.Command, ["validate", corpus]);

            var file = Path.Combine(corpus, "cases", "my-new-case.md");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.StartsWith($"wrote {file} (key cases/my-new-case)", result.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, validate.ExitCode);
            Assert.Contains("cases/my-new-case.md", validate.Stdout, StringComparison.Ordinal); // its TODO warnings
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    [Fact]
    public async Task Dtgraph_serve_finds_its_settings_and_embedded_assets_wherever_it_is_started()
    {
        var corpus = ApiCorpus.Write();
        var port = Processes.FreePort();
        try
        {
            await using var server = ServerProcess.Start(tool.Command, ["--urls", $"http://127.0.0.1:{port}", "--Corpus:Path", corpus], Path.GetTempPath());
            await server.WaitForLine("GraphQL API ");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var answer = await http.PostAsJsonAsync("/graphql", new { query = "{ entity(key: \"agreements/depa\") { name { en } } }" }, TestContext.Current.CancellationToken);
            var data = (await answer.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["data"]!;
            using var page = await http.GetAsync("/entity/agreements/depa", TestContext.Current.CancellationToken);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal("Digital Economy Partnership Agreement", (string?)data["entity"]!["name"]!["en"]);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("数字经济伙伴关系协定", html, StringComparison.Ordinal);

            // appsettings.json was read from the tool's own folder: its content root, not the working directory.
            var contentRoot = server.Lines.Single(l => l.Contains("Content root path: ", StringComparison.Ordinal));
            var folder = contentRoot[(contentRoot.IndexOf("Content root path: ", StringComparison.Ordinal) + 19)..].Trim();
            Assert.True(File.Exists(Path.Combine(folder, "appsettings.json")), contentRoot);
            Assert.StartsWith(Path.GetDirectoryName(tool.Command)!, folder, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }
}
