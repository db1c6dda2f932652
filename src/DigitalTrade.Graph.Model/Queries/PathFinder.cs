namespace DigitalTrade.Graph.Model.Queries;

/// <summary>
/// The k shortest simple paths between two entities (Yen's algorithm over breadth-first shortest
/// paths), following relations in either direction. Each relation is its own edge, so two
/// entities joined by two relation types give two paths.
/// </summary>
internal static class PathFinder
{
    public static IReadOnlyList<GraphPath> Find(GraphSnapshot graph, PathQuery query)
    {
        if (graph.Find(query.From) is null || graph.Find(query.To) is null || query.From == query.To)
        {
            return [];
        }

        var accepted = new List<Route>();
        var candidates = new SortedSet<Route>(RouteComparer.Instance);
        if (Shortest(graph, query, query.From, [], [], query.MaxHops) is not { } first)
        {
            return [];
        }

        accepted.Add(first);
        while (accepted.Count < query.First)
        {
            var previous = accepted[^1];
            for (var i = 0; i < previous.Edges.Count; i++)
            {
                var root = previous.Nodes.Take(i + 1).ToList();
                var spur = root[^1];
                var removedEdges = accepted
                    .Where(p => p.Nodes.Count > i + 1 && p.Nodes.Take(i + 1).SequenceEqual(root, StringComparer.Ordinal))
                    .Select(p => p.Edges[i])
                    .ToHashSet();
                var removedNodes = root.Take(i).ToHashSet(StringComparer.Ordinal);
                if (Shortest(graph, query, spur, removedEdges, removedNodes, query.MaxHops - i) is { } spurRoute)
                {
                    candidates.Add(new Route([.. root, .. spurRoute.Nodes.Skip(1)], [.. previous.Edges.Take(i), .. spurRoute.Edges]));
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

        return [.. accepted.Select(r => new GraphPath([.. r.Nodes.Select(k => graph.Find(k)!)], r.Edges))];
    }

    /// <summary>Breadth-first shortest route from <paramref name="start"/> to the query's end, avoiding removed edges and nodes.</summary>
    private static Route? Shortest(GraphSnapshot graph, PathQuery query, string start, HashSet<Relation> removedEdges, HashSet<string> removedNodes, int maxHops)
    {
        var previous = new Dictionary<string, (string Node, Relation Edge)>(StringComparer.Ordinal);
        var visited = new HashSet<string>(removedNodes, StringComparer.Ordinal) { start };
        var frontier = new List<string> { start };
        for (var hop = 0; hop < maxHops && frontier.Count > 0; hop++)
        {
            var next = new List<string>();
            foreach (var node in frontier)
            {
                foreach (var edge in graph.EdgesOf(node))
                {
                    var other = edge.OtherKey;
                    if (removedEdges.Contains(edge.Relation) || visited.Contains(other)
                        || (query.Types is { Count: > 0 } types && !types.Contains(edge.Relation.Type)))
                    {
                        continue;
                    }

                    if (other != query.To && query.ThroughKinds is { Count: > 0 } through && !through.Contains(graph.Find(other)!.Kind))
                    {
                        continue;
                    }

                    visited.Add(other);
                    previous[other] = (node, edge.Relation);
                    if (other == query.To)
                    {
                        return Unwind(previous, start, query.To);
                    }

                    next.Add(other);
                }
            }

            frontier = next;
        }

        return null;
    }

    private static Route Unwind(Dictionary<string, (string Node, Relation Edge)> previous, string start, string end)
    {
        var nodes = new List<string> { end };
        var edges = new List<Relation>();
        for (var node = end; node != start; node = previous[node].Node)
        {
            edges.Add(previous[node].Edge);
            nodes.Add(previous[node].Node);
        }

        nodes.Reverse();
        edges.Reverse();
        return new Route(nodes, edges);
    }

    private sealed record Route(IReadOnlyList<string> Nodes, IReadOnlyList<Relation> Edges);

    /// <summary>Shorter first; equal lengths by their node keys, then relation types, so results are stable.</summary>
    private sealed class RouteComparer : IComparer<Route>
    {
        public static readonly RouteComparer Instance = new();

        public int Compare(Route? x, Route? y)
        {
            var c = x!.Edges.Count.CompareTo(y!.Edges.Count);
            for (var i = 0; c == 0 && i < x.Nodes.Count; i++)
            {
                c = string.CompareOrdinal(x.Nodes[i], y.Nodes[i]);
            }

            for (var i = 0; c == 0 && i < x.Edges.Count; i++)
            {
                c = x.Edges[i].Type.CompareTo(y.Edges[i].Type);
            }

            return c;
        }
    }
}
