using System.Text.Json.Nodes;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Host.Commands.Reports;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// <c>validate --format github|sarif</c> as a pull-request check runs it: from the repository root, over a
/// corpus with errors and warnings whose file names and messages hold every character GitHub escapes.
/// </summary>
public sealed class ValidateFormatTests : IDisposable
{
    private readonly string _repository = Path.Combine(Path.GetTempPath(), "dtg-repo-" + Guid.NewGuid().ToString("N"));

    public ValidateFormatTests()
    {
        // A checkout: the folder holding .git is the root annotations and SARIF locations are relative to.
        Directory.CreateDirectory(Path.Combine(_repository, ".git"));
        const string Sourced = "summary: { zh: 测试。, en: A test. }\nsources:\n  - section: \"综述篇\"\n";
        const string Body = "::: zh\n正文。\n:::\n\n::: en\nBody.\n:::\n";
        Write("graph-seed/cases/bad.md", $"---\nkind: case\nname: {{ zh: 坏 }}\n{Sourced}---\n{Body}");
        Write("graph-seed/cases/a,b:c.md", "---\nkind: case\n---\n");
        Write("graph-seed/agreements/odd.md", $"---\nkind: agreement\nname: {{ zh: 协定, en: Agreement }}\n{Sourced}type: agreement\nstatus: \"50%\\r\\nnow\"\ndates:\n  signed: not_given\n---\n{Body}");
        Write("graph-seed/cases/quiet.md", $"---\nkind: case\nname: {{ zh: 安静, en: Quiet }}\n{Sourced}---\n");
    }

    [Fact]
    public void GitHub_escaping_is_the_Actions_toolkits_for_data_and_properties()
    {
        // Diagnostics already escape control characters (\u000D), so the process test above cannot send a raw line break through.
        Assert.Equal("50%25%0D%0Anow: a, b", GitHubAnnotations.Data("50%\r\nnow: a, b"));
        Assert.Equal("graph-seed/a%3Ab%2Cc%0A.md", GitHubAnnotations.Property("graph-seed/a:b,c\n.md"));
    }

    [Fact]
    public async Task GitHub_format_writes_one_escaped_workflow_command_per_problem()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "validate", "graph-seed", "--format", "github"], _repository, new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = null });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "::error file=graph-seed/agreements/odd.md,line=8,col=9::DTG015 '50%25\\u000D\\u000Anow' is not a valid status for a agreement (allowed: negotiating, concluded, signed, in_force, adopted, announced)\n" +
            "::error file=graph-seed/cases/a%2Cb%3Ac.md,line=1,col=1::DTG008 file name 'a,b:c.md' is not a valid key: use lower-case ASCII letters, digits and single hyphens\n" +
            "::error file=graph-seed/cases/bad.md,line=3,col=7::DTG005 'name.en' is missing\n" +
            "::warning file=graph-seed/cases/quiet.md,line=8,col=1::DTG021 the narrative body is empty\n" +
            "graph-seed: INVALID: 4 files, 3 errors, 1 warnings\n",
            result.Stdout);
    }

    [Fact]
    public async Task GitHub_paths_are_relative_to_the_workspace_whichever_folder_validate_runs_in()
    {
        var elsewhere = Path.Combine(_repository, "graph-seed", "cases");
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "validate", "../../graph-seed", "--format", "github"], elsewhere, new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = _repository });

        Assert.Contains("::error file=graph-seed/cases/bad.md,line=3,col=7::DTG005 'name.en' is missing\n", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain", "plain")]
    [InlineData("100% done", "100%25 done", "100%25 done")]
    [InlineData("a\r\nb", "a%0D%0Ab", "a%0D%0Ab")]
    [InlineData("c:\\x,y", "c:\\x,y", "c%3A\\x%2Cy")]
    [InlineData("%0A", "%250A", "%250A")]
    public void Messages_and_properties_are_escaped_as_the_actions_toolkit_does(string raw, string data, string property)
    {
        Assert.Equal(data, GitHubAnnotations.Data(raw));
        Assert.Equal(property, GitHubAnnotations.Property(raw));
    }

    [Fact]
    public async Task Sarif_format_is_valid_sarif_2_1_0_with_a_result_per_problem_on_its_line()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "validate", "graph-seed", "--format", "sarif"], _repository, new Dictionary<string, string?> { ["GITHUB_WORKSPACE"] = null });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("graph-seed: INVALID: 4 files, 3 errors, 1 warnings\n", result.Stderr);
        Assert.Empty(await SarifSchema.Errors(result.Stdout));

        var run = JsonNode.Parse(result.Stdout)!["runs"]![0]!;
        var results = run["results"]!.AsArray();
        Assert.Equal(4, results.Count);
        var bad = results.Single(r => (string?)r!["ruleId"] == "DTG005")!;
        Assert.Equal("error", (string?)bad["level"]);
        Assert.Equal("'name.en' is missing", (string?)bad["message"]!["text"]);
        var location = bad["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("graph-seed/cases/bad.md", (string?)location["artifactLocation"]!["uri"]);
        Assert.Equal("%SRCROOT%", (string?)location["artifactLocation"]!["uriBaseId"]);
        Assert.Equal(3, (int)location["region"]!["startLine"]!);
        Assert.Equal(7, (int)location["region"]!["startColumn"]!);
        Assert.Equal("graph-seed/cases/a%2Cb%3Ac.md", (string?)results.Single(r => (string?)r!["ruleId"] == "DTG008")!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal("warning", (string?)results.Single(r => (string?)r!["ruleId"] == "DTG021")!["level"]);

        // Each result's ruleIndex points at its own rule.
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.All(results, r => Assert.Equal((string?)r!["ruleId"], (string?)rules[(int)r["ruleIndex"]!]!["id"]));
    }

    [Fact]
    public async Task Sarif_of_a_valid_corpus_is_valid_with_no_results()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "validate", Path.Combine(RepositoryRoot.Path, "graph-seed"), "--format", "sarif"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(await SarifSchema.Errors(result.Stdout));
        var results = JsonNode.Parse(result.Stdout)!["runs"]![0]!["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal("warning", (string?)r!["level"]));
        Assert.All(results, r => Assert.StartsWith("graph-seed/", (string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_check_itself_catches_a_log_that_breaks_the_standard()
    {
        var result = await Processes.Run("dotnet", [Processes.DtgraphDll, "validate", "graph-seed", "--format", "sarif"], _repository);
        var log = JsonNode.Parse(result.Stdout)!;
        log["runs"]![0]!["results"]![0]!["level"] = "fatal";
        log["runs"]![0]!["results"]![1]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        log["version"] = "2.0.0";

        var errors = string.Join('\n', await SarifSchema.Errors(log.ToJsonString()));

        Assert.Contains("#/version: NotInEnumeration", errors, StringComparison.Ordinal);
        Assert.Contains("#/runs[0].results[0].level: NotInEnumeration", errors, StringComparison.Ordinal);
        Assert.Contains("#/runs[0].results[1].locations[0].physicalLocation.region.startLine: NumberTooSmall", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_diagnostic_code_is_a_rule_described_as_the_editors_guide_describes_it()
    {
        var codes = typeof(DiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal).ToList();
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "README.md"));

        Assert.Equal(codes, DiagnosticRules.All.Select(r => r.Code));
        Assert.All(DiagnosticRules.All, rule =>
        {
            Assert.NotEqual(rule.Name, rule.Meaning);
            // A code the guide lists as "error or warning" (DTG032 takes the severity of what it counts) is an error rule by default.
            Assert.Contains($"| {rule.Code} | {(rule.IsError ? "error" : "warning")}", guide, StringComparison.Ordinal);
        });
        Assert.Equal("relation target does not exist", DiagnosticRules.All.Single(r => r.Code == DiagnosticCodes.DanglingRelation).Meaning);
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_repository, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
