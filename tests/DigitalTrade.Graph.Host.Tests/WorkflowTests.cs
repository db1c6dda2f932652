using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// The sample pull-request workflow (.github/workflows/validate.yml) cannot run here; what can be checked is
/// that it builds the project whose output it runs and that each dtgraph command it runs works as written.
/// </summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task Every_dtgraph_command_of_the_workflow_runs_as_written_on_the_build_it_makes()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "validate.yml")))
        {
            yaml.Load(reader);
        }

        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["validate"])["steps"];
        var runs = steps.OfType<YamlMappingNode>().Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!).ToList();
        Assert.Contains("dotnet build src/DigitalTrade.Graph.Host -c Release", runs);

        var commands = runs.Select(r => Regex.Match(r, @"^dotnet src/DigitalTrade\.Graph\.Host/bin/Release/net10\.0/dtgraph\.dll ([^>|]+?)(?:\s*[>|].*)?$")).Where(m => m.Success).ToList();
        Assert.Equal(2, commands.Count);
        foreach (var command in commands)
        {
            var args = command.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var result = await Processes.Run("dotnet", [Processes.DtgraphDll, .. args], RepositoryRoot.Path);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        }
    }
}
