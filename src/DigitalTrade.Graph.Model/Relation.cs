namespace DigitalTrade.Graph.Model;

public enum RelationDirection
{
    Outgoing,
    Incoming,
    Both,
}

/// <summary>Where a relation was written: in the front matter, or as a link in the narrative.</summary>
public enum RelationOrigin
{
    FrontMatter,
    BodyLink,
}

public sealed record RelationProperties(PartialDate? Date, string? Role, string? Note, SourceRef? Source, RelationOrigin Origin)
{
    public static readonly RelationProperties None = new(null, null, null, null, RelationOrigin.FrontMatter);
}

/// <summary>A typed, directed edge between two entity keys.</summary>
public sealed record Relation(string From, RelationType Type, string To, RelationProperties Properties);

/// <summary>A relation seen from one of its endpoints.</summary>
public sealed record RelationEdge(Relation Relation, RelationDirection Direction)
{
    public string OtherKey => Direction == RelationDirection.Outgoing ? Relation.To : Relation.From;
}
