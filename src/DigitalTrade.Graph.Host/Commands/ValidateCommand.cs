using System.CommandLine;
using DigitalTrade.Graph.Host.Commands.Reports;
using DigitalTrade.Graph.Host.Hosting;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>
/// <c>validate [path] [--format text|github|sarif]</c>: every diagnostic of the corpus, exit code 1 on errors.
/// <c>text</c> is for people and editors (path(line,col): error CODE: message, then a summary line);
/// <c>github</c> writes Actions annotations and <c>sarif</c> a SARIF 2.1.0 log, so a pull request
/// shows each problem on its line.
/// </summary>
internal static class ValidateCommand
{
    private static readonly string[] Formats = ["text", "github", "sarif"];

    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "The corpus folder to check.",
            DefaultValueFactory = _ => "graph-seed",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (path(line,col): error CODE: message), github (GitHub Actions annotations) or sarif (SARIF 2.1.0 on standard output, for code scanning).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("validate", "Check a corpus and print every problem in every file, like a compiler.") { path, format };
        command.WithUsage("dtgraph validate [<corpus folder>] [--format text|github|sarif]");
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(path)!;
            if (folder.StartsWith('-'))
            {
                return Cli.Fail(command, $"unknown option '{folder}' (options: --format text|github|sarif)");
            }

            Corpus.CorpusLoadResult result;
            using (var progress = TerminalProgress.ForConsole())
            {
                result = CorpusLocation.Load(folder, progress: progress.For<Corpus.CorpusLoadProgress>(p => ("files read", p.FilesRead, p.FileCount)));
            }

            var verdict = result.Succeeded ? "valid" : "INVALID";
            var size = result.Snapshot is { } s ? $", {s.Entities.Count} entities, {s.AllRelations.Count} relations" : string.Empty;
            var summary = $"{folder}: {verdict}: {result.FileCount} files{size}, {result.ErrorCount} errors, {result.WarningCount} warnings";
            switch (parseResult.GetValue(format))
            {
                case "github":
                    GitHubAnnotations.Write(Console.Out, result.Diagnostics, new RepositoryPaths(CorpusLocation.Resolve(folder), folder));
                    Console.Out.WriteLine(summary);
                    break;
                case "sarif":
                    // The log is the whole of standard output (it is redirected to a file); the summary goes to standard error.
                    using (var stdout = Console.OpenStandardOutput())
                    {
                        SarifLog.Write(stdout, result.Diagnostics, new RepositoryPaths(CorpusLocation.Resolve(folder), folder), ToolVersion.Informational);
                    }

                    Console.Error.WriteLine(summary);
                    break;
                default:
                    foreach (var diagnostic in result.Diagnostics)
                    {
                        Console.Out.WriteLine(diagnostic);
                    }

                    Console.Out.WriteLine(summary);
                    break;
            }

            return result.Succeeded ? 0 : 1;
        });
        return command;
    }
}
