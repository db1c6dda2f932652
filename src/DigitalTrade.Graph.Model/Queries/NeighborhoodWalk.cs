namespace DigitalTrade.Graph.Model.Queries;

/// <summary>Breadth-first walk from an entity for <c>neighborhood</c>: nearest nodes first, cut at the limit.</summary>
internal static class NeighborhoodWalk
{
    private const byte Seen = 1;
    private const byte Included = 2;

    public static Neighborhood? Run(GraphSnapshot graph, NeighborhoodQuery query)
    {
        var center = graph.PositionOf(query.Key);
        if (center < 0)
        {
            return null;
        }

        // Nodes are marked by position in a pooled array: a walk over hubs touches thousands of edges, and an array
        // read is far cheaper than hashing each other key into a set.
        var count = graph.Entities.Count;
        var marks = System.Buffers.ArrayPool<byte>.Shared.Rent(count);
        try
        {
            Array.Clear(marks, 0, count);
            return Walk(graph, query, center, marks);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(marks);
        }
    }

    private static Neighborhood Walk(GraphSnapshot graph, NeighborhoodQuery query, int center, byte[] marks)
    {
        var types = query.Types is { Count: > 0 } asked ? asked : null;
        var kinds = query.Kinds is { Count: > 0 } only ? only : null;
        var order = new List<int> { center };
        marks[center] = Included;
        var frontier = new List<int> { center };
        var truncated = false;
        for (var depth = 0; depth < query.Depth && frontier.Count > 0 && !truncated; depth++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                var edges = graph.Edges(graph.Entities[node].Key);
                var others = graph.AdjacencyOf(node).Others.Span;
                for (var i = 0; i < edges.Length; i++)
                {
                    var edge = edges[i];
                    var other = others[i];
                    if ((query.Direction != RelationDirection.Both && edge.Direction != query.Direction)
                        || (types is not null && !types.Contains(edge.Relation.Type))
                        || (kinds is not null && !kinds.Contains(graph.Entities[other].Kind))
                        || marks[other] != 0)
                    {
                        continue;
                    }

                    // Seen even when the limit cuts it off here, as the walk has always counted it.
                    marks[other] = Seen;
                    if (order.Count >= query.Limit)
                    {
                        truncated = true;
                        break;
                    }

                    marks[other] = Included;
                    order.Add(other);
                    next.Add(other);
                }

                if (truncated)
                {
                    break;
                }
            }

            frontier = next;
        }

        // The relations among the nodes, each once (from its outgoing side), in node then edge order.
        var relations = new List<Relation>();
        foreach (var node in order)
        {
            var edges = graph.Edges(graph.Entities[node].Key);
            var others = graph.AdjacencyOf(node).Others.Span;
            for (var i = 0; i < edges.Length; i++)
            {
                if (edges[i].Direction == RelationDirection.Outgoing && marks[others[i]] == Included && (types is null || types.Contains(edges[i].Relation.Type)))
                {
                    relations.Add(edges[i].Relation);
                }
            }
        }

        return new Neighborhood([.. order.Select(n => graph.Entities[n])], relations, truncated);
    }
}
