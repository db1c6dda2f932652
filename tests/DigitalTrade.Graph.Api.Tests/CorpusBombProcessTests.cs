using System.Diagnostics;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 11.4 as the user met it: <c>dtgraph validate</c> on a corpus holding bombs exited 134 (a stack
/// overflow .NET cannot catch). The built host, run as a process, must print every diagnostic and exit 1.
/// </summary>
[Trait("Category", "Process")]
public sealed class CorpusBombProcessTests
{
    private const string Head = "---\nkind: case\nname: { zh: 炸弹, en: Bomb }\n";

    [Fact]
    public async Task Validate_reports_every_bomb_and_exits_1_instead_of_crashing()
    {
        var corpus = Path.Combine(Path.GetTempPath(), "dtg-bombs-" + Guid.NewGuid().ToString("N"), "graph-seed");
        try
        {
            Write(corpus, "cases/sequences.md", Head + "x: " + new string('[', 100_000) + new string(']', 100_000) + "\n---\n::: zh\n正文。\n:::\n\n::: en\nBody.\n:::\n");
            Write(corpus, "cases/mappings.md", Head + "x: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "b" + new string('}', 20_000) + "\n---\n::: zh\n正文。\n:::\n\n::: en\nBody.\n:::\n");
            Write(corpus, "cases/laughs.md", "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                + string.Concat("bcdefghi".Select((c, i) => $"{c}: &{c} [{string.Join(", ", Enumerable.Repeat("*" + "abcdefghi"[i], 9))}]\n")) + "---\n::: zh\n正文。\n:::\n\n::: en\nBody.\n:::\n");
            Write(corpus, "cases/lists.md", Head + "---\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "- a\n")));
            Write(corpus, "cases/huge.md", Head + "---\n");
            using (var stream = new FileStream(Path.Combine(corpus, "cases", "huge.md"), FileMode.Open))
            {
                stream.SetLength(50_000_000);
            }

            var clock = Stopwatch.StartNew();
            var (exit, output) = await HostProcess.RunAsync(["validate", corpus], TimeSpan.FromMinutes(1));
            var elapsed = clock.Elapsed;

            Assert.True(exit == 1, $"exit {exit}: {output}");
            Assert.Equal(
                [
                    "graph-seed/cases/huge.md(1,1): error DTG026: the file has 50,000,000 bytes, more than the 1,048,576 allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities",
                    "graph-seed/cases/laughs.md(7,8): error DTG028: the front matter has more than 100,000 nodes, counting each alias as the nodes it repeats (Corpus:Limits:MaxYamlNodes)",
                    "graph-seed/cases/lists.md(1,1): error DTG026: the file has 9,009,050 bytes, more than the 1,048,576 allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities",
                    "graph-seed/cases/mappings.md(4,128): error DTG027: the front matter nests more than 32 levels deep (Corpus:Limits:MaxYamlDepth)",
                    "graph-seed/cases/sequences.md(4,35): error DTG027: the front matter nests more than 32 levels deep (Corpus:Limits:MaxYamlDepth)",
                    $"{corpus}: INVALID: 5 files, 5 errors, 0 warnings",
                ],
                output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(elapsed < TimeSpan.FromSeconds(30), $"{elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(corpus)!, recursive: true);
        }
    }

    /// <summary>The configured limits reach the commands too: the same nested list passes the size check with a larger limit and is refused for its nesting.</summary>
    [Fact]
    public async Task Validate_reads_the_limits_from_the_environment()
    {
        var corpus = Path.Combine(Path.GetTempPath(), "dtg-bombs-" + Guid.NewGuid().ToString("N"), "graph-seed");
        try
        {
            Write(corpus, "cases/lists.md", Head + "---\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "- a\n")));

            var clock = Stopwatch.StartNew();
            var (exit, output) = await HostProcess.RunAsync(["validate", corpus], TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["Corpus__Limits__MaxFileBytes"] = "16000000" });
            var elapsed = clock.Elapsed;

            Assert.True(exit == 1, $"exit {exit}: {output}");
            Assert.Contains(
                "graph-seed/cases/lists.md(37,65): error DTG029: the narrative nests lists and block quotes more than 32 deep (Corpus:Limits:MaxMarkdownNesting)",
                output.Split('\n'));
            Assert.True(elapsed < TimeSpan.FromSeconds(30), $"{elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(corpus)!, recursive: true);
        }
    }

    private static void Write(string corpus, string relative, string content)
    {
        var path = Path.Combine(corpus, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
