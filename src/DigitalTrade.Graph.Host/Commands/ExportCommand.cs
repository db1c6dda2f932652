using System.CommandLine;
using DigitalTrade.Graph.Exports;
using DigitalTrade.Graph.Host.Hosting;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>export --format json|graphml|csv</c>: the validated graph with every property, for networkx, Gephi and pandas.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<ExportFormat>("--format")
        {
            Description = "json (one document), graphml (Gephi, networkx.read_graphml) or csv (nodes.csv + edges.csv, pandas.read_csv).",
            Required = true,
        };
        var output = new Option<string?>("--output") { Description = "File (json, graphml) or folder (csv) to write; defaults to export/graph.json, export/graph.graphml or export/csv/." };
        var corpus = new Option<string>("--corpus") { Description = "The corpus folder.", DefaultValueFactory = _ => "graph-seed" };
        var command = new Command("export", "Export the graph's nodes and edges with all their properties.") { format, output, corpus };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(corpus)!;
            var result = CorpusLocation.Load(folder);
            if (result.Snapshot is not { } snapshot)
            {
                foreach (var diagnostic in result.Diagnostics.Where(d => d.IsError))
                {
                    Console.Error.WriteLine(diagnostic);
                }

                Console.Error.WriteLine($"{folder}: {result.ErrorCount} errors; nothing exported");
                return 1;
            }

            var chosen = parseResult.GetValue(format);
            var target = parseResult.GetValue(output) ?? chosen switch
            {
                ExportFormat.Json => "export/graph.json",
                ExportFormat.GraphMl => "export/graph.graphml",
                _ => "export/csv",
            };
            foreach (var file in GraphExport.Write(snapshot, chosen, target))
            {
                Console.Out.WriteLine($"wrote {file}");
            }

            Console.Out.WriteLine($"{snapshot.Entities.Count} nodes, {snapshot.AllRelations.Count} edges, version {snapshot.Version}");
            return 0;
        });
        return command;
    }
}
