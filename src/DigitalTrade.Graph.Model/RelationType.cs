namespace DigitalTrade.Graph.Model;

/// <summary>
/// The closed vocabulary of relation types, with the endpoint kinds each one allows.
/// This is the one place relation types are defined; the corpus loader, the schema test
/// and the stores all read it from here.
/// </summary>
public enum RelationType
{
    PartyTo,
    AppliedTo,
    MemberOf,
    IssuedBy,
    AppliesTo,
    Implements,
    Amends,
    LocatedIn,
    PartOf,
    Involves,
    Uses,
    DataFrom,
    Mentions,
    HeldIn,
    OrganizedBy,
    Produced,
}

public sealed record RelationTypeInfo(
    RelationType Type,
    string Name,
    IReadOnlySet<EntityKind> From,
    IReadOnlySet<EntityKind> To,
    string Reads);

public static class RelationTypes
{
    private static readonly EntityKind[] AnyKind = Enum.GetValues<EntityKind>();

    public static readonly IReadOnlyList<RelationTypeInfo> All =
    [
        Define(RelationType.PartyTo, "PARTY_TO", "is a party to",
            [EntityKind.Economy, EntityKind.Organization], [EntityKind.Agreement]),
        Define(RelationType.AppliedTo, "APPLIED_TO", "has applied to join",
            [EntityKind.Economy], [EntityKind.Agreement]),
        Define(RelationType.MemberOf, "MEMBER_OF", "is a member of",
            [EntityKind.Economy, EntityKind.Organization], [EntityKind.Organization]),
        Define(RelationType.IssuedBy, "ISSUED_BY", "was issued by",
            [EntityKind.Policy, EntityKind.Agreement, EntityKind.Indicator], [EntityKind.Organization, EntityKind.Economy]),
        Define(RelationType.AppliesTo, "APPLIES_TO", "applies in",
            [EntityKind.Policy, EntityKind.Agreement],
            [EntityKind.Province, EntityKind.City, EntityKind.Zone, EntityKind.ServiceExportBase, EntityKind.Economy]),
        Define(RelationType.Implements, "IMPLEMENTS", "implements",
            [EntityKind.Policy, EntityKind.Case], [EntityKind.Policy, EntityKind.Agreement]),
        Define(RelationType.Amends, "AMENDS", "upgrades or revises",
            [EntityKind.Policy, EntityKind.Agreement], [EntityKind.Policy, EntityKind.Agreement]),
        Define(RelationType.LocatedIn, "LOCATED_IN", "is located in",
            [EntityKind.City, EntityKind.Zone, EntityKind.ServiceExportBase, EntityKind.Case, EntityKind.Organization, EntityKind.Province],
            [EntityKind.Province, EntityKind.City, EntityKind.Zone, EntityKind.Economy]),
        Define(RelationType.PartOf, "PART_OF", "is part of",
            [EntityKind.Zone, EntityKind.Organization, EntityKind.ServiceExportBase],
            [EntityKind.Zone, EntityKind.Organization, EntityKind.ServiceExportBase]),
        Define(RelationType.Involves, "INVOLVES", "involves",
            [EntityKind.Case, EntityKind.Event],
            [EntityKind.Organization, EntityKind.Economy, EntityKind.ServiceExportBase, EntityKind.Zone, EntityKind.City, EntityKind.Province]),
        Define(RelationType.Uses, "USES", "relies on",
            [EntityKind.Case], [EntityKind.Policy, EntityKind.Agreement]),
        Define(RelationType.DataFrom, "DATA_FROM", "takes its data from",
            [EntityKind.Indicator], [EntityKind.Organization]),
        Define(RelationType.Mentions, "MENTIONS", "mentions", AnyKind, AnyKind),
        Define(RelationType.HeldIn, "HELD_IN", "was held in",
            [EntityKind.Event],
            [EntityKind.Economy, EntityKind.Province, EntityKind.City, EntityKind.Zone, EntityKind.ServiceExportBase]),
        Define(RelationType.OrganizedBy, "ORGANIZED_BY", "was organized by",
            [EntityKind.Event],
            [EntityKind.Organization, EntityKind.Economy, EntityKind.Province, EntityKind.City, EntityKind.Zone, EntityKind.ServiceExportBase]),
        Define(RelationType.Produced, "PRODUCED", "produced or launched",
            [EntityKind.Event], [EntityKind.Agreement, EntityKind.Policy]),
    ];

    private static readonly Dictionary<string, RelationTypeInfo> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static RelationTypeInfo Info(this RelationType type) => All[(int)type];

    public static RelationTypeInfo? FromName(string name) => ByName.GetValueOrDefault(name);

    public static bool Allows(this RelationType type, EntityKind from, EntityKind to)
    {
        var info = type.Info();
        return info.From.Contains(from) && info.To.Contains(to);
    }

    private static RelationTypeInfo Define(RelationType type, string name, string reads, EntityKind[] from, EntityKind[] to) =>
        new(type, name, from.ToHashSet(), to.ToHashSet(), reads);
}
