namespace DigitalTrade.Graph.Model;

/// <summary>The kinds of entity in the graph. Each kind lives in its own folder of the corpus.</summary>
public enum EntityKind
{
    Agreement,
    Policy,
    Organization,
    Economy,
    Province,
    City,
    Zone,
    ServiceExportBase,
    Case,
    Indicator,
    Event,
}

/// <summary>How a kind is spelled in the corpus (front matter and folder) and in the API.</summary>
public sealed record EntityKindInfo(EntityKind Kind, string Name, string Folder, string TypeName, string EnumValue);

public static class EntityKinds
{
    public static readonly IReadOnlyList<EntityKindInfo> All =
    [
        new(EntityKind.Agreement, "agreement", "agreements", "Agreement", "AGREEMENT"),
        new(EntityKind.Policy, "policy", "policies", "Policy", "POLICY"),
        new(EntityKind.Organization, "organization", "organizations", "Organization", "ORGANIZATION"),
        new(EntityKind.Economy, "economy", "economies", "Economy", "ECONOMY"),
        new(EntityKind.Province, "province", "provinces", "Province", "PROVINCE"),
        new(EntityKind.City, "city", "cities", "City", "CITY"),
        new(EntityKind.Zone, "zone", "zones", "Zone", "ZONE"),
        new(EntityKind.ServiceExportBase, "base", "bases", "ServiceExportBase", "SERVICE_EXPORT_BASE"),
        new(EntityKind.Case, "case", "cases", "Case", "CASE"),
        new(EntityKind.Indicator, "indicator", "indicators", "Indicator", "INDICATOR"),
        new(EntityKind.Event, "event", "events", "Event", "EVENT"),
    ];

    public static EntityKindInfo Info(this EntityKind kind) => All[(int)kind];

    public static EntityKindInfo? FromName(string name) => All.FirstOrDefault(k => k.Name == name);

    public static EntityKindInfo? FromFolder(string folder) => All.FirstOrDefault(k => k.Folder == folder);

    public static EntityKindInfo? FromTypeName(string typeName) => All.FirstOrDefault(k => k.TypeName == typeName);

    public static EntityKindInfo? FromEnumValue(string value) => All.FirstOrDefault(k => k.EnumValue == value);
}
