using System.CommandLine;
using DigitalTrade.Graph.Host.Hosting;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>validate [path]</c>: every diagnostic of the corpus, a one-line summary, exit code 1 on errors.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "The corpus folder to check.",
            DefaultValueFactory = _ => "graph-seed",
        };
        var command = new Command("validate", "Check a corpus and print every problem as path(line,col): error CODE: message.") { path };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(path)!;
            var result = CorpusLocation.Load(folder);
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Out.WriteLine(diagnostic);
            }

            var verdict = result.Succeeded ? "valid" : "INVALID";
            var size = result.Snapshot is { } s ? $", {s.Entities.Count} entities, {s.AllRelations.Count} relations" : string.Empty;
            Console.Out.WriteLine($"{folder}: {verdict}: {result.FileCount} files{size}, {result.ErrorCount} errors, {result.WarningCount} warnings");
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }
}
