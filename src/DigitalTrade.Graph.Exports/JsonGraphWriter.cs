using System.Text.Encodings.Web;
using System.Text.Json;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Exports;

/// <summary>
/// The whole graph as one JSON document: <c>{ version, createdAt, entities: [...], relations: [...] }</c>,
/// every property of every entity (indicator tables included) and relation. Also the data the
/// benchmark's graphql-js peer serves.
/// </summary>
public static class JsonGraphWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(GraphSnapshot snapshot, Stream stream, IProgress<ExportProgress>? progress = null)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteString("version", snapshot.Version);
        json.WriteString("createdAt", snapshot.CreatedAt);
        json.WriteStartArray("entities");
        var written = 0;
        foreach (var e in snapshot.Entities)
        {
            WriteEntity(json, e);
            GraphExport.Report(progress, "entities written", ++written, snapshot.Entities.Count);
        }

        json.WriteEndArray();
        json.WriteStartArray("relations");
        written = 0;
        foreach (var r in snapshot.AllRelations)
        {
            GraphExport.Report(progress, "relations written", ++written, snapshot.AllRelations.Count);
            json.WriteStartObject();
            json.WriteString("from", r.From);
            json.WriteString("type", r.Type.Info().Name);
            json.WriteString("to", r.To);
            WriteOptional(json, "date", r.Properties.Date?.ToString());
            WriteOptional(json, "role", r.Properties.Role);
            WriteOptional(json, "note", r.Properties.Note);
            if (r.Properties.Source is { } source)
            {
                json.WritePropertyName("source");
                WriteSource(json, source);
            }

            json.WriteBoolean("fromNarrative", r.Properties.Origin == RelationOrigin.BodyLink);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter json, Entity e)
    {
        json.WriteStartObject();
        json.WriteString("key", e.Key);
        json.WriteString("kind", e.Kind.Info().Name);
        WriteText(json, "name", e.Name);
        json.WriteStartArray("aliases");
        foreach (var alias in e.Aliases)
        {
            json.WriteStringValue(alias);
        }

        json.WriteEndArray();
        if (e.Summary is { } summary)
        {
            WriteText(json, "summary", summary);
        }

        WriteOptional(json, "status", e.Status);
        WriteOptional(json, "type", e.Category);
        WriteOptional(json, "level", e.Level);
        WriteOptional(json, "theme", e.Theme);
        WriteNarrative(json, "narrative", e.Narrative);
        json.WriteStartArray("dates");
        foreach (var d in e.Dates)
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            json.WriteString("date", d.Date.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("datesNotGiven");
        foreach (var name in e.DatesNotGiven)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WritePropertyName("figures");
        WriteFigures(json, e.Figures);
        json.WriteStartArray("sources");
        foreach (var s in e.Sources)
        {
            WriteSource(json, s);
        }

        json.WriteEndArray();
        if (e.Indicator is { } table)
        {
            WriteIndicator(json, table);
        }

        json.WriteEndObject();
    }

    /// <summary>An entity's figures as a JSON array, as the JSON export writes them (GraphML carries the same text in one attribute).</summary>
    internal static string FiguresJson(IReadOnlyList<Figure> figures)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteFigures(json, figures);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteFigures(Utf8JsonWriter json, IReadOnlyList<Figure> figures)
    {
        json.WriteStartArray();
        foreach (var f in figures)
        {
            json.WriteStartObject();
            WriteText(json, "name", f.Name);
            json.WriteString("value", f.Value);
            if (GraphExport.Number(f.Value) is { } number)
            {
                json.WriteNumber("number", number);
            }

            WriteOptional(json, "unit", f.Unit);
            WriteOptional(json, "period", f.Period);
            WriteOptional(json, "qualifier", f.Qualifier);
            if (f.Source is { } source)
            {
                json.WritePropertyName("source");
                WriteSource(json, source);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteIndicator(Utf8JsonWriter json, IndicatorTable table)
    {
        json.WriteStartObject("indicator");
        json.WriteString("table", table.Table);
        json.WriteString("unit", table.Unit);
        WriteOptional(json, "dataSource", table.DataSource);
        WriteOptional(json, "notes", table.Notes);
        json.WriteStartArray("series");
        foreach (var s in table.Series)
        {
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            WriteText(json, "name", s.Name);
            json.WriteString("unit", s.Unit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("observations");
        foreach (var o in table.Observations)
        {
            json.WriteStartObject();
            json.WriteString("series", o.Series);
            json.WriteString("period", o.Period);
            json.WriteString("economy", o.Economy);
            json.WriteString("value", o.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Both language blocks together (as the API serves them without <c>lang</c>), then each block alone.</summary>
    private static void WriteNarrative(Utf8JsonWriter json, string name, Narrative narrative)
    {
        json.WriteStartObject(name);
        json.WriteString("markdown", narrative.Markdown);
        json.WriteString("html", narrative.Html);
        json.WriteString("text", narrative.Text);
        foreach (var (language, block) in new[] { ("zh", narrative.Zh), ("en", narrative.En) })
        {
            if (block is not null)
            {
                WriteNarrative(json, language, block);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, LocalizedText text)
    {
        json.WriteStartObject(name);
        json.WriteString("zh", text.Zh);
        json.WriteString("en", text.En);
        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, SourceRef source)
    {
        json.WriteStartObject();
        WriteOptional(json, "section", source.Section);
        WriteOptional(json, "table", source.Table);
        WriteOptional(json, "note", source.Note);
        json.WriteString("origin", GraphExport.Origin(source));
        WriteOptional(json, "reference", source.Reference);
        if (source.About.Count > 0)
        {
            json.WriteStartArray("about");
            foreach (var fact in source.About)
            {
                json.WriteStringValue(fact);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
