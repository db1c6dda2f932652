namespace DigitalTrade.Graph.Model;

/// <summary>A closed vocabulary of one facet of one kind, e.g. a policy's <c>level</c>; values as the corpus writes them.</summary>
public sealed record Facet(EntityKind Kind, string Field, IReadOnlyList<string> Values)
{
    /// <summary>This facet's value on an entity of its kind (null when the entity has none).</summary>
    public string? ValueOf(Entity entity) => Vocabulary.ValueOf(entity, Field);
}

/// <summary>
/// The closed vocabularies of the graph, in one place: the facets each kind may carry, the named dates
/// it may have and the qualifiers of figures. The corpus loader validates against them, the API serves
/// them as enums and validates filters with them, and the editor's guide documents them.
/// </summary>
public static class Vocabulary
{
    /// <summary>Every facet, grouped by kind in <see cref="EntityKind"/> order; within a kind in the order the guide lists them.</summary>
    public static readonly IReadOnlyList<Facet> Facets =
    [
        new(EntityKind.Agreement, "type", ["agreement", "protocol", "framework", "mou", "initiative", "declaration", "statement"]),
        new(EntityKind.Agreement, "status", ["negotiating", "concluded", "signed", "in_force", "adopted", "announced"]),
        new(EntityKind.Policy, "level", ["national", "provincial", "ftz", "city", "district", "foreign", "international", "sar"]),
        new(EntityKind.Policy, "type", ["law", "regulation", "opinion", "plan", "negative_list", "standard", "measure", "notice", "guideline", "catalogue", "rule"]),
        new(EntityKind.Policy, "status", ["draft", "in_force", "pilot", "superseded"]),
        new(EntityKind.Organization, "type", ["government", "regulator", "international", "association", "enterprise", "research", "platform", "operator", "fund"]),
        new(EntityKind.Economy, "type", ["country", "territory", "bloc", "region", "world"]),
        new(EntityKind.Province, "type", ["province", "municipality", "autonomous_region", "sar"]),
        new(EntityKind.Zone, "type", ["ftz", "ftz_area", "free_trade_port", "pilot_zone", "demonstration_zone", "development_zone"]),
        new(EntityKind.Case, "theme", ["technology_ecosystem", "digital_services", "data_flows", "international_cooperation", "cross_border_ecommerce", "ip_services", "overview"]),
        new(EntityKind.Event, "type", ["summit", "meeting", "forum", "conference", "seminar", "expo", "competition", "training", "matchmaking", "ceremony", "press_conference", "festival"]),
    ];

    /// <summary>How the report qualifies a figure (about, over, …).</summary>
    public static readonly IReadOnlyList<string> Qualifiers = ["about", "over", "nearly", "at_least", "up_to"];

    private static readonly Dictionary<EntityKind, string[]> DateNamesByKind = new()
    {
        [EntityKind.Agreement] = ["launched", "concluded", "signed", "in_force", "adopted", "announced", "published"],
        [EntityKind.Policy] = ["issued", "effective", "revised", "published", "started", "approved"],
        [EntityKind.Organization] = ["established", "launched"],
        [EntityKind.Zone] = ["established"],
        [EntityKind.ServiceExportBase] = ["designated"],
        [EntityKind.Case] = ["started", "reported"],

        // An event's span: start alone is a one-day (or one-month, one-year) event as precise as the report gives it.
        [EntityKind.Event] = ["start", "end"],
    };

    /// <summary>Every named date of any kind, in first-use order.</summary>
    public static readonly IReadOnlyList<string> AllDateNames = [.. Enum.GetValues<EntityKind>().SelectMany(DateNames).Distinct(StringComparer.Ordinal)];

    /// <summary>The facets of one kind, in the guide's order.</summary>
    public static IReadOnlyList<Facet> FacetsOf(EntityKind kind) => [.. Facets.Where(f => f.Kind == kind)];

    /// <summary>The named dates a kind may have, in the guide's order.</summary>
    public static IReadOnlyList<string> DateNames(EntityKind kind) => DateNamesByKind.TryGetValue(kind, out var names) ? names : [];

    /// <summary>Every value a facet field takes on any kind (e.g. every <c>status</c>), in first-use order.</summary>
    public static IReadOnlyList<string> ValuesOfField(string field) =>
        [.. Facets.Where(f => f.Field == field).SelectMany(f => f.Values).Distinct(StringComparer.Ordinal)];

    /// <summary>The value of a facet field on an entity: <c>status</c>, <c>type</c> (<see cref="Entity.Category"/>), <c>level</c> or <c>theme</c>.</summary>
    public static string? ValueOf(Entity entity, string field)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return field switch
        {
            "status" => entity.Status,
            "type" => entity.Category,
            "level" => entity.Level,
            "theme" => entity.Theme,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a facet field."),
        };
    }
}
