using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

/// <summary>
/// Three RFC 4180 CSV files, UTF-8 with a header row: nodes (one row per entity), edges (one per relation)
/// and figures (one per figure, keyed by its entity: each value as printed and as a number).
/// </summary>
public static class CsvGraphWriter
{
    public static void Write(GraphSnapshot snapshot, string nodesPath, string edgesPath, string figuresPath, IProgress<ExportProgress>? progress = null)
    {
        var entities = snapshot.Entities;
        WriteRows(nodesPath, GraphExport.NodeColumns, entities.Select((e, i) =>
        {
            GraphExport.Report(progress, "entities written", i + 1, entities.Count);
            return GraphExport.NodeProperties(e);
        }));
        var relations = snapshot.AllRelations;
        WriteRows(edgesPath, GraphExport.EdgeColumns, relations.Select((r, i) =>
        {
            GraphExport.Report(progress, "relations written", i + 1, relations.Count);
            return GraphExport.EdgeProperties(r);
        }));
        WriteRows(figuresPath, GraphExport.FigureColumns, entities.SelectMany(e => e.Figures.Select(f => GraphExport.FigureProperties(e.Key, f))));
    }

    private static void WriteRows(string path, IReadOnlyList<string> columns, IEnumerable<IEnumerable<(string Name, string? Value)>> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(string.Join(',', columns.Select(Escape)));
        writer.Write("\r\n");
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row.Select(c => Escape(c.Value ?? string.Empty))));
            writer.Write("\r\n");
        }
    }

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
