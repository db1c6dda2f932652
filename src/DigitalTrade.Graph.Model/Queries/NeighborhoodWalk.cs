namespace DigitalTrade.Graph.Model.Queries;

/// <summary>Breadth-first walk from an entity for <c>neighborhood</c>: nearest nodes first, cut at the limit.</summary>
internal static class NeighborhoodWalk
{
    public static Neighborhood? Run(GraphSnapshot graph, NeighborhoodQuery query)
    {
        if (graph.Find(query.Key) is not { } center)
        {
            return null;
        }

        var filter = new RelationFilter(query.Types, query.Direction, query.Kinds);
        var order = new List<Entity> { center };
        var seen = new HashSet<string>(StringComparer.Ordinal) { center.Key };
        var frontier = new List<string> { center.Key };
        var truncated = false;
        for (var depth = 0; depth < query.Depth && frontier.Count > 0 && !truncated; depth++)
        {
            var next = new List<string>();
            foreach (var key in frontier)
            {
                foreach (var edge in graph.Edges(key))
                {
                    if (!graph.Matches(edge, filter) || !seen.Add(edge.OtherKey))
                    {
                        continue;
                    }

                    if (order.Count >= query.Limit)
                    {
                        truncated = true;
                        break;
                    }

                    order.Add(graph.Find(edge.OtherKey)!);
                    next.Add(edge.OtherKey);
                }

                if (truncated)
                {
                    break;
                }
            }

            frontier = next;
        }

        // The relations among the nodes, each once (from its outgoing side), in node then edge order. A plain loop:
        // hubs have hundreds of edges, and this runs over every edge of every node.
        var types = query.Types is { Count: > 0 } asked ? asked : null;
        var included = order.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var edges = new List<Relation>();
        foreach (var node in order)
        {
            foreach (var edge in graph.Edges(node.Key))
            {
                if (edge.Direction == RelationDirection.Outgoing && included.Contains(edge.OtherKey) && (types is null || types.Contains(edge.Relation.Type)))
                {
                    edges.Add(edge.Relation);
                }
            }
        }

        return new Neighborhood(order, edges, truncated);
    }
}
