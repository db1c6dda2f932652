namespace DigitalTrade.Graph.Model.Queries;

/// <summary>
/// The best simple paths between two entities (Yen's k-best algorithm), following relations in either
/// direction. Parallel relations between two entities are one step, so every path is a distinct sequence of
/// nodes and each step lists all the relations the query follows between its two nodes.
/// <para>
/// Paths rank by (1) how many steps only a narrative mention joins — fewest first, so typed facts come before
/// narrative links; (2) length; (3) how specific the nodes in between are: the sum over intermediate nodes of
/// log2(1 + their distinct neighbours). A path through a hub that hundreds of entities link to (China,
/// LOCATED_IN) says less than one through a policy that names both ends; (4) node keys, so answers are stable.
/// </para>
/// <para>
/// The best path from a spur node is found by dynamic programming over (node, hops) states: exact under this
/// ranking with the hop bound (a walk that repeats a node is always beaten by the same walk without the
/// cycle, so the optimum is a simple path). Neighbour lists and hub costs are computed once per node per query.
/// </para>
/// </summary>
internal static class PathFinder
{
    public static IReadOnlyList<GraphPath> Find(GraphSnapshot graph, PathQuery query)
    {
        if (graph.Find(query.From) is null || graph.Find(query.To) is null || query.From == query.To || query.MaxHops < 1 || query.First < 1)
        {
            return [];
        }

        var search = new Search(graph, query);
        try
        {
            return search.Run();
        }
        finally
        {
            search.Dispose();
        }
    }

    /// <summary>Another node reached in one step (its position), whether a typed relation joins them, and all the followed relations.</summary>
    internal sealed record Neighbour(int Node, bool Typed, Relation[] Relations);

    /// <summary>A node's neighbours in edge order, by position, and its hub cost. Never changed once built, so it can be shared.</summary>
    internal sealed record Neighbours(Dictionary<int, Neighbour> ByNode, long Hub);

    /// <summary>Lexicographic path cost: narrative-only steps, then hops, then hub cost.</summary>
    private readonly record struct Cost(int Narrative, int Hops, long Hub) : IComparable<Cost>
    {
        public int CompareTo(Cost other)
        {
            var c = Narrative.CompareTo(other.Narrative);
            if (c == 0)
            {
                c = Hops.CompareTo(other.Hops);
            }

            return c != 0 ? c : Hub.CompareTo(other.Hub);
        }
    }

    /// <summary>Nodes are entity positions: positions follow key order, so comparing them compares keys.</summary>
    private sealed record Route(int[] Nodes, Cost Cost);

    /// <summary>A best walk to a (node, hops) state, linked back to the state it came from.</summary>
    private sealed record Label(int Node, int Narrative, long Hub, Label? Previous);

    /// <summary>
    /// One query's search. Nodes are entity positions (ints), not keys: the walks hash and compare integers, and
    /// since positions follow the ordinal key order, every tie breaks exactly as it would by keys.
    /// </summary>
    private sealed class Search : IDisposable
    {
        private readonly GraphSnapshot _graph;
        private readonly PathQuery _query;
        private readonly int _from;
        private readonly int _to;
        private readonly Dictionary<int, Neighbours> _neighbours = [];

        // When the query follows every relation type (the default), a node's neighbours are the same for every query on
        // the snapshot: kept there, built on first use, instead of once per query.
        private readonly Neighbours?[]? _shared;

        // Which relation types the query follows, by type: asked once per edge on every walk.
        private readonly bool[] _follows;

        // Distances from the target by entity position (-1: farther than the hop bound); pooled, one walk per query.
        private int[]? _toTarget;

        public Search(GraphSnapshot graph, PathQuery query)
        {
            _graph = graph;
            _query = query;
            _from = graph.PositionOf(query.From);
            _to = graph.PositionOf(query.To);
            _follows = [.. Enum.GetValues<RelationType>().Select(query.Follows)];
            _shared = _follows.All(f => f) ? graph.PathNeighbours : null;
        }

        public void Dispose()
        {
            if (_toTarget is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(_toTarget);
                _toTarget = null;
            }
        }

        public IReadOnlyList<GraphPath> Run()
        {
            if (Best(_from, [], [], _query.MaxHops) is not { } first)
            {
                return [];
            }

            var accepted = new List<Route> { first };
            var candidates = new SortedSet<Route>(RouteComparer.Instance);
            while (accepted.Count < _query.First)
            {
                var previous = accepted[^1];
                for (var i = 0; i < previous.Nodes.Length - 1; i++)
                {
                    var root = previous.Nodes.AsSpan(0, i + 1).ToArray();
                    var blockedSteps = accepted
                        .Where(p => p.Nodes.Length > i + 1 && p.Nodes.AsSpan(0, i + 1).SequenceEqual(root))
                        .Select(p => p.Nodes[i + 1])
                        .ToHashSet();
                    var blockedNodes = root.Take(i).ToHashSet();
                    if (Best(root[^1], blockedNodes, blockedSteps, _query.MaxHops - i) is { } spur)
                    {
                        candidates.Add(RouteOf([.. root, .. spur.Nodes.Skip(1)]));
                    }
                }

                if (candidates.Count == 0)
                {
                    break;
                }

                var best = candidates.Min!;
                candidates.Remove(best);
                accepted.Add(best);
            }

            return [.. accepted.Select(ToPath)];
        }

        /// <summary>
        /// The best route from <paramref name="start"/> to the query's end within <paramref name="maxHops"/>, never
        /// entering <paramref name="blockedNodes"/> and not taking a first step to <paramref name="blockedSteps"/>.
        /// </summary>
        private Route? Best(int start, HashSet<int> blockedNodes, HashSet<int> blockedSteps, int maxHops)
        {
            var toTarget = NeighboursOf(_to).ByNode;
            bool MayStepToTarget(int node) => node != _to && toTarget.ContainsKey(node) && !(node == start && blockedSteps.Contains(_to));
            var layer = new Dictionary<int, Label> { [start] = new Label(start, 0, 0, null) };
            Label? found = null;
            for (var hops = 1; hops <= maxHops && layer.Count > 0; hops++)
            {
                // The last layer the search needs: the hop bound, or a walk without narrative steps that a typed relation
                // ends at the target (nothing longer can beat it). Then only arrivals at the target count: look them up
                // from the target's side instead of expanding every node of the layer.
                if (hops == maxHops || layer.Any(p => p.Value.Narrative == 0 && MayStepToTarget(p.Key) && toTarget[p.Key].Typed))
                {
                    Label? best = null;
                    foreach (var (node, label) in layer)
                    {
                        if (MayStepToTarget(node))
                        {
                            var arrival = new Label(_to, label.Narrative + (toTarget[node].Typed ? 0 : 1), label.Hub + (node == start ? 0 : NeighboursOf(node).Hub), label);
                            if (best is null || Better(arrival, best))
                            {
                                best = arrival;
                            }
                        }
                    }

                    // An arrival of an earlier layer is shorter: this one only wins with fewer narrative steps.
                    if (best is not null && (found is null || best.Narrative < found.Narrative))
                    {
                        found = best;
                    }

                    break;
                }

                var next = new Dictionary<int, Label>();
                foreach (var (node, label) in layer)
                {
                    if (node == _to)
                    {
                        continue;
                    }

                    var leave = node == start ? 0 : NeighboursOf(node).Hub;
                    foreach (var neighbour in NeighboursOf(node).ByNode.Values)
                    {
                        var other = neighbour.Node;
                        if (other == start || blockedNodes.Contains(other) || (node == start && blockedSteps.Contains(other)) || !MayPassThrough(other)
                            || !CanStillReachTarget(other, maxHops - hops))
                        {
                            continue;
                        }

                        var narrative = label.Narrative + (neighbour.Typed ? 0 : 1);

                        // Walks at least as narrative as the best found cannot beat it: they are longer.
                        if (found is not null && narrative >= found.Narrative)
                        {
                            continue;
                        }

                        var candidate = new Label(other, narrative, label.Hub + leave, label);
                        if (!next.TryGetValue(other, out var known) || Better(candidate, known))
                        {
                            next[other] = candidate;
                        }
                    }
                }

                if (next.TryGetValue(_to, out var arrived) && (found is null || arrived.Narrative < found.Narrative))
                {
                    found = arrived;
                }

                if (found is { Narrative: 0 })
                {
                    break;
                }

                layer = next;
            }

            if (found is null)
            {
                return null;
            }

            var nodes = new List<int>();
            for (var label = found; label is not null; label = label.Previous)
            {
                nodes.Add(label.Node);
            }

            nodes.Reverse();
            return RouteOf([.. nodes]);
        }

        /// <summary>
        /// Whether <paramref name="node"/> is at most <paramref name="hopsLeft"/> followed relations from the target, ignoring
        /// the blocks of a spur search: a lower bound, so pruning by it never loses a path, and it keeps the layers of the
        /// search to the nodes that can still arrive (hubs fan out to hundreds that cannot). One breadth-first walk from
        /// the target per query, over the positional adjacency.
        /// </summary>
        private bool CanStillReachTarget(int node, int hopsLeft)
        {
            if (_toTarget is null)
            {
                var count = _graph.Entities.Count;
                _toTarget = System.Buffers.ArrayPool<int>.Shared.Rent(count);
                Array.Fill(_toTarget, -1, 0, count);
                _toTarget[_to] = 0;
                var frontier = new List<int> { _to };
                for (var distance = 1; distance < _query.MaxHops && frontier.Count > 0; distance++)
                {
                    var next = new List<int>();
                    foreach (var at in frontier)
                    {
                        var (others, types) = _graph.AdjacencyOf(at);
                        var otherSpan = others.Span;
                        var typeSpan = types.Span;
                        for (var i = 0; i < otherSpan.Length; i++)
                        {
                            var other = otherSpan[i];
                            if (_toTarget[other] < 0 && _follows[(int)typeSpan[i]])
                            {
                                _toTarget[other] = distance;
                                next.Add(other);
                            }
                        }
                    }

                    frontier = next;
                }
            }

            var d = _toTarget[node];
            return d >= 0 && d <= hopsLeft;
        }

        /// <summary>
        /// Between two walks of the same length to the same node: fewer narrative steps, then lower hub cost, then the
        /// smaller node sequence — the order paths are ranked in, so each spur search returns the minimum of its part
        /// of Yen's partition and ties come out in key order exactly.
        /// </summary>
        private static bool Better(Label a, Label b)
        {
            var c = (a.Narrative, a.Hub).CompareTo((b.Narrative, b.Hub));
            return (c != 0 ? c : ComparePrefix(a, b)) < 0;
        }

        private static int ComparePrefix(Label? a, Label? b)
        {
            if (a is null || b is null || ReferenceEquals(a, b))
            {
                return 0;
            }

            var c = ComparePrefix(a.Previous, b.Previous);
            return c != 0 ? c : a.Node.CompareTo(b.Node);
        }

        private bool MayPassThrough(int node) =>
            node == _to || _query.ThroughKinds is not { Count: > 0 } through || through.Contains(_graph.Entities[node].Kind);

        /// <summary>
        /// The nodes one followed relation away, each with all the followed relations to it (typed first), and the node's
        /// hub cost: log2(1 + distinct neighbours), in thousandths so sums compare exactly.
        /// </summary>
        private Neighbours NeighboursOf(int node)
        {
            if (_shared is not null)
            {
                // Racing builders compute equal values: the first one published is kept.
                return Volatile.Read(ref _shared[node]) ?? Interlocked.CompareExchange(ref _shared[node], Build(node), null) ?? _shared[node]!;
            }

            if (_neighbours.TryGetValue(node, out var known))
            {
                return known;
            }

            var built = Build(node);
            _neighbours[node] = built;
            return built;
        }

        private Neighbours Build(int node)
        {
            // Edges come ordered by type (MENTIONS last), direction and other key, so each step lists typed relations first;
            // the positional adjacency holds the same edges in the same order.
            var edges = _graph.Edges(_graph.Entities[node].Key);
            var others = _graph.AdjacencyOf(node).Others.Span;
            var grouped = new Dictionary<int, List<Relation>>();
            for (var i = 0; i < edges.Length; i++)
            {
                var other = others[i];
                if (other != node && _follows[(int)edges[i].Relation.Type])
                {
                    if (!grouped.TryGetValue(other, out var relations))
                    {
                        grouped[other] = relations = [];
                    }

                    relations.Add(edges[i].Relation);
                }
            }

            var byNode = new Dictionary<int, Neighbour>(grouped.Count);
            foreach (var (other, relations) in grouped)
            {
                byNode[other] = new Neighbour(other, relations[0].Type != RelationType.Mentions, [.. relations]);
            }

            return new Neighbours(byNode, (long)Math.Round(1000 * Math.Log2(1 + byNode.Count)));
        }

        private Route RouteOf(int[] nodes)
        {
            var narrative = 0;
            long hub = 0;
            for (var i = 0; i < nodes.Length - 1; i++)
            {
                narrative += NeighboursOf(nodes[i]).ByNode[nodes[i + 1]].Typed ? 0 : 1;
                hub += i > 0 ? NeighboursOf(nodes[i]).Hub : 0;
            }

            return new Route(nodes, new Cost(narrative, nodes.Length - 1, hub));
        }

        private GraphPath ToPath(Route route) => new(
            [.. route.Nodes.Select(n => _graph.Entities[n])],
            [.. route.Nodes.Zip(route.Nodes.Skip(1), (from, to) => new PathStep(_graph.Entities[from].Key, _graph.Entities[to].Key, NeighboursOf(from).ByNode[to].Relations))]);
    }

    /// <summary>By cost, then by node keys (positions follow key order); two routes over the same nodes are the same route.</summary>
    private sealed class RouteComparer : IComparer<Route>
    {
        public static readonly RouteComparer Instance = new();

        public int Compare(Route? x, Route? y)
        {
            var c = x!.Cost.CompareTo(y!.Cost);
            for (var i = 0; c == 0 && i < x.Nodes.Length; i++)
            {
                c = x.Nodes[i].CompareTo(y.Nodes[i]);
            }

            return c;
        }
    }
}
