using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;

namespace DigitalTrade.Graph.Stores.Embedded;

/// <summary>
/// Serves the graph from an in-memory <see cref="GraphSnapshot"/> and the search index built from
/// it. Publishing replaces both in one atomic write; a view keeps the pair it opened with, so a
/// request never sees two versions, and readers take no lock.
/// </summary>
public sealed class EmbeddedGraphStore : IGraphStore
{
    private Published? _current;

    public GraphSnapshot? Current => Volatile.Read(ref _current)?.Snapshot;

    /// <summary>Indexes <paramref name="snapshot"/> for search and makes the pair the served graph; returns the snapshot it replaced.</summary>
    public GraphSnapshot? Publish(GraphSnapshot snapshot) => Publish(snapshot, SearchIndex.Build(snapshot));

    /// <summary>Makes a snapshot and its search index (built for it, or opened from the snapshot cache) the served graph; returns the snapshot it replaced.</summary>
    public GraphSnapshot? Publish(GraphSnapshot snapshot, SearchIndex index)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(index);
        if (index.Version != snapshot.Version)
        {
            throw new ArgumentException($"The index is of snapshot {index.Version}, not {snapshot.Version}.", nameof(index));
        }

        // The old index is left to the garbage collector: requests in flight may still search it.
        return Interlocked.Exchange(ref _current, new Published(snapshot, index))?.Snapshot;
    }

    public ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current) ?? throw new InvalidOperationException("No snapshot has been published yet.");
        return ValueTask.FromResult<IGraphView>(new SnapshotView(current.Snapshot, current.Index));
    }

    public ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current is { } snapshot
            ? new StoreStatus(true, $"snapshot {snapshot.Version} with {snapshot.Entities.Count} entities")
            : new StoreStatus(false, "no snapshot loaded yet"));

    private sealed record Published(GraphSnapshot Snapshot, SearchIndex Index);

    private sealed class SnapshotView(GraphSnapshot snapshot, SearchIndex index) : IGraphView
    {
        public string Version => snapshot.Version;

        public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Entity?>>([.. keys.Select(snapshot.Find)]);

        public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(
            IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Page<RelationEdge>>>([.. keys.Select(k => snapshot.RelationsOf(k, filter, page))]);

        public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.List(filter, order, page));

        public Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.NeighborhoodOf(query));

        public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.Paths(query));

        public Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<NameResolution>>([.. names.Select(n => snapshot.Names.Resolve(n, kinds))]);

        public Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(index.Search(query, page, cancellationToken));

        public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.Statistics());
    }
}
