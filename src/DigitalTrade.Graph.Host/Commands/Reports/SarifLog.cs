using System.Text.Encodings.Web;
using System.Text.Json;
using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Commands.Reports;

/// <summary>
/// SARIF 2.1.0 (OASIS): one run of <c>dtgraph</c> whose rules are the DTG codes and whose results point
/// at files relative to the repository root (<c>%SRCROOT%</c>), as GitHub code scanning reads them.
/// </summary>
internal static class SarifLog
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, IEnumerable<Diagnostic> diagnostics, RepositoryPaths paths, string toolVersion)
    {
        var rules = DiagnosticRules.All;
        var ruleIndex = rules.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "dtgraph");
        json.WriteString("fullName", "DigitalTrade.Graph corpus validator");
        json.WriteString("version", toolVersion);
        json.WriteString("semanticVersion", toolVersion.Split('+')[0]);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Meaning);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", rule.IsError ? "error" : "warning");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        // Columns count UTF-16 code units: the YAML and Markdown readers count .NET characters.
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", d.Code);
            if (ruleIndex.TryGetValue(d.Code, out var index))
            {
                json.WriteNumber("ruleIndex", index);
            }

            json.WriteString("level", d.IsError ? "error" : "warning");
            json.WriteStartObject("message");
            json.WriteString("text", d.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri(paths.Relative(d.Path)));
            json.WriteString("uriBaseId", "%SRCROOT%");
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, d.Line));
            json.WriteNumber("startColumn", Math.Max(1, d.Column));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A relative URI reference: each path segment percent-encoded (spaces, #, ? …), slashes kept.</summary>
    private static string Uri(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(System.Uri.EscapeDataString));
}
