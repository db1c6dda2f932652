using System.Reflection;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>One version for the solution: Directory.Build.props, <c>dtgraph --version</c> and the README agree.</summary>
public sealed class VersionTests
{
    private static readonly string Prefix = Regex.Match(
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Build.props")), "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;

    [Fact]
    public async Task Dtgraph_prints_the_solution_version_and_the_commit_it_was_built_from()
    {
        var result = await Processes.Dtgraph("--version");

        var built = typeof(Commands.ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(built, result.Stdout.Trim());
        Assert.StartsWith(Prefix, built, StringComparison.Ordinal);
        if (Directory.Exists(Path.Combine(RepositoryRoot.Path, ".git")) || File.Exists(Path.Combine(RepositoryRoot.Path, ".git")))
        {
            Assert.Matches($@"^{Regex.Escape(Prefix)}\+[0-9a-f]{{40}}$", built);
        }
    }

    [Fact]
    public void The_readme_and_the_changelog_state_the_version()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var changelog = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "CHANGELOG.md"));

        Assert.Contains($"version {Prefix}", readme, StringComparison.Ordinal);
        Assert.Matches(@"## \[Unreleased\]", changelog);
    }
}
