namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// Every command's wrong option or argument, run as the process a person runs: a usage error (exit 2)
/// in a few lines on standard error that name the valid choices, never a .NET type name or a stack trace,
/// and never a server started by mistake.
/// </summary>
public sealed class CliErrorTests
{
    public static TheoryData<string[], string[]> Cases => new()
    {
        { ["frob"], ["dtgraph: error: unknown command 'frob'", "commands: serve, validate, new, export, seed"] },
        { ["serve", "frob"], ["dtgraph serve: error: unexpected argument 'frob'", "usage: dtgraph serve [--watch] [--urls <address>]"] },
        { ["validate", "--format", "xml"], ["dtgraph validate: error: Argument 'xml' not recognized. Must be one of: 'text' 'github' 'sarif'"] },
        { ["validate", "--bogus"], ["dtgraph validate: error: unknown option '--bogus' (options: --format text|github|sarif)"] },
        { ["validate", "graph-seed", "extra"], ["dtgraph validate: error: unexpected argument 'extra'", "usage: dtgraph validate [<corpus folder>] [--format text|github|sarif]"] },
        { ["new"], ["dtgraph new: error: Required argument missing", "usage: dtgraph new <kind> <slug>", "kinds: agreement, policy, organization, economy, province, city, zone, base, case, indicator"] },
        { ["new", "treaty", "x"], ["dtgraph new: error: unknown kind 'treaty' (kinds: agreement, policy, organization, economy, province, city, zone, base, case, indicator, event)"] },
        { ["new", "case", "Not_A_Key"], ["dtgraph new: error: 'Not_A_Key' is not a valid key: use lower-case ASCII letters, digits and single hyphens"] },
        { ["export", "--format", "xml"], ["dtgraph export: error: Argument 'xml' not recognized. Must be one of: 'json' 'graphml' 'csv'", "usage: dtgraph export --format json|graphml|csv"] },
        { ["export"], ["dtgraph export: error: Option '--format' is required.", "usage: dtgraph export --format json|graphml|csv"] },
        { ["export", "--format", "json", "--bogus"], ["dtgraph export: error: unknown option '--bogus'"] },
        { ["seed"], ["dtgraph seed: error: name the target database (targets: --neo4j)"] },
        { ["seed", "--neo4j", "stray"], ["dtgraph seed: error: unexpected argument 'stray'", "usage: dtgraph seed --neo4j"] },
        { ["healthcheck", "stray"], ["dtgraph healthcheck: error: unexpected argument 'stray'", "usage: dtgraph healthcheck"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_wrong_command_line_is_a_usage_error_that_names_the_choices(string[] args, string[] expected)
    {
        var result = await Processes.Dtgraph(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.All(expected, text => Assert.Contains(text, result.Stderr, StringComparison.Ordinal));
        Assert.Contains($"run `dtgraph{(args[0] == "frob" ? string.Empty : " " + args[0])} --help` for details", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("DigitalTrade.Graph.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 5, result.ToString());
    }

    [Fact]
    public async Task Seed_without_a_server_names_the_setting_that_gives_one()
    {
        var corpus = ApiCorpus.Write();
        try
        {
            var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "seed", "--neo4j", "--corpus", corpus], environment: new Dictionary<string, string?> { ["NEO4J_URI"] = null, ["Neo4j__Uri"] = null });

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("dtgraph seed: error: no Neo4j server: set Neo4j:Uri or NEO4J_URI (e.g. http://localhost:7474)", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    [Fact]
    public async Task Help_and_version_still_work_beside_the_checks()
    {
        var help = await Processes.Dtgraph("export", "--help");
        var version = await Processes.Dtgraph("--version");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--format", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
    }
}
