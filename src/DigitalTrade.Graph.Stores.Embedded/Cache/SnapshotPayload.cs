using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

/// <summary>
/// What a cache file holds besides the search index: the snapshot's entities and relations as the Model
/// defines them (serialised by generated code, so a new Model field is carried without touching this
/// file) and the diagnostics of the load that built it.
/// </summary>
internal sealed record SnapshotPayload(
    string Version,
    DateTimeOffset CreatedAt,
    int FileCount,
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<Relation> Relations,
    IReadOnlyList<CorpusIssue> Issues);

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SnapshotPayload))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext
{
    /// <summary>Chinese text and Markdown as they are: the file is read by this program only, never embedded in a page.</summary>
    public static SnapshotJsonContext Compact { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
