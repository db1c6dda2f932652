namespace DigitalTrade.Graph.Model;

/// <summary>What to follow from an entity: relation types, direction, kinds of the other endpoint.</summary>
public sealed record RelationFilter(
    IReadOnlySet<RelationType>? Types = null,
    RelationDirection Direction = RelationDirection.Both,
    IReadOnlySet<EntityKind>? Kinds = null)
{
    public static readonly RelationFilter All = new();
}

/// <summary>An entity related to the listed ones, optionally by one relation type and direction.</summary>
public sealed record RelatedTo(string Key, RelationType? Type = null, RelationDirection Direction = RelationDirection.Both);

/// <summary>Which entities to list; every condition given must hold.</summary>
public sealed record EntityFilter(IReadOnlySet<EntityKind>? Kinds = null)
{
    public static readonly EntityFilter All = new();

    public IReadOnlySet<string>? Status { get; init; }

    public IReadOnlySet<string>? Level { get; init; }

    /// <summary>Kind-specific types (<see cref="Entity.Category"/>).</summary>
    public IReadOnlySet<string>? Type { get; init; }

    public IReadOnlySet<string>? Theme { get; init; }

    /// <summary>The named date that <see cref="DateFrom"/>, <see cref="DateTo"/> and date ordering use; any named date when null.</summary>
    public string? DateField { get; init; }

    public PartialDate? DateFrom { get; init; }

    public PartialDate? DateTo { get; init; }

    /// <summary>A province key: entities in it directly or through a city or zone, and policies and cases applying there.</summary>
    public string? Province { get; init; }

    public RelatedTo? RelatedTo { get; init; }

    /// <summary>Words that must all appear in the name, aliases, summary or narrative (case-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>For indicators: only tables with values for this economy (a key).</summary>
    public string? ObservedEconomy { get; init; }
}

public enum EntityOrder
{
    Key,
    NameZh,
    NameEn,
    DateAscending,
    DateDescending,
}

/// <summary>Around an entity: how far, which way, along which relations, into which kinds, how many nodes.</summary>
public sealed record NeighborhoodQuery(
    string Key,
    int Depth = 1,
    RelationDirection Direction = RelationDirection.Both,
    IReadOnlySet<RelationType>? Types = null,
    IReadOnlySet<EntityKind>? Kinds = null,
    int Limit = 100)
{
    public const int MaxDepth = 3;
    public const int MaxLimit = 500;
}

/// <summary>The subgraph around an entity: nodes by distance (center first) and the relations among them.</summary>
public sealed record Neighborhood(IReadOnlyList<Entity> Nodes, IReadOnlyList<Relation> Edges, bool Truncated);

/// <summary>
/// Between two entities: at most how many relations long, along which types, through which kinds, how many paths.
/// Narrative mentions are followed unless <see cref="IncludeMentions"/> is false, but a path that needs one ranks
/// after every path of typed relations (see <see cref="Queries.PathFinder"/>).
/// </summary>
public sealed record PathQuery(
    string From,
    string To,
    int MaxHops = 4,
    IReadOnlySet<RelationType>? Types = null,
    IReadOnlySet<EntityKind>? ThroughKinds = null,
    int First = 3)
{
    public const int HopLimit = 6;
    public const int MaxPaths = 20;

    /// <summary>Relation types never followed, whatever <see cref="PathQuery.Types"/> says.</summary>
    public IReadOnlySet<RelationType>? ExcludeTypes { get; init; }

    /// <summary>Whether MENTIONS (links in narratives) are followed when <see cref="PathQuery.Types"/> does not name the types.</summary>
    public bool IncludeMentions { get; init; } = true;

    /// <summary>Whether a path may use a relation of this type.</summary>
    public bool Follows(RelationType type) =>
        ExcludeTypes?.Contains(type) != true
        && (Types is { Count: > 0 } types ? types.Contains(type) : type != RelationType.Mentions || IncludeMentions);
}

/// <summary>One step of a path: every relation between two consecutive nodes that the query follows, typed relations first.</summary>
public sealed record PathStep(string From, string To, IReadOnlyList<Relation> Relations)
{
    /// <summary>True when at least one relation of the step is a typed fact, not a narrative mention.</summary>
    public bool Typed => Relations.Any(r => r.Type != RelationType.Mentions);
}

/// <summary>A path: nodes from start to end, and the step joining each consecutive pair.</summary>
public sealed record GraphPath(IReadOnlyList<Entity> Nodes, IReadOnlyList<PathStep> Steps)
{
    public int Length => Steps.Count;

    /// <summary>The first (best) relation of each step.</summary>
    public IReadOnlyList<Relation> Edges => [.. Steps.Select(s => s.Relations[0])];

    /// <summary>How many steps only a narrative mention joins.</summary>
    public int NarrativeSteps => Steps.Count(s => !s.Typed);
}

/// <summary>Words to find, all of them, optionally only in entities of some kinds.</summary>
public sealed record SearchQuery(string Text, IReadOnlySet<EntityKind>? Kinds = null)
{
    /// <summary>Characters searched; longer text is refused before any analysis.</summary>
    public const int MaxLength = 200;

    /// <summary>Words and Chinese terms searched; more is refused (every one must match, so more would find nothing anyway).</summary>
    public const int MaxTerms = 24;

    /// <summary>Refuses text over <see cref="MaxLength"/> characters or <see cref="MaxTerms"/> space-separated words, before it is analysed.</summary>
    public void CheckBounds()
    {
        if (Text.Length > MaxLength)
        {
            throw new GraphQueryException("INVALID_ARGUMENT", $"'query' may be at most {MaxLength} characters long, got {Text.Length}.");
        }

        if (Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length is var words && words > MaxTerms)
        {
            throw new GraphQueryException("INVALID_ARGUMENT", $"'query' may have at most {MaxTerms} words, got {words}.");
        }
    }
}

/// <summary>A passage of a field where the query matched, with matches marked <c>&lt;em&gt;</c>.</summary>
public sealed record SearchHighlight(string Field, string Snippet);

public sealed record SearchHit(Entity Entity, float Score, IReadOnlyList<SearchHighlight> Highlights);

/// <summary>A name or alias close to a query that found nothing, and the entity it names.</summary>
public sealed record SearchSuggestion(string Text, Entity Entity);

/// <summary>
/// One page of hits; the number of matches of each kind (before the kinds filter, so a front-end can
/// offer the other kinds); and, when nothing matched, names that might have been meant.
/// </summary>
public sealed record SearchResults(Page<SearchHit> Hits, IReadOnlyDictionary<EntityKind, int> Facets, IReadOnlyList<SearchSuggestion> Suggestions)
{
    public static readonly SearchResults Empty = new(Page<SearchHit>.Empty, new Dictionary<EntityKind, int>(), []);
}

public sealed record StoreStatus(bool Ready, string Description);

/// <summary>
/// A graph store: the embedded snapshot, or Neo4j. Callers open a view per request and
/// read everything through it, so a request sees one version of the graph.
/// A view is for one request: a store may refuse reads from a view kept much longer
/// (Neo4j keeps a replaced version readable only for its retention).
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

    Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Null when the center does not exist.</summary>
    Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken);

    /// <summary>Best first (see <see cref="PathQuery"/>); empty when either end does not exist or nothing connects them within the bounds.</summary>
    Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves names, aliases or keys to entities (<see cref="EntityNames"/>), one resolution per name in order.
    /// This default reads every entity; a store should answer from an index it keeps per version.
    /// </summary>
    async Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var all = await ListEntitiesAsync(EntityFilter.All, EntityOrder.Key, new PageRequest(int.MaxValue, null), cancellationToken).ConfigureAwait(false);
        var index = new EntityNames(all.Items.Select(i => i.Node));
        return [.. names.Select(n => index.Resolve(n, kinds))];
    }

    Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken);

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
