using System.Collections.Concurrent;
using DigitalTrade.Graph.Model;
using GraphQL;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// Everything one GraphQL request reads through: the store view it opened (one graph version)
/// and the batch loaders that share store calls between the resolvers of a level. When the view
/// is an in-memory snapshot (<see cref="Snapshot"/>), resolvers read it directly instead: a lookup
/// there is cheaper than queueing it for a batch.
/// </summary>
internal sealed class GraphRequestContext : Dictionary<string, object?>
{
    private readonly ConcurrentDictionary<string, object> _loaders = new(StringComparer.Ordinal);

    public GraphRequestContext(IGraphView view, int maxPageSize, Telemetry.GraphMetrics metrics)
    {
        View = new Telemetry.MeasuredGraphView(view, metrics);
        Snapshot = (view as Model.Queries.ISnapshotView)?.Snapshot;
        MaxPageSize = maxPageSize;
        Entities = new BatchLoader<string, Entity?>(View.GetEntitiesAsync);
    }

    public IGraphView View { get; }

    /// <summary>The request's execution timeout, checked between fields (null for contexts made outside the executor).</summary>
    public ExecutionDeadline? Deadline { get; init; }

    /// <summary>The in-memory graph the view reads, when it is one; null for stores that answer by round trips.</summary>
    public GraphSnapshot? Snapshot { get; }

    /// <summary>
    /// Set by a resolver that read something that is not a function of the graph version (the last load's outcome,
    /// the snapshot's build time): its answer must not be cached or tagged by (version, request).
    /// </summary>
    public bool Volatile { get; set; }

    /// <summary>The entity with this key: read at once from a snapshot, else a pending batched result.</summary>
    public object? Entity(string key) => Snapshot is { } snapshot ? snapshot.Find(key) : Entities.Load(key);

    /// <summary>The largest <c>first</c> a connection accepts (<see cref="GraphApiOptions.MaxPageSize"/>).</summary>
    public int MaxPageSize { get; }

    public BatchLoader<string, Entity?> Entities { get; }

    /// <summary>Relation pages for many entities with the same filter and page, in one call.</summary>
    public BatchLoader<string, Page<RelationEdge>> Relations(RelationFilter filter, PageRequest page, string signature) =>
        (BatchLoader<string, Page<RelationEdge>>)_loaders.GetOrAdd("relations:" + signature, _ =>
            new BatchLoader<string, Page<RelationEdge>>((keys, ct) => View.GetRelationsAsync(keys, filter, page, ct)));

    /// <summary>Linked entities for many sources: one relations call and one entities call per batch.</summary>
    public BatchLoader<string, IReadOnlyList<Entity>> Links(LinkField link) =>
        (BatchLoader<string, IReadOnlyList<Entity>>)_loaders.GetOrAdd("links:" + link.Signature, _ =>
            new BatchLoader<string, IReadOnlyList<Entity>>(async (keys, ct) =>
            {
                var pages = await View.GetRelationsAsync(keys, link.Filter, LinkField.Page, ct).ConfigureAwait(false);
                var others = pages.SelectMany(p => p.Items.Select(i => i.Node.OtherKey)).Distinct(StringComparer.Ordinal).ToList();
                var found = others.Count == 0 ? [] : await View.GetEntitiesAsync(others, ct).ConfigureAwait(false);
                var byKey = found.OfType<Entity>().ToDictionary(e => e.Key, StringComparer.Ordinal);
                return [.. pages.Select(p => (IReadOnlyList<Entity>)[.. p.Items.Select(i => byKey.GetValueOrDefault(i.Node.OtherKey)).OfType<Entity>()])];
            }));

    public static GraphRequestContext From(IResolveFieldContext context) =>
        context.UserContext as GraphRequestContext
        ?? throw new InvalidOperationException("The request was not started by the DigitalTrade.Graph endpoint.");
}
