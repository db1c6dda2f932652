using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

public enum ExportFormat
{
    Json,
    GraphMl,
    Csv,
}

/// <summary>Writes a snapshot in a researcher's format. CSV writes two files (nodes, edges); the others one.</summary>
public static class GraphExport
{
    /// <summary>Writes the export under <paramref name="output"/> and returns the files written.</summary>
    public static IReadOnlyList<string> Write(GraphSnapshot snapshot, ExportFormat format, string output)
    {
        switch (format)
        {
            case ExportFormat.Json:
                using (var stream = Create(output))
                {
                    JsonGraphWriter.Write(snapshot, stream);
                }

                return [output];
            case ExportFormat.GraphMl:
                using (var stream = Create(output))
                {
                    GraphMlWriter.Write(snapshot, stream);
                }

                return [output];
            case ExportFormat.Csv:
                Directory.CreateDirectory(output);
                var nodes = Path.Combine(output, "nodes.csv");
                var edges = Path.Combine(output, "edges.csv");
                CsvGraphWriter.Write(snapshot, nodes, edges);
                return [nodes, edges];
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static FileStream Create(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return File.Create(path);
    }

    internal static readonly IReadOnlyList<string> NodeColumns =
        [.. NodeProperties(new Entity("", EntityKind.Case, new LocalizedText("", ""), [], null, Narrative.Empty, [], [], [])).Select(p => p.Name)];

    internal static readonly IReadOnlyList<string> EdgeColumns =
        [.. EdgeProperties(new Relation("", RelationType.Mentions, "", RelationProperties.None)).Select(p => p.Name)];

    /// <summary>The flat node properties every tabular format shares, in column order.</summary>
    internal static IEnumerable<(string Name, string? Value)> NodeProperties(Entity e) =>
    [
        ("key", e.Key),
        ("kind", e.Kind.Info().Name),
        ("name_zh", e.Name.Zh),
        ("name_en", e.Name.En),
        ("aliases", string.Join("|", e.Aliases)),
        ("status", e.Status),
        ("type", e.Category),
        ("level", e.Level),
        ("theme", e.Theme),
        ("dates", string.Join("|", e.Dates.Select(d => $"{d.Name}={d.Date}"))),
        ("summary_zh", e.Summary?.Zh),
        ("summary_en", e.Summary?.En),
        ("sources", string.Join("|", e.Sources.Select(s => s.Table is null ? s.Section : $"{s.Section} ({s.Table})"))),
        ("figure_count", e.Figures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    internal static IEnumerable<(string Name, string? Value)> EdgeProperties(Relation r) =>
    [
        ("from", r.From),
        ("to", r.To),
        ("type", r.Type.Info().Name),
        ("date", r.Properties.Date?.ToString()),
        ("role", r.Properties.Role),
        ("note", r.Properties.Note),
        ("source", r.Properties.Source?.Section),
        ("from_narrative", r.Properties.Origin == RelationOrigin.BodyLink ? "true" : "false"),
    ];
}
