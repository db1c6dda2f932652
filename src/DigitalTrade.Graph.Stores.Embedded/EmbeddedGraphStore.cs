using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Embedded;

/// <summary>
/// Serves the graph from an in-memory <see cref="GraphSnapshot"/>. Publishing replaces the
/// reference in one atomic write; a view keeps the snapshot it opened with, so a request
/// never sees two versions, and readers take no lock.
/// </summary>
public sealed class EmbeddedGraphStore : IGraphStore
{
    private GraphSnapshot? _current;

    public GraphSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="snapshot"/> the served graph; returns the one it replaced.</summary>
    public GraphSnapshot? Publish(GraphSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Interlocked.Exchange(ref _current, snapshot);
    }

    public ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken)
    {
        var snapshot = Current ?? throw new InvalidOperationException("No snapshot has been published yet.");
        return ValueTask.FromResult<IGraphView>(new SnapshotView(snapshot));
    }

    public ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current is { } snapshot
            ? new StoreStatus(true, $"snapshot {snapshot.Version} with {snapshot.Entities.Count} entities")
            : new StoreStatus(false, "no snapshot loaded yet"));

    private sealed class SnapshotView(GraphSnapshot snapshot) : IGraphView
    {
        public string Version => snapshot.Version;

        public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Entity?>>([.. keys.Select(snapshot.Find)]);

        public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(
            IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Page<RelationEdge>>>([.. keys.Select(k => snapshot.RelationsOf(k, filter, page))]);

        public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.List(filter, page));

        public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(snapshot.Statistics());
    }
}
