using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded.Cache;

/// <summary>
/// What a cache file holds besides the search index: the snapshot's entities and relations as the Model
/// defines them and the diagnostics of the load that built them (written by <see cref="SnapshotCodec"/>).
/// </summary>
internal sealed record SnapshotPayload(
    string Version,
    DateTimeOffset CreatedAt,
    int FileCount,
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<Relation> Relations,
    IReadOnlyList<CorpusIssue> Issues);
