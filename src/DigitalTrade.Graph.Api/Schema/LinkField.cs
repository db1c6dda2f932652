using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// A typed link field of an entity type (e.g. <c>Agreement.parties</c>): a relation filter with a name.
/// A link <see cref="InPlace"/> (a province's cases, policies, …) holds instead what the entity filter
/// <c>province</c> finds of its kind, so the field and the filter always agree.
/// </summary>
internal sealed record LinkField(string TypeName, string FieldName, RelationType Type, RelationDirection Direction, EntityKind[]? Kinds = null, bool Single = false, bool InPlace = false)
{
    /// <summary>Typed link lists are not paged; this bounds them (the schema says so). The …Connection fields page through all.</summary>
    public static readonly PageRequest Page = new(500, null);

    public RelationFilter Filter { get; } = new(new HashSet<RelationType> { Type }, Direction, Kinds?.ToHashSet());

    public string Signature => $"{Type}:{Direction}:{string.Join(",", Kinds ?? [])}:{InPlace}";

    /// <summary>
    /// The entities this link leads to from <paramref name="key"/>, as an entity filter over <paramref name="conditions"/>:
    /// related to the key by the link's relation (seen from the other end), or in the place for links in place.
    /// Null when the kinds asked for and the link's kinds have nothing in common.
    /// </summary>
    public EntityFilter? From(string key, EntityFilter conditions)
    {
        var kinds = conditions.Kinds;
        if (Kinds is not null)
        {
            kinds = kinds is { Count: > 0 } asked ? Kinds.Where(asked.Contains).ToHashSet() : Kinds.ToHashSet();
            if (kinds.Count == 0)
            {
                return null;
            }
        }

        var opposite = Direction == RelationDirection.Outgoing ? RelationDirection.Incoming : RelationDirection.Outgoing;
        return InPlace
            ? conditions with { Kinds = kinds, Province = key }
            : conditions with { Kinds = kinds, RelatedTo = new RelatedTo(key, Type, opposite) };
    }
}

/// <summary>Every typed link field of the schema, in one table: what each one follows.</summary>
internal static class LinkFields
{
    private const RelationDirection Out = RelationDirection.Outgoing;
    private const RelationDirection In = RelationDirection.Incoming;

    public static readonly IReadOnlyList<LinkField> All =
    [
        new("Agreement", "parties", RelationType.PartyTo, In),
        new("Agreement", "applicants", RelationType.AppliedTo, In),
        new("Agreement", "implementedBy", RelationType.Implements, In),
        new("Agreement", "amends", RelationType.Amends, Out, [EntityKind.Agreement]),
        new("Agreement", "amendedBy", RelationType.Amends, In, [EntityKind.Agreement]),

        new("Policy", "issuers", RelationType.IssuedBy, Out),
        new("Policy", "appliesTo", RelationType.AppliesTo, Out),
        new("Policy", "implements", RelationType.Implements, Out),
        new("Policy", "implementedBy", RelationType.Implements, In),
        new("Policy", "usedBy", RelationType.Uses, In),

        new("Organization", "issued", RelationType.IssuedBy, In),
        new("Organization", "members", RelationType.MemberOf, In),
        new("Organization", "agreements", RelationType.PartyTo, Out),

        new("Economy", "agreements", RelationType.PartyTo, Out),
        new("Economy", "applications", RelationType.AppliedTo, Out),
        new("Economy", "memberships", RelationType.MemberOf, Out),

        new("Province", "serviceExportBases", RelationType.LocatedIn, In, [EntityKind.ServiceExportBase], InPlace: true),
        new("Province", "cities", RelationType.LocatedIn, In, [EntityKind.City], InPlace: true),
        new("Province", "zones", RelationType.LocatedIn, In, [EntityKind.Zone], InPlace: true),
        new("Province", "cases", RelationType.LocatedIn, In, [EntityKind.Case], InPlace: true),
        new("Province", "policies", RelationType.AppliesTo, In, [EntityKind.Policy], InPlace: true),

        new("City", "province", RelationType.LocatedIn, Out, [EntityKind.Province], Single: true),
        new("City", "serviceExportBases", RelationType.LocatedIn, In, [EntityKind.ServiceExportBase]),
        new("City", "zones", RelationType.LocatedIn, In, [EntityKind.Zone]),
        new("City", "cases", RelationType.LocatedIn, In, [EntityKind.Case]),
        new("City", "policies", RelationType.AppliesTo, In, [EntityKind.Policy]),

        new("Zone", "province", RelationType.LocatedIn, Out, [EntityKind.Province], Single: true),
        new("Zone", "city", RelationType.LocatedIn, Out, [EntityKind.City], Single: true),
        new("Zone", "parent", RelationType.PartOf, Out, [EntityKind.Zone], Single: true),
        new("Zone", "areas", RelationType.PartOf, In, [EntityKind.Zone]),
        new("Zone", "policies", RelationType.AppliesTo, In, [EntityKind.Policy]),
        new("Zone", "cases", RelationType.Involves, In, [EntityKind.Case]),

        new("ServiceExportBase", "province", RelationType.LocatedIn, Out, [EntityKind.Province], Single: true),
        new("ServiceExportBase", "city", RelationType.LocatedIn, Out, [EntityKind.City], Single: true),
        new("ServiceExportBase", "cases", RelationType.Involves, In, [EntityKind.Case]),
        new("ServiceExportBase", "policies", RelationType.AppliesTo, In, [EntityKind.Policy]),

        new("Case", "province", RelationType.LocatedIn, Out, [EntityKind.Province], Single: true),
        new("Case", "city", RelationType.LocatedIn, Out, [EntityKind.City], Single: true),
        new("Case", "bases", RelationType.Involves, Out, [EntityKind.ServiceExportBase]),
        new("Case", "zones", RelationType.Involves, Out, [EntityKind.Zone]),
        new("Case", "policies", RelationType.Uses, Out),
        new("Case", "implements", RelationType.Implements, Out),
        new("Case", "partners", RelationType.Involves, Out, [EntityKind.Organization, EntityKind.Economy]),

        new("Event", "place", RelationType.HeldIn, Out, Single: true),
        new("Event", "organizers", RelationType.OrganizedBy, Out),
        new("Event", "participants", RelationType.Involves, Out),
        new("Event", "outcomes", RelationType.Produced, Out),
        new("Agreement", "events", RelationType.Produced, In, [EntityKind.Event]),
        new("Policy", "events", RelationType.Produced, In, [EntityKind.Event]),
        new("Organization", "organizedEvents", RelationType.OrganizedBy, In, [EntityKind.Event]),
        new("Economy", "events", RelationType.HeldIn, In, [EntityKind.Event]),
        new("Province", "events", RelationType.HeldIn, In, [EntityKind.Event], InPlace: true),
        new("City", "events", RelationType.HeldIn, In, [EntityKind.Event]),
    ];
}
