using System.CommandLine;
using DigitalTrade.Graph.Exports;
using DigitalTrade.Graph.Host.Hosting;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>export --format json|graphml|csv</c>: the validated graph with every property, for networkx, Gephi and pandas.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "json (one document), graphml (Gephi, networkx.read_graphml) or csv (nodes.csv, edges.csv and figures.csv, pandas.read_csv).",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. GraphExport.Names.Keys]);
        var output = new Option<string?>("--output")
        {
            Description = "File (json, graphml) or folder (csv) to write, relative to the current directory; defaults to export/graph.json, export/graph.graphml or export/csv/.",
        };
        var corpus = new Option<string>("--corpus") { Description = "The corpus folder.", DefaultValueFactory = _ => "graph-seed" };
        var command = new Command("export", "Export the graph's nodes and edges with all their properties.") { format, output, corpus };
        command.WithUsage("dtgraph export --format json|graphml|csv [--output <file or folder>] [--corpus <folder>]");
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(corpus)!;
            var chosen = GraphExport.Names[parseResult.GetValue(format)!];
            using var progress = TerminalProgress.ForConsole();
            var result = CorpusLocation.Load(folder, progress: progress.For<Corpus.CorpusLoadProgress>(p => ("files read", p.FilesRead, p.FileCount)));
            if (result.Snapshot is not { } snapshot)
            {
                progress.Clear();
                foreach (var diagnostic in result.Diagnostics.Where(d => d.IsError))
                {
                    Console.Error.WriteLine(diagnostic);
                }

                Console.Error.WriteLine($"{folder}: {result.ErrorCount} errors; nothing exported (run `dtgraph validate {folder}` for every problem)");
                return 1;
            }

            // Relative to the directory the command was run from (dotnet run, the tool and the container keep it),
            // printed in full so the files are found where they are.
            var target = Path.GetFullPath(parseResult.GetValue(output) ?? chosen switch
            {
                ExportFormat.Json => "export/graph.json",
                ExportFormat.GraphMl => "export/graph.graphml",
                _ => "export/csv",
            });
            IReadOnlyList<string> files;
            try
            {
                files = GraphExport.Write(snapshot, chosen, target, progress.For<ExportProgress>(p => (p.Phase, p.Done, p.Total)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                progress.Clear();
                Console.Error.WriteLine($"dtgraph export: error: cannot write {target}: {e.Message}");
                return 1;
            }

            progress.Clear();
            foreach (var file in files)
            {
                Console.Out.WriteLine($"wrote {file}");
            }

            Console.Out.WriteLine($"{snapshot.Entities.Count} nodes, {snapshot.AllRelations.Count} edges, version {snapshot.Version}");
            return 0;
        });
        return command;
    }
}
