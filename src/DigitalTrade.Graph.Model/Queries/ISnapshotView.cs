namespace DigitalTrade.Graph.Model.Queries;

/// <summary>
/// A view whose graph is an in-memory <see cref="GraphSnapshot"/>. The API reads such a view directly, field by
/// field: a dictionary lookup costs less than the machinery that would batch it. A store whose every call is a
/// round trip (Neo4j) does not implement this and keeps being batched.
/// </summary>
public interface ISnapshotView : IGraphView
{
    GraphSnapshot Snapshot { get; }

    /// <summary>Whether the snapshot is still the one the store serves: false for a view opened before a newer one was published.</summary>
    bool IsCurrent { get; }
}
