namespace DigitalTrade.Graph.Model;

public sealed partial class GraphSnapshot
{
    /// <summary>
    /// Every entity's edges in a stable order (type, direction, other key), by entity position, and the same edges as
    /// adjacency arrays (other position and type) for graph walks that mark nodes in arrays instead of string dictionaries.
    /// </summary>
    /// <remarks>
    /// Edge order is a total order (an entity relates to another by one type in one direction at most once), so an entity's
    /// list is the same however it was put together: built from every relation, or updated from the snapshot before.
    /// </remarks>
    private sealed class EdgeIndex
    {
        private EdgeIndex(RelationEdge[][] byPosition, int[] adjacencyStart, int[] adjacencyOther, RelationType[] adjacencyType)
        {
            ByPosition = byPosition;
            AdjacencyStart = adjacencyStart;
            AdjacencyOther = adjacencyOther;
            AdjacencyType = adjacencyType;
        }

        // Arrays read through internal loops, not ImmutableArray behind IReadOnlyList: no struct boxed and no enumerator allocated per call on hot paths.
        public RelationEdge[][] ByPosition { get; }

        public int[] AdjacencyStart { get; }

        public int[] AdjacencyOther { get; }

        public RelationType[] AdjacencyType { get; }

        /// <summary>From every relation: one pass into lists per entity, then one sort per list (LINQ grouping of every edge cost seconds on 100k entities).</summary>
        public static EdgeIndex Build(GraphSnapshot graph, Relation[] relations)
        {
            var lists = new List<RelationEdge>?[graph._entities.Length];
            foreach (var relation in relations)
            {
                (lists[graph._positions[relation.From]] ??= []).Add(new RelationEdge(relation, RelationDirection.Outgoing));
                (lists[graph._positions[relation.To]] ??= []).Add(new RelationEdge(relation, RelationDirection.Incoming));
            }

            var byPosition = new RelationEdge[lists.Length][];
            for (var i = 0; i < lists.Length; i++)
            {
                byPosition[i] = Sorted(lists[i]);
            }

            return WithAdjacency(graph, byPosition, null, null);
        }

        /// <summary>
        /// The index of <paramref name="graph"/>, whose keys are those of this index's snapshot, from this one: only the entities at
        /// either end of a relation that is in one list and not the other get new edge lists; every other entity keeps its list
        /// and its adjacency. A watch reload's relations are the last load's objects where their files did not change, in file
        /// order, so what changed is the stretch between the first and the last relation that differ.
        /// </summary>
        public EdgeIndex Update(GraphSnapshot graph, Relation[] before, Relation[] now)
        {
            var head = 0;
            while (head < before.Length && head < now.Length && ReferenceEquals(before[head], now[head]))
            {
                head++;
            }

            var tail = 0;
            while (tail < before.Length - head && tail < now.Length - head && ReferenceEquals(before[^(tail + 1)], now[^(tail + 1)]))
            {
                tail++;
            }

            var removed = new HashSet<Relation>(before.AsSpan(head, before.Length - head - tail).ToArray(), ReferenceEqualityComparer.Instance);
            var added = now.AsSpan(head, now.Length - head - tail);
            var dirty = new Dictionary<int, List<RelationEdge>>();
            void Touch(string key)
            {
                var position = graph._positions[key];
                if (!dirty.ContainsKey(position))
                {
                    dirty[position] = [.. ByPosition[position].Where(e => !removed.Contains(e.Relation))];
                }
            }

            foreach (var relation in removed)
            {
                Touch(relation.From);
                Touch(relation.To);
            }

            foreach (var relation in added)
            {
                Touch(relation.From);
                Touch(relation.To);
                dirty[graph._positions[relation.From]].Add(new RelationEdge(relation, RelationDirection.Outgoing));
                dirty[graph._positions[relation.To]].Add(new RelationEdge(relation, RelationDirection.Incoming));
            }

            var byPosition = (RelationEdge[][])ByPosition.Clone();
            foreach (var (position, list) in dirty)
            {
                byPosition[position] = Sorted(list);
            }

            return WithAdjacency(graph, byPosition, this, dirty.Keys.ToHashSet());
        }

        private static RelationEdge[] Sorted(List<RelationEdge>? list) =>
            list is null or { Count: 0 } ? [] : [.. list.OrderBy(EdgeOrder, EdgeOrderComparer.Instance)];

        /// <summary>Adjacency arrays for <paramref name="byPosition"/>; an entity not in <paramref name="changed"/> copies its stretch from <paramref name="kept"/>.</summary>
        private static EdgeIndex WithAdjacency(GraphSnapshot graph, RelationEdge[][] byPosition, EdgeIndex? kept, HashSet<int>? changed)
        {
            var start = new int[byPosition.Length + 1];
            for (var i = 0; i < byPosition.Length; i++)
            {
                start[i + 1] = start[i] + byPosition[i].Length;
            }

            var other = new int[start[^1]];
            var type = new RelationType[start[^1]];
            for (var i = 0; i < byPosition.Length; i++)
            {
                if (kept is not null && !changed!.Contains(i))
                {
                    Array.Copy(kept.AdjacencyOther, kept.AdjacencyStart[i], other, start[i], byPosition[i].Length);
                    Array.Copy(kept.AdjacencyType, kept.AdjacencyStart[i], type, start[i], byPosition[i].Length);
                    continue;
                }

                var next = start[i];
                foreach (var edge in byPosition[i])
                {
                    other[next] = graph._positions[edge.OtherKey];
                    type[next++] = edge.Relation.Type;
                }
            }

            return new EdgeIndex(byPosition, start, other, type);
        }
    }
}
