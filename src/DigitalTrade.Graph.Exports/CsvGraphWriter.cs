using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

/// <summary>Two RFC 4180 CSV files, UTF-8 with a header row: nodes (one row per entity) and edges (one per relation).</summary>
public static class CsvGraphWriter
{
    public static void Write(GraphSnapshot snapshot, string nodesPath, string edgesPath)
    {
        WriteRows(nodesPath, GraphExport.NodeColumns, snapshot.Entities.Select(GraphExport.NodeProperties));
        WriteRows(edgesPath, GraphExport.EdgeColumns, snapshot.AllRelations.Select(GraphExport.EdgeProperties));
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
