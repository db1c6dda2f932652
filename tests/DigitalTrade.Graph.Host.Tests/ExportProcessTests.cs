using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// <c>export</c> as people run it: files land relative to the folder the command was run from (also through
/// <c>dotnet run --project</c>), the paths printed are absolute, and the GraphML and CSV load in networkx
/// and pandas with the types intended.
/// </summary>
public sealed class ExportProcessTests : IDisposable
{
    private readonly string _corpus = ApiCorpus.Write();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("dtg-cwd-").FullName;

    [Fact]
    public async Task Through_dotnet_run_the_default_export_lands_in_the_folder_the_user_is_in()
    {
        var result = await Processes.Run(
            "dotnet",
            ["run", "--no-build", "-c", Processes.Configuration, "--project", Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host"), "--", "export", "--format", "json", "--corpus", _corpus],
            _workingDirectory);

        var expected = Path.Combine(_workingDirectory, "export", "graph.json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(expected), result.ToString());
        Assert.Contains($"wrote {expected}\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host", "export")) && File.GetLastWriteTimeUtc(Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host", "export", "graph.json")) > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_relative_output_is_resolved_against_the_working_directory_and_printed_absolute()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "export", "--format", "graphml", "--output", "mygraph.graphml", "--corpus", _corpus], _workingDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"wrote {Path.Combine(_workingDirectory, "mygraph.graphml")}", result.Stdout.Split('\n')[0]);
        Assert.True(File.Exists(Path.Combine(_workingDirectory, "mygraph.graphml")));
    }

    [Fact]
    public async Task Csv_writes_the_figures_as_their_own_table_keyed_by_entity()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "export", "--format", "csv", "--output", "tables", "--corpus", _corpus], _workingDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        var tables = Path.Combine(_workingDirectory, "tables");
        Assert.Equal(
            $"wrote {Path.Combine(tables, "nodes.csv")}\nwrote {Path.Combine(tables, "edges.csv")}\nwrote {Path.Combine(tables, "figures.csv")}\n",
            string.Concat(result.Stdout.Split('\n').Take(3).Select(l => l + "\n")));
        Assert.Equal(
            "entity,name_zh,name_en,value,number,unit,period,qualifier,source,table,origin,reference\r\n" +
            "bases/zhongguancun-software-park,数字服务出口收入,Digital services export revenue,152.4,152.4,亿元,2024,,综述篇 > 测试,,report,\r\n",
            File.ReadAllText(Path.Combine(tables, "figures.csv")));
    }

    [Fact]
    public async Task An_output_that_cannot_be_written_is_one_error_line_not_a_stack_trace()
    {
        Directory.CreateDirectory(Path.Combine(_workingDirectory, "taken.json"));

        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "export", "--format", "json", "--output", "taken.json", "--corpus", _corpus], _workingDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"dtgraph export: error: cannot write {Path.Combine(_workingDirectory, "taken.json")}: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphMl_and_csv_of_the_shipped_corpus_load_in_networkx_and_pandas_with_the_intended_types()
    {
        var python = await PythonWith("networkx", "pandas");
        var corpus = Path.Combine(RepositoryRoot.Path, "graph-seed");
        var graphml = await Processes.Run("dotnet", [Processes.DtgraphDll, "export", "--format", "graphml", "--output", "graph.graphml", "--corpus", corpus], _workingDirectory);
        var csv = await Processes.Run("dotnet", [Processes.DtgraphDll, "export", "--format", "csv", "--output", "csv", "--corpus", corpus], _workingDirectory);
        Assert.True(graphml.ExitCode == 0 && csv.ExitCode == 0, graphml + "\n" + csv);

        var script = Path.Combine(AppContext.BaseDirectory, "Python", "check_exports.py");
        var run = await Processes.Run(python, [script, Path.Combine(_workingDirectory, "graph.graphml"), Path.Combine(_workingDirectory, "csv")], _workingDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(run.Stdout)!;
        var g = report["graphml"]!;
        var p = report["pandas"]!;
        Assert.True((bool)g["directed"]!);
        Assert.Equal(["int"], g["figure_count_types"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(["bool"], g["from_narrative_types"]!.AsArray().Select(t => (string?)t));
        Assert.True((bool)g["figure_numbers_are_numbers"]!);
        Assert.True((bool)g["figure_numbers_equal_values"]!);
        Assert.True((int)g["from_narrative_true"]! > 0);
        Assert.True((int)g["figures"]! > 500, run.Stdout);
        Assert.Equal((int)g["figure_count_sum"]!, (int)g["figures"]!);
        Assert.True((bool)g["figures_match_count"]!);
        Assert.Equal((int)g["nodes"]!, (int)p["nodes"]!);
        Assert.Equal((int)g["edges"]!, (int)p["edges"]!);
        Assert.Equal((int)g["figures"]!, (int)p["figures"]!);
        Assert.Equal("int64", (string?)p["figure_count_dtype"]);
        Assert.Equal("bool", (string?)p["from_narrative_dtype"]);
        Assert.Equal("float64", (string?)p["number_dtype"]);
        Assert.Equal("object", (string?)p["value_dtype"]);
        Assert.True((bool)p["numbers_equal_values"]!);
        Assert.True((bool)p["figure_entities_are_nodes"]!);
        Assert.Equal((double)p["first"]!["number"]!, double.Parse((string)p["first"]!["value"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        Directory.Delete(_corpus, recursive: true);
        Directory.Delete(_workingDirectory, recursive: true);
    }

    /// <summary>
    /// A Python that has the modules: Debian's /usr/bin/python3 (where .ci/run installs python3-networkx and
    /// python3-pandas; PyPI is not reachable here), else python3 on the PATH. Skips with the reason otherwise.
    /// </summary>
    private static async Task<string> PythonWith(params string[] modules)
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var probe = await Processes.Run(candidate, ["-c", "import " + string.Join(", ", modules)], timeout: TimeSpan.FromMinutes(1));
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next.
            }
        }

        Assert.Skip($"no Python with {string.Join(" and ", modules)} (/usr/bin/python3 or python3 on the PATH); .ci/run installs Debian's python3-networkx and python3-pandas");
        return string.Empty;
    }
}
