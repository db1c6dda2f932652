using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// The container image, without a Docker engine (none runs here): its Dockerfile's parts fit the project,
/// and the publish output it copies runs as the image runs it — same publish properties, same layout
/// (/app with the corpus in /app/graph-seed), same environment, same entry point and health check.
/// </summary>
[Collection(Packaging.Name)]
public sealed class ContainerImageTests : IDisposable
{
    private readonly Dockerfile _dockerfile = Dockerfile.Read();
    private readonly string _root = Directory.CreateTempSubdirectory("dtg-image-").FullName;

    [Fact]
    public void The_build_stage_restores_every_project_and_the_image_runs_as_a_non_root_user_with_a_health_check()
    {
        var copies = string.Join('\n', _dockerfile.Instructions.Where(i => i.Keyword == "COPY").Select(i => i.Arguments));
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            Assert.Contains(Path.GetRelativePath(RepositoryRoot.Path, project).Replace('\\', '/'), copies, StringComparison.Ordinal);
        }

        var froms = _dockerfile.Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(2, froms.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", froms[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", froms[1], StringComparison.Ordinal);
        Assert.Equal("$APP_UID", _dockerfile.FinalStage.Last(i => i.Keyword == "USER").Arguments);
        Assert.Equal(["dotnet", "/app/dtgraph.dll", "healthcheck"], _dockerfile.ExecForm("HEALTHCHECK"));
        Assert.Equal(["dotnet", "/app/dtgraph.dll"], _dockerfile.ExecForm("ENTRYPOINT"));
        var port = new Uri(_dockerfile.Environment["Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), _dockerfile.FinalStage.Single(i => i.Keyword == "EXPOSE").Arguments);
    }

    [Fact]
    public void Compose_runs_this_image_for_the_seed_and_the_api_beside_neo4j_on_a_read_only_file_system()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Assert.Equal(["neo4j", "seed", "graph"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var name in new[] { "seed", "graph" })
        {
            var service = (YamlMappingNode)services[name];
            Assert.Equal(".", ((YamlScalarNode)service["build"]).Value);
            Assert.Equal("digitaltrade-graph:local", ((YamlScalarNode)service["image"]).Value);
            Assert.Equal("true", ((YamlScalarNode)service["read_only"]).Value);
            Assert.Equal(["/tmp"], ((YamlSequenceNode)service["tmpfs"]).Select(n => ((YamlScalarNode)n).Value));
            Assert.Equal("http://neo4j:7474", ((YamlScalarNode)((YamlMappingNode)service["environment"])["NEO4J_URI"]).Value);
        }

        Assert.Equal(["seed", "--neo4j", "--corpus", _dockerfile.Environment["Corpus__Path"]], ((YamlSequenceNode)services["seed"]["command"]).Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("neo4j", ((YamlScalarNode)((YamlMappingNode)services["graph"]["environment"])["Store__Kind"]).Value);
        Assert.Equal("5080:8080", ((YamlScalarNode)((YamlSequenceNode)services["graph"]["ports"])[0]).Value);
    }

    [Fact]
    public async Task The_published_app_serves_the_baked_corpus_as_the_image_starts_it_and_its_health_check_tells_up_from_down()
    {
        // The Dockerfile's publish, with its properties, from the build the tests run on (a Release build
        // would rebuild the solution: minutes on two cores for the same publish step).
        var app = Path.Combine(_root, "app");
        var publishLine = _dockerfile.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments;
        var properties = Regex.Matches(publishLine, @"-p:(\w+)=(\S*)").Select(m => m.Value).Where(p => !p.StartsWith("-p:SourceRevisionId", StringComparison.Ordinal));
        var publish = await Processes.Run("dotnet", ["publish", Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host"), "-c", Processes.Configuration, "--no-build", "-o", app, .. properties]);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(File.Exists(Path.Combine(app, "appsettings.json")));
        Assert.False(File.Exists(Path.Combine(app, "dtgraph")), "UseAppHost=false: the image starts dtgraph.dll with dotnet");
        CopyFolder(Path.Combine(RepositoryRoot.Path, "graph-seed"), Path.Combine(app, "graph-seed")); // COPY graph-seed/ graph-seed/
        var before = Listing(app);

        var port = Processes.FreePort();
        var environment = _dockerfile.Environment.ToDictionary(e => e.Key, e => (string?)InApp(e.Value, app), StringComparer.Ordinal);
        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName;
        string[] entryPoint = [.. _dockerfile.ExecForm("ENTRYPOINT"), .. _dockerfile.ExecForm("CMD")];
        string[] healthCheck = [.. _dockerfile.ExecForm("HEALTHCHECK")];
        await using (var server = ServerProcess.Start(entryPoint[0], entryPoint.Skip(1).Select(a => InApp(a, app)), app, environment))
        {
            await server.WaitForLine("GraphQL API ");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ entity(key: \"agreements/depa\") { name { zh en } } corpus { entityCount } }" }, TestContext.Current.CancellationToken);
            var data = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["data"]!;
            Assert.Equal("数字经济伙伴关系协定", (string?)data["entity"]!["name"]!["zh"]);
            Assert.True((int)data["corpus"]!["entityCount"]! > 300);

            var healthy = await Processes.Run(healthCheck[0], healthCheck.Skip(1).Select(a => InApp(a, app)), app, environment);
            Assert.True(healthy.ExitCode == 0, healthy.ToString());
            Assert.Equal($"http://127.0.0.1:{port}/healthz: 200\n", healthy.Stdout);
        }

        var down = await Processes.Run(healthCheck[0], healthCheck.Skip(1).Select(a => InApp(a, app)), app, environment);
        Assert.True(down.ExitCode == 1, down.ToString());

        // Read-only friendly: serving wrote nothing into the application folder (the image's /app).
        Assert.Equal(before, Listing(app));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The image's /app is this test's publish folder.</summary>
    private static string InApp(string value, string app) => value.Replace("/app", app, StringComparison.Ordinal);

    private static List<string> Listing(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(folder, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p):O}")
            .Order(StringComparer.Ordinal)];

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
