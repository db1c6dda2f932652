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

    /// <summary>Another node reached in one step, whether a typed relation joins them, and all the followed relations.</summary>
    private sealed record Neighbour(string Key, bool Typed, Relation[] Relations);

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

    private sealed record Route(string[] Nodes, Cost Cost);

    /// <summary>A best walk to a (node, hops) state, linked back to the state it came from.</summary>
    private sealed record Label(string Node, int Narrative, long Hub, Label? Previous);

    private sealed class Search(GraphSnapshot graph, PathQuery query) : IDisposable
    {
        private readonly Dictionary<string, Dictionary<string, Neighbour>> _neighbours = new(StringComparer.Ordinal);

        // Which relation types the query follows, by type: asked once per edge on every walk.
        private readonly bool[] _follows = [.. Enum.GetValues<RelationType>().Select(query.Follows)];

        // Distances from the target by entity position (-1: farther than the hop bound); pooled, one walk per query.
        private int[]? _toTarget;

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
            if (Best(query.From, [], [], query.MaxHops) is not { } first)
            {
                return [];
            }

            var accepted = new List<Route> { first };
            var candidates = new SortedSet<Route>(RouteComparer.Instance);
            while (accepted.Count < query.First)
            {
                var previous = accepted[^1];
                for (var i = 0; i < previous.Nodes.Length - 1; i++)
                {
                    var root = previous.Nodes.AsSpan(0, i + 1).ToArray();
                    var blockedSteps = accepted
                        .Where(p => p.Nodes.Length > i + 1 && p.Nodes.AsSpan(0, i + 1).SequenceEqual(root))
                        .Select(p => p.Nodes[i + 1])
                        .ToHashSet(StringComparer.Ordinal);
                    var blockedNodes = root.Take(i).ToHashSet(StringComparer.Ordinal);
                    if (Best(root[^1], blockedNodes, blockedSteps, query.MaxHops - i) is { } spur)
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
        private Route? Best(string start, HashSet<string> blockedNodes, HashSet<string> blockedSteps, int maxHops)
        {
            var toTarget = NeighboursOf(query.To);
            bool MayStepToTarget(string node) => node != query.To && toTarget.ContainsKey(node) && !(node == start && blockedSteps.Contains(query.To));
            var layer = new Dictionary<string, Label>(StringComparer.Ordinal) { [start] = new Label(start, 0, 0, null) };
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
                            var arrival = new Label(query.To, label.Narrative + (toTarget[node].Typed ? 0 : 1), label.Hub + (node == start ? 0 : HubCost(node)), label);
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

                var next = new Dictionary<string, Label>(StringComparer.Ordinal);
                foreach (var (node, label) in layer)
                {
                    if (node == query.To)
                    {
                        continue;
                    }

                    var leave = node == start ? 0 : HubCost(node);
                    foreach (var neighbour in NeighboursOf(node).Values)
                    {
                        var other = neighbour.Key;
                        if (other == start || blockedNodes.Contains(other) || (node == start && blockedSteps.Contains(other)) || !MayPassThrough(other)
                            || !CanStillReachTarget(other, maxHops - hops))
                        {
                            continue;
                        }

                        var candidate = new Label(other, label.Narrative + (neighbour.Typed ? 0 : 1), label.Hub + leave, label);

                        // Walks at least as narrative as the best found cannot beat it: they are longer.
                        if (found is not null && candidate.Narrative >= found.Narrative)
                        {
                            continue;
                        }

                        if (!next.TryGetValue(other, out var known) || Better(candidate, known))
                        {
                            next[other] = candidate;
                        }
                    }
                }

                if (next.TryGetValue(query.To, out var arrived) && (found is null || arrived.Narrative < found.Narrative))
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

            var nodes = new List<string>();
            for (var label = found; label is not null; label = label.Previous)
            {
                nodes.Add(label.Node);
            }

            nodes.Reverse();
            return RouteOf([.. nodes]);
        }

        /// <summary>
        /// Whether <paramref name="key"/> is at most <paramref name="hopsLeft"/> followed relations from the target, ignoring
        /// the blocks of a spur search: a lower bound, so pruning by it never loses a path, and it keeps the layers of the
        /// search to the nodes that can still arrive (hubs fan out to hundreds that cannot).
        /// </summary>
        private bool CanStillReachTarget(string key, int hopsLeft)
        {
            if (_toTarget is null)
            {
                var count = graph.Entities.Count;
                _toTarget = System.Buffers.ArrayPool<int>.Shared.Rent(count);
                Array.Fill(_toTarget, -1, 0, count);
                var target = graph.PositionOf(query.To);
                _toTarget[target] = 0;
                var frontier = new List<int> { target };
                for (var distance = 1; distance < query.MaxHops && frontier.Count > 0; distance++)
                {
                    var next = new List<int>();
                    foreach (var node in frontier)
                    {
                        var (others, types) = graph.AdjacencyOf(node);
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

            var d = _toTarget[graph.PositionOf(key)];
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
            return c != 0 ? c : string.CompareOrdinal(a.Node, b.Node);
        }

        private bool MayPassThrough(string key) =>
            key == query.To || query.ThroughKinds is not { Count: > 0 } through || through.Contains(graph.Find(key)!.Kind);

        /// <summary>The nodes one followed relation away, each with all the followed relations to it (typed first).</summary>
        private Dictionary<string, Neighbour> NeighboursOf(string key)
        {
            if (_neighbours.TryGetValue(key, out var known))
            {
                return known;
            }

            // Edges come ordered by type (MENTIONS last), direction and other key, so each step lists typed relations first.
            var grouped = new Dictionary<string, List<Relation>>(StringComparer.Ordinal);
            foreach (var edge in graph.Edges(key))
            {
                if (edge.OtherKey != key && _follows[(int)edge.Relation.Type])
                {
                    if (!grouped.TryGetValue(edge.OtherKey, out var relations))
                    {
                        grouped[edge.OtherKey] = relations = [];
                    }

                    relations.Add(edge.Relation);
                }
            }

            var neighbours = new Dictionary<string, Neighbour>(grouped.Count, StringComparer.Ordinal);
            foreach (var (other, relations) in grouped)
            {
                neighbours[other] = new Neighbour(other, relations[0].Type != RelationType.Mentions, [.. relations]);
            }

            _neighbours[key] = neighbours;
            return neighbours;
        }

        /// <summary>log2(1 + distinct neighbours), in thousandths so sums compare exactly.</summary>
        private long HubCost(string key) => (long)Math.Round(1000 * Math.Log2(1 + NeighboursOf(key).Count));

        private Route RouteOf(string[] nodes)
        {
            var narrative = 0;
            long hub = 0;
            for (var i = 0; i < nodes.Length - 1; i++)
            {
                narrative += NeighboursOf(nodes[i])[nodes[i + 1]].Typed ? 0 : 1;
                hub += i > 0 ? HubCost(nodes[i]) : 0;
            }

            return new Route(nodes, new Cost(narrative, nodes.Length - 1, hub));
        }

        private GraphPath ToPath(Route route) => new(
            [.. route.Nodes.Select(k => graph.Find(k)!)],
            [.. route.Nodes.Zip(route.Nodes.Skip(1), (from, to) => new PathStep(from, to, NeighboursOf(from)[to].Relations))]);
    }

    /// <summary>By cost, then by node keys; two routes over the same nodes are the same route.</summary>
    private sealed class RouteComparer : IComparer<Route>
    {
        public static readonly RouteComparer Instance = new();

        public int Compare(Route? x, Route? y)
        {
            var c = x!.Cost.CompareTo(y!.Cost);
            for (var i = 0; c == 0 && i < x.Nodes.Length; i++)
            {
                c = string.CompareOrdinal(x.Nodes[i], y.Nodes[i]);
            }

            return c;
        }
    }
}
