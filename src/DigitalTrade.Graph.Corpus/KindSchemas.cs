using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>What the front matter of one kind may contain, and the values its facets allow.</summary>
internal sealed record KindSchema(
    EntityKind Kind,
    IReadOnlyDictionary<string, string[]> Facets,
    string[] DateNames,
    string[] ExtraFields,
    string[] RequiredFields)
{
    public bool Knows(string field) =>
        KindSchemas.CommonFields.Contains(field) || Facets.ContainsKey(field) || ExtraFields.Contains(field);
}

/// <summary>
/// The corpus format per kind, in one place: the editor's guide (graph-seed/README.md) documents
/// exactly these tables, and a test keeps the two in step.
/// </summary>
internal static class KindSchemas
{
    public static readonly string[] CommonFields =
        ["kind", "name", "aliases", "summary", "dates", "relations", "figures", "sources"];

    public static readonly string[] Qualifiers = ["about", "over", "nearly", "at_least", "up_to"];

    private static readonly Dictionary<EntityKind, KindSchema> Schemas = new KindSchema[]
    {
        new(EntityKind.Agreement,
            Facets(("type", ["agreement", "protocol", "framework", "mou", "initiative", "declaration", "statement"]),
                   ("status", ["negotiating", "concluded", "signed", "in_force", "adopted", "announced"])),
            ["launched", "concluded", "signed", "in_force", "adopted", "announced", "published"], [], []),
        new(EntityKind.Policy,
            Facets(("level", ["national", "provincial", "ftz", "city", "district", "foreign", "international"]),
                   ("type", ["law", "regulation", "opinion", "plan", "negative_list", "standard", "measure", "notice", "guideline", "catalogue", "rule"]),
                   ("status", ["draft", "in_force", "pilot", "superseded"])),
            ["issued", "effective", "revised", "published"], [], []),
        new(EntityKind.Organization,
            Facets(("type", ["government", "regulator", "international", "association", "enterprise", "research", "platform", "operator"])),
            ["established", "launched"], [], []),
        new(EntityKind.Economy,
            Facets(("type", ["country", "territory", "bloc", "region", "world"])), [], [], []),
        new(EntityKind.Province,
            Facets(("type", ["province", "municipality", "autonomous_region", "sar"])), [], [], []),
        new(EntityKind.City, Facets(), [], [], []),
        new(EntityKind.Zone,
            Facets(("type", ["ftz", "ftz_area", "free_trade_port", "pilot_zone", "demonstration_zone", "development_zone"])),
            ["established"], [], []),
        new(EntityKind.ServiceExportBase, Facets(), ["designated"], [], []),
        new(EntityKind.Case,
            Facets(("theme", ["technology_ecosystem", "digital_services", "data_flows", "international_cooperation", "cross_border_ecommerce", "ip_services", "overview"])),
            ["started", "reported"], [], []),
        new(EntityKind.Indicator, Facets(), [],
            ["table", "unit", "series", "rows", "checks", "data_source", "notes"], ["table", "unit", "series", "rows"]),
    }.ToDictionary(s => s.Kind);

    public static KindSchema For(EntityKind kind) => Schemas[kind];

    private static Dictionary<string, string[]> Facets(params (string Field, string[] Values)[] facets) =>
        facets.ToDictionary(f => f.Field, f => f.Values, StringComparer.Ordinal);
}
