using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Model.Queries;
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

    /// <summary>The search index served with <see cref="Current"/>: a reload builds the next one from its unchanged shards.</summary>
    public SearchIndex? CurrentIndex => Volatile.Read(ref _current)?.Index;

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
        return ValueTask.FromResult<IGraphView>(new SnapshotView(this, current));
    }

    public ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Volatile.Read(ref _current)?.Status ?? NotLoaded);

    private static readonly StoreStatus NotLoaded = new(false, "no snapshot loaded yet");

    /// <summary>A snapshot with its index, and its status composed once (every request asks for it).</summary>
    private sealed record Published(GraphSnapshot Snapshot, SearchIndex Index)
    {
        public StoreStatus Status { get; } = new(true, $"snapshot {Snapshot.Version} with {Snapshot.Entities.Count} entities");
    }

    private sealed class SnapshotView(EmbeddedGraphStore store, Published published) : ISnapshotView
    {
        private readonly GraphSnapshot _snapshot = published.Snapshot;
        private readonly SearchIndex _index = published.Index;

        public string Version => _snapshot.Version;

        public GraphSnapshot Snapshot => _snapshot;

        public bool IsCurrent => ReferenceEquals(Volatile.Read(ref store._current), published);

        public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Entity?>>([.. keys.Select(_snapshot.Find)]);

        public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(
            IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Page<RelationEdge>>>([.. keys.Select(k => _snapshot.RelationsOf(k, filter, page))]);

        public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(_snapshot.List(filter, order, page));

        public Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(_snapshot.NeighborhoodOf(query));

        public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(_snapshot.Paths(query));

        public Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<NameResolution>>([.. names.Select(n => _snapshot.Names.Resolve(n, kinds))]);

        public Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(_index.Search(query, page, cancellationToken));

        public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(_snapshot.Statistics());
    }
}
