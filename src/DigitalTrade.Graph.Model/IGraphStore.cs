namespace DigitalTrade.Graph.Model;

/// <summary>What to follow from an entity: relation types, direction, kinds of the other endpoint.</summary>
public sealed record RelationFilter(
    IReadOnlySet<RelationType>? Types = null,
    RelationDirection Direction = RelationDirection.Both,
    IReadOnlySet<EntityKind>? Kinds = null)
{
    public static readonly RelationFilter All = new();
}

public sealed record EntityFilter(IReadOnlySet<EntityKind>? Kinds = null)
{
    public static readonly EntityFilter All = new();
}

public sealed record StoreStatus(bool Ready, string Description);

/// <summary>
/// A graph store: the embedded snapshot, or Neo4j. Callers open a view per request and
/// read everything through it, so a request sees one version of the graph.
/// </summary>
public interface IGraphStore
{
    ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken);

    ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One consistent version of the graph. Every method is batched: it takes many keys per
/// call, so resolving N related entities costs one call per level, not one per entity.
/// </summary>
public interface IGraphView
{
    /// <summary>Identifies the graph version this view reads (served in GraphQL <c>extensions</c>).</summary>
    string Version { get; }

    /// <summary>The entities for the keys, in the same order; null where a key does not exist.</summary>
    Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>A page of relations for each key, in the same order, all with the same filter and page.</summary>
    Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(
        IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken);

    Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, PageRequest page, CancellationToken cancellationToken);

    Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}

/// <summary>The size of one graph version, in total and per kind and relation type.</summary>
public sealed record GraphStatistics(
    string Version,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<EntityKind, int> EntitiesByKind,
    IReadOnlyDictionary<RelationType, int> RelationsByType)
{
    public int EntityCount => EntitiesByKind.Values.Sum();

    public int RelationCount => RelationsByType.Values.Sum();
}
