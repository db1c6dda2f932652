using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

public enum ExportFormat
{
    Json,
    GraphMl,
    Csv,
}

/// <summary>How far an export is: entities or relations written of all there are.</summary>
public sealed record ExportProgress(string Phase, int Done, int Total);

/// <summary>Writes a snapshot in a researcher's format. CSV writes three files (nodes, edges, figures); the others one.</summary>
public static class GraphExport
{
    /// <summary>The formats by the names the command line uses.</summary>
    public static IReadOnlyDictionary<string, ExportFormat> Names { get; } = new Dictionary<string, ExportFormat>(StringComparer.Ordinal)
    {
        ["json"] = ExportFormat.Json,
        ["graphml"] = ExportFormat.GraphMl,
        ["csv"] = ExportFormat.Csv,
    };

    /// <summary>Writes the export under <paramref name="output"/> and returns the files written.</summary>
    /// <param name="progress">Told as entities and relations are written (for a progress line on large graphs).</param>
    public static IReadOnlyList<string> Write(GraphSnapshot snapshot, ExportFormat format, string output, IProgress<ExportProgress>? progress = null)
    {
        switch (format)
        {
            case ExportFormat.Json:
                using (var stream = Create(output))
                {
                    JsonGraphWriter.Write(snapshot, stream, progress);
                }

                return [output];
            case ExportFormat.GraphMl:
                using (var stream = Create(output))
                {
                    GraphMlWriter.Write(snapshot, stream, progress);
                }

                return [output];
            case ExportFormat.Csv:
                Directory.CreateDirectory(output);
                var nodes = Path.Combine(output, "nodes.csv");
                var edges = Path.Combine(output, "edges.csv");
                var figures = Path.Combine(output, "figures.csv");
                CsvGraphWriter.Write(snapshot, nodes, edges, figures, progress);
                return [nodes, edges, figures];
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

    internal static readonly IReadOnlyList<string> FigureColumns =
        [.. FigureProperties("", new Figure(new LocalizedText("", ""), "", null, null, null, null)).Select(p => p.Name)];

    /// <summary>The GraphML type of a column (attr.type); text unless it holds a count, a number or a yes/no.</summary>
    internal static string ColumnType(string column) => column switch
    {
        "figure_count" => "int",
        "number" => "double",
        "from_narrative" => "boolean",
        _ => "string",
    };

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
        ("sources", string.Join("|", e.Sources.Where(s => s.Section is not null).Select(s => s.Table is null ? s.Section : $"{s.Section} ({s.Table})"))),

        // The facts general knowledge vouches for, each with its reference: "status=mti.gov.sg|aliases.DEPA=…".
        ("general_facts", string.Join("|", e.Sources.Where(s => s.Origin == SourceOrigin.General).SelectMany(s => s.About.Select(a => $"{a}={s.Reference}")))),
        ("dates_not_given", string.Join("|", e.DatesNotGiven)),
        ("figure_count", e.Figures.Count.ToString(CultureInfo.InvariantCulture)),

        // Each language's narrative as plain text, so a table can be read in one language.
        ("narrative_zh", e.Narrative.In(Language.Zh).Text),
        ("narrative_en", e.Narrative.In(Language.En).Text),
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
        ("origin", Origin(r.Properties.Source)),
        ("reference", r.Properties.Source?.Reference),
    ];

    /// <summary>One figure of an entity as a row: the value exactly as printed and, beside it, as a number.</summary>
    internal static IEnumerable<(string Name, string? Value)> FigureProperties(string entityKey, Figure f) =>
    [
        ("entity", entityKey),
        ("name_zh", f.Name.Zh),
        ("name_en", f.Name.En),
        ("value", f.Value),
        ("number", Number(f.Value)?.ToString("R", CultureInfo.InvariantCulture)),
        ("unit", f.Unit),
        ("period", f.Period),
        ("qualifier", f.Qualifier),
        ("source", f.Source?.Section),
        ("table", f.Source?.Table),
        ("origin", Origin(f.Source)),
        ("reference", f.Source?.Reference),
    ];

    /// <summary>report or general: a fact without a source of its own comes from the report like its entity.</summary>
    internal static string Origin(SourceRef? source) => source?.Origin == SourceOrigin.General ? "general" : "report";

    /// <summary>A printed value as a number, as the API's <c>number</c> fields read it (null, never a guess, for anything else).</summary>
    internal static double? Number(string printed) => PrintedNumber.Parse(printed);

    /// <summary>Reports every 256th item and the last, so a progress line costs nothing noticeable.</summary>
    internal static void Report(IProgress<ExportProgress>? progress, string phase, int done, int total)
    {
        if (progress is not null && (done % 256 == 0 || done == total))
        {
            progress.Report(new ExportProgress(phase, done, total));
        }
    }
}
