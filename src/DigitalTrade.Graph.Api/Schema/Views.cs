namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Relay page info.</summary>
internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A Relay connection as the schema serves it; edges are the store's page items.</summary>
internal sealed record Connection(IReadOnlyList<object> Edges, IReadOnlyList<object> Nodes, PageInfo PageInfo, int TotalCount)
{
    public static Connection From<T>(Model.Page<T> page)
        where T : notnull =>
        new(
            [.. page.Items],
            [.. page.Items.Select(i => (object)i.Node)],
            new PageInfo(page.HasNextPage, page.HasPreviousPage, page.Items.Count > 0 ? page.Items[0].Cursor : null, page.Items.Count > 0 ? page.Items[^1].Cursor : null),
            page.TotalCount);
}

/// <summary>One printed table value, read as a number where it is one, with the unit of its series.</summary>
internal sealed record ObservationView(string Series, string Period, string EconomyKey, string Value, double? Number, string Unit);

/// <summary>A relation on a path step; <paramref name="Forward"/> when it points from the step's first node to its second.</summary>
internal sealed record PathRelationView(Model.Relation Relation, bool Forward);

internal sealed record KindCount(string Kind, int Count);

internal sealed record RelationTypeCount(string Type, int Count);
