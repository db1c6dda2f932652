using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace DigitalTrade.Graph.Model;

/// <summary>
/// The whole graph, immutable and indexed by key, kind and relation type in both directions.
/// Built once per corpus load; readers share it without locks and a new load replaces it whole.
/// </summary>
public sealed partial class GraphSnapshot
{
    /// <summary>
    /// Each key's position in <see cref="_entities"/>: shared with an earlier snapshot of the same keys (a watch reload edits
    /// entities, rarely keys), since building it for 100k keys cost 90 ms of every reload.
    /// </summary>
    private readonly FrozenDictionary<string, int> _positions;
    private readonly Entity[] _entities;
    private readonly FrozenDictionary<EntityKind, ReadOnlyCollection<Entity>> _byKind;
    private readonly ReadOnlyCollection<Entity> _all;

    private readonly FrozenDictionary<RelationType, ReadOnlyCollection<Relation>> _byType;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlySet<string> Keys, Entity[] InKeyOrder)> _provinceMembers = new(StringComparer.Ordinal);
    private readonly Lazy<EntityNames> _names;

    /// <summary>
    /// Edge lists and adjacency, built on first use (or by <see cref="Prepare"/> in the background): they were a third
    /// of a restart from the snapshot cache on 100k entities, and a snapshot can be served before they exist.
    /// </summary>
    private readonly Lazy<EdgeIndex> _edgeIndex;
    private readonly Relation[] _relations;
    private Queries.PathFinder.Neighbours?[]? _pathNeighbours;

    /// <summary>Relations from which checking their endpoints is worth spreading over the cores.</summary>
    private const int ParallelFrom = 50_000;

    private GraphSnapshot(string version, DateTimeOffset createdAt, IEnumerable<Entity> entities, IEnumerable<Relation> relations, GraphSnapshot? before)
    {
        Version = version;
        CreatedAt = createdAt;
        var all = entities.ToArray();
        if (!IsSortedByKey(all))
        {
            all = [.. all.OrderBy(e => e.Key, StringComparer.Ordinal)];
        }

        _entities = all;
        _all = all.AsReadOnly();
        _positions = before is not null && SameKeys(before._entities, all)
            ? before._positions
            : Enumerable.Range(0, all.Length).ToFrozenDictionary(i => all[i].Key, StringComparer.Ordinal);
        _byKind = _all.GroupBy(e => e.Kind).ToFrozenDictionary(g => g.Key, g => g.ToArray().AsReadOnly());
        _names = new Lazy<EntityNames>(() => new EntityNames(_all));

        var relationList = relations.ToArray();
        bool Check(int i)
        {
            var relation = relationList[i];
            if (Find(relation.From) is not { } from || Find(relation.To) is not { } to)
            {
                return false;
            }

            // One string per key: endpoints read from links are equal but separate strings; at scale they would double what keys cost.
            if (!ReferenceEquals(relation.From, from.Key) || !ReferenceEquals(relation.To, to.Key))
            {
                relationList[i] = relation with { From = from.Key, To = to.Key };
            }

            return true;
        }

        // Two lookups per relation: 0.2 s of a watch reload at 700k relations on one core.
        var invalid = -1;
        if (relationList.Length >= ParallelFrom)
        {
            Parallel.For(0, relationList.Length, (i, loop) =>
            {
                if (!Check(i))
                {
                    Interlocked.CompareExchange(ref invalid, i, -1);
                    loop.Stop();
                }
            });
        }
        else
        {
            for (var i = 0; i < relationList.Length && invalid < 0; i++)
            {
                invalid = Check(i) ? -1 : i;
            }
        }

        if (invalid >= 0)
        {
            var relation = relationList[invalid];
            throw new ArgumentException($"Relation {relation.From} -{relation.Type}-> {relation.To} has an endpoint that is not in the graph.", nameof(relations));
        }

        AllRelations = ImmutableArray.Create(relationList);
        _byType = relationList.GroupBy(r => r.Type).ToFrozenDictionary(g => g.Key, g => g.ToArray().AsReadOnly());
        // The edges of a watch reload's snapshot start from those of the snapshot it replaces, when that one has them (never
        // from one that has not: a chain of unbuilt snapshots would keep each other alive).
        var earlier = before is not null && ReferenceEquals(before._positions, _positions) && before._edgeIndex.IsValueCreated
            ? (before._edgeIndex.Value, before._relations)
            : default((EdgeIndex Index, Relation[] Relations)?);
        _relations = relationList;
        _edgeIndex = new Lazy<EdgeIndex>(() => earlier is var (index, relations) ? index.Update(this, relations, relationList) : EdgeIndex.Build(this, relationList), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The same keys in the same order (kept entities keep their key strings, so most compare by reference).</summary>
    private static bool SameKeys(Entity[] before, Entity[] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(before[i].Key, now[i].Key) && !string.Equals(before[i].Key, now[i].Key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSortedByKey(Entity[] entities)
    {
        for (var i = 1; i < entities.Length; i++)
        {
            if (string.CompareOrdinal(entities[i - 1].Key, entities[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }

    public string Version { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<Entity> Entities => _all;

    public IReadOnlyList<Relation> AllRelations { get; }

    public static GraphSnapshot Create(string version, DateTimeOffset createdAt, IEnumerable<Entity> entities, IEnumerable<Relation> relations) =>
        new(version, createdAt, entities, relations, null);

    /// <summary>A snapshot like <see cref="Create(string, DateTimeOffset, IEnumerable{Entity}, IEnumerable{Relation})"/>, sharing what it can with <paramref name="before"/> (the one it replaces).</summary>
    public static GraphSnapshot Create(string version, DateTimeOffset createdAt, IEnumerable<Entity> entities, IEnumerable<Relation> relations, GraphSnapshot? before) =>
        new(version, createdAt, entities, relations, before);

    public Entity? Find(string key) => _positions.TryGetValue(key, out var position) ? _entities[position] : null;

    /// <summary>Builds the edge lists and adjacency now (e.g. on a background thread right after publishing) instead of on first use.</summary>
    public void Prepare() => _ = _edgeIndex.Value;

    /// <summary>Names, aliases and keys of this version's entities, for resolving what people type (built on first use).</summary>
    public EntityNames Names => _names.Value;

    public GraphStatistics Statistics() => new(
        Version,
        CreatedAt,
        EntityKinds.All.ToDictionary(k => k.Kind, k => OfKind(k.Kind).Count),
        RelationTypes.All.ToDictionary(t => t.Type, t => OfType(t.Type).Count));

    public IReadOnlyList<Entity> OfKind(EntityKind kind) => _byKind.TryGetValue(kind, out var list) ? list : [];

    public IReadOnlyList<Relation> OfType(RelationType type) => _byType.TryGetValue(type, out var list) ? list : [];

    /// <summary>All edges at an entity, outgoing and incoming, in a stable order (type, direction, other key).</summary>
    public IReadOnlyList<RelationEdge> EdgesOf(string key) => Edges(key).AsReadOnly();

    /// <summary>
    /// The first <paramref name="limit"/> entities that the relations of <paramref name="key"/> matching <paramref name="filter"/>
    /// lead to, in edge order: what a typed link list holds, without building the page items a connection needs.
    /// </summary>
    public IReadOnlyList<Entity> Linked(string key, RelationFilter filter, int limit)
    {
        List<Entity>? linked = null;
        foreach (var edge in Edges(key))
        {
            if (Matches(edge, filter))
            {
                (linked ??= []).Add(_entities[_positions[edge.OtherKey]]);
                if (linked.Count == limit)
                {
                    break;
                }
            }
        }

        return linked ?? (IReadOnlyList<Entity>)[];
    }

    public Page<RelationEdge> RelationsOf(string key, RelationFilter filter, PageRequest page)
    {
        var matching = Edges(key).Where(edge => Matches(edge, filter)).ToList();
        EdgeKey? after = page.After is null ? null : EdgeKey.Parse(Cursors.Decode("relation", page.After));
        var start = after is null ? 0 : matching.FindIndex(e => EdgeOrderComparer.Instance.Compare(EdgeOrder(e), after.Value) > 0);
        if (start < 0)
        {
            start = matching.Count;
        }

        var items = matching.Skip(start).Take(page.First)
            .Select(e => new PageItem<RelationEdge>(e, Cursors.Encode("relation", EdgeOrder(e).ToString())))
            .ToList();
        return new Page<RelationEdge>(items, matching.Count, start + items.Count < matching.Count, start > 0);
    }

    public Page<Entity> List(EntityFilter filter, EntityOrder order, PageRequest page) => Queries.EntityListing.List(this, filter, order, page);

    public Neighborhood? NeighborhoodOf(NeighborhoodQuery query) => Queries.NeighborhoodWalk.Run(this, query);

    public IReadOnlyList<GraphPath> Paths(PathQuery query) => Queries.PathFinder.Find(this, query);

    /// <summary>The entities in a province: located there directly or through a city or zone, and the policies and cases that apply or act there.</summary>
    public IReadOnlySet<string> InProvince(string provinceKey) => ProvinceMembers(provinceKey).Keys;

    /// <summary>The same entities in key order, for listings that start from them.</summary>
    internal IReadOnlyList<Entity> InProvinceInKeyOrder(string provinceKey) => ProvinceMembers(provinceKey).InKeyOrder;

    private (IReadOnlySet<string> Keys, Entity[] InKeyOrder) ProvinceMembers(string provinceKey) => _provinceMembers.GetOrAdd(provinceKey, key =>
    {
        var members = Queries.EntityListing.ProvinceMembers(this, key);
        Entity[] entities = [.. members.Select(Find).OfType<Entity>()];
        Array.Sort(entities, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return (members, entities);
    });

    /// <summary>
    /// Neighbours for path searches that follow every relation type, by entity position: filled on first use by
    /// <see cref="Queries.PathFinder"/> (immutable once built, shared by every request on this snapshot).
    /// </summary>
    internal Queries.PathFinder.Neighbours?[] PathNeighbours =>
        LazyInitializer.EnsureInitialized(ref _pathNeighbours, () => new Queries.PathFinder.Neighbours?[_all.Count]);

    /// <summary>The entity's position in key order (its index in <see cref="Entities"/>); -1 for an unknown key.</summary>
    internal int PositionOf(string key) => _positions.TryGetValue(key, out var position) ? position : -1;

    /// <summary>The other ends (positions) and relation types of the edges at the entity in <paramref name="position"/>, in edge order.</summary>
    internal (ReadOnlyMemory<int> Others, ReadOnlyMemory<RelationType> Types) AdjacencyOf(int position)
    {
        var index = _edgeIndex.Value;
        var start = index.AdjacencyStart[position];
        var length = index.AdjacencyStart[position + 1] - start;
        return (index.AdjacencyOther.AsMemory(start, length), index.AdjacencyType.AsMemory(start, length));
    }

    /// <summary>The edges at an entity as the array they are stored in (empty for an unknown key), for loops on hot paths.</summary>
    internal RelationEdge[] Edges(string key) => _positions.TryGetValue(key, out var position) ? _edgeIndex.Value.ByPosition[position] : [];

    internal bool Matches(RelationEdge edge, RelationFilter filter)
    {
        if (filter.Direction != RelationDirection.Both && edge.Direction != filter.Direction)
        {
            return false;
        }

        if (filter.Types is { Count: > 0 } types && !types.Contains(edge.Relation.Type))
        {
            return false;
        }

        return filter.Kinds is not { Count: > 0 } kinds || kinds.Contains(_entities[_positions[edge.OtherKey]].Kind);
    }

    private static EdgeKey EdgeOrder(RelationEdge edge) => new((int)edge.Relation.Type, (int)edge.Direction, edge.OtherKey);

    /// <summary>The position of an edge in an entity's edge list; also what a relation cursor carries.</summary>
    private readonly record struct EdgeKey(int Type, int Direction, string Other)
    {
        public override string ToString() => $"{Type}:{Direction}:{Other}";

        public static EdgeKey Parse(string text)
        {
            var parts = text.Split(':', 3);
            if (parts.Length == 3 && int.TryParse(parts[0], out var type) && int.TryParse(parts[1], out var direction))
            {
                return new EdgeKey(type, direction, parts[2]);
            }

            throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this connection.");
        }
    }

    private sealed class EdgeOrderComparer : IComparer<EdgeKey>
    {
        public static readonly EdgeOrderComparer Instance = new();

        public int Compare(EdgeKey x, EdgeKey y)
        {
            var c = x.Type.CompareTo(y.Type);
            if (c == 0)
            {
                c = x.Direction.CompareTo(y.Direction);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Other, y.Other);
        }
    }
}
