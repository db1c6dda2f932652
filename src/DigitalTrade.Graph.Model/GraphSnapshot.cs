using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace DigitalTrade.Graph.Model;

/// <summary>
/// The whole graph, immutable and indexed by key, kind and relation type in both directions.
/// Built once per corpus load; readers share it without locks and a new load replaces it whole.
/// </summary>
public sealed class GraphSnapshot
{
    private readonly FrozenDictionary<string, Entity> _byKey;
    private readonly FrozenDictionary<EntityKind, ReadOnlyCollection<Entity>> _byKind;
    private readonly ReadOnlyCollection<Entity> _all;

    // Arrays read through internal loops, not ImmutableArray behind IReadOnlyList: no struct boxed and no enumerator allocated per call on hot paths.
    private readonly FrozenDictionary<string, RelationEdge[]> _edges;
    private readonly FrozenDictionary<RelationType, ReadOnlyCollection<Relation>> _byType;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>> _provinceMembers = new(StringComparer.Ordinal);
    private readonly Lazy<EntityNames> _names;

    // The same edges by entity position (key order), for graph walks that mark nodes in arrays instead of string dictionaries.
    private readonly FrozenDictionary<string, int> _position;
    private readonly int[] _adjacencyStart;
    private readonly int[] _adjacencyOther;
    private readonly RelationType[] _adjacencyType;
    private Queries.PathFinder.Neighbours?[]? _pathNeighbours;

    private GraphSnapshot(string version, DateTimeOffset createdAt, IEnumerable<Entity> entities, IEnumerable<Relation> relations)
    {
        Version = version;
        CreatedAt = createdAt;
        _all = entities.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray().AsReadOnly();
        _byKey = _all.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);
        _byKind = _all.GroupBy(e => e.Kind).ToFrozenDictionary(g => g.Key, g => g.ToArray().AsReadOnly());
        _names = new Lazy<EntityNames>(() => new EntityNames(_all));

        var relationList = relations.ToImmutableArray();
        foreach (var relation in relationList)
        {
            if (!_byKey.ContainsKey(relation.From) || !_byKey.ContainsKey(relation.To))
            {
                throw new ArgumentException($"Relation {relation.From} -{relation.Type}-> {relation.To} has an endpoint that is not in the graph.", nameof(relations));
            }
        }

        // One string per key: endpoints read from links are equal but separate strings; at scale they would double what keys cost.
        relationList = [.. relationList.Select(r => ReferenceEquals(r.From, _byKey[r.From].Key) && ReferenceEquals(r.To, _byKey[r.To].Key)
            ? r
            : r with { From = _byKey[r.From].Key, To = _byKey[r.To].Key })];
        AllRelations = relationList;
        _byType = relationList.GroupBy(r => r.Type).ToFrozenDictionary(g => g.Key, g => g.ToArray().AsReadOnly());

        // One pass into lists per key, then one sort per list: LINQ grouping of every edge cost seconds on 100k entities.
        var edges = new Dictionary<string, List<RelationEdge>>(_all.Count, StringComparer.Ordinal);
        foreach (var relation in relationList)
        {
            EdgeList(edges, relation.From).Add(new RelationEdge(relation, RelationDirection.Outgoing));
            EdgeList(edges, relation.To).Add(new RelationEdge(relation, RelationDirection.Incoming));
        }

        _edges = edges.ToFrozenDictionary(
            e => e.Key,
            e => e.Value.OrderBy(EdgeOrder, EdgeOrderComparer.Instance).ToArray(),
            StringComparer.Ordinal);

        _position = _all.Select((e, i) => (e.Key, i)).ToFrozenDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        _adjacencyStart = new int[_all.Count + 1];
        _adjacencyOther = new int[relationList.Length * 2];
        _adjacencyType = new RelationType[relationList.Length * 2];
        var next = 0;
        for (var i = 0; i < _all.Count; i++)
        {
            _adjacencyStart[i] = next;
            foreach (var edge in Edges(_all[i].Key))
            {
                _adjacencyOther[next] = _position[edge.OtherKey];
                _adjacencyType[next++] = edge.Relation.Type;
            }
        }

        _adjacencyStart[_all.Count] = next;
    }

    private static List<RelationEdge> EdgeList(Dictionary<string, List<RelationEdge>> edges, string key)
    {
        if (!edges.TryGetValue(key, out var list))
        {
            edges[key] = list = [];
        }

        return list;
    }

    public string Version { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<Entity> Entities => _all;

    public IReadOnlyList<Relation> AllRelations { get; }

    public static GraphSnapshot Create(string version, DateTimeOffset createdAt, IEnumerable<Entity> entities, IEnumerable<Relation> relations) =>
        new(version, createdAt, entities, relations);

    public Entity? Find(string key) => _byKey.GetValueOrDefault(key);

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
                (linked ??= []).Add(_byKey[edge.OtherKey]);
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
    public IReadOnlySet<string> InProvince(string provinceKey) => _provinceMembers.GetOrAdd(provinceKey, key => Queries.EntityListing.ProvinceMembers(this, key));

    /// <summary>
    /// Neighbours for path searches that follow every relation type, by entity position: filled on first use by
    /// <see cref="Queries.PathFinder"/> (immutable once built, shared by every request on this snapshot).
    /// </summary>
    internal Queries.PathFinder.Neighbours?[] PathNeighbours =>
        LazyInitializer.EnsureInitialized(ref _pathNeighbours, () => new Queries.PathFinder.Neighbours?[_all.Count]);

    /// <summary>The entity's position in key order (its index in <see cref="Entities"/>); -1 for an unknown key.</summary>
    internal int PositionOf(string key) => _position.TryGetValue(key, out var position) ? position : -1;

    /// <summary>The other ends (positions) and relation types of the edges at the entity in <paramref name="position"/>, in edge order.</summary>
    internal (ReadOnlyMemory<int> Others, ReadOnlyMemory<RelationType> Types) AdjacencyOf(int position)
    {
        var start = _adjacencyStart[position];
        var length = _adjacencyStart[position + 1] - start;
        return (_adjacencyOther.AsMemory(start, length), _adjacencyType.AsMemory(start, length));
    }

    /// <summary>The edges at an entity as the array they are stored in (empty for an unknown key), for loops on hot paths.</summary>
    internal RelationEdge[] Edges(string key) => _edges.TryGetValue(key, out var list) ? list : [];

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

        return filter.Kinds is not { Count: > 0 } kinds || kinds.Contains(_byKey[edge.OtherKey].Kind);
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
