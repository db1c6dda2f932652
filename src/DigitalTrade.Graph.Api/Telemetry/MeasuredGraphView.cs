using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Telemetry;

/// <summary>Counts and traces every call a request makes to the store, whichever store it is.</summary>
internal sealed class MeasuredGraphView(IGraphView inner, GraphMetrics metrics) : IGraphView
{
    public string Version => inner.Version;

    public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        Measure("entities", () => inner.GetEntitiesAsync(keys, cancellationToken));

    public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Measure("relations", () => inner.GetRelationsAsync(keys, filter, page, cancellationToken));

    public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken) =>
        Measure("list", () => inner.ListEntitiesAsync(filter, order, page, cancellationToken));

    public Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken) =>
        Measure("neighborhood", () => inner.GetNeighborhoodAsync(query, cancellationToken));

    public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken) =>
        Measure("paths", () => inner.FindPathsAsync(query, cancellationToken));

    public Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken) =>
        Measure("names", () => inner.ResolveNamesAsync(names, kinds, cancellationToken));

    public Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Measure("search", () => inner.SearchAsync(query, page, cancellationToken));

    public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        Measure("statistics", () => inner.GetStatisticsAsync(cancellationToken));

    private Task<T> Measure<T>(string method, Func<Task<T>> call)
    {
        metrics.StoreCalled(method);
        using var activity = GraphMetrics.Activities.StartActivity("graph.store." + method);
        return call();
    }
}
