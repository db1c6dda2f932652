namespace DigitalTrade.Graph.Explorer;

/// <summary>A label in both languages: Chinese first, as the report is written.</summary>
internal sealed record Bilingual(string Zh, string En)
{
    public override string ToString() => $"{Zh} · {En}";
}

/// <summary>
/// Human names for the API's codes: kinds, relation types seen from either end, named dates, figure
/// qualifiers, case themes and statuses. Pages and the graph's legend use these, never the raw codes.
/// </summary>
internal static class Labels
{
    /// <summary>Each kind with its colour (also the graph's): one table, so legends and dots agree.</summary>
    public static readonly IReadOnlyList<(string Kind, Bilingual Name, Bilingual Plural, string Colour)> Kinds =
    [
        ("AGREEMENT", new("协定", "Agreement"), new("协定与倡议", "Agreements"), "#b2182b"),
        ("POLICY", new("政策", "Policy"), new("政策文件", "Policies"), "#2166ac"),
        ("ORGANIZATION", new("机构", "Organization"), new("机构", "Organizations"), "#5e3c99"),
        ("ECONOMY", new("经济体", "Economy"), new("经济体", "Economies"), "#1b7837"),
        ("PROVINCE", new("省级地区", "Province"), new("省级地区", "Provinces"), "#8c510a"),
        ("CITY", new("城市", "City"), new("城市", "Cities"), "#a0661b"),
        ("ZONE", new("园区与自贸区", "Zone"), new("园区与自贸区", "Zones"), "#01665e"),
        ("SERVICE_EXPORT_BASE", new("数字服务出口基地", "Service export base"), new("数字服务出口基地", "Service export bases"), "#c51b7d"),
        ("CASE", new("案例", "Case"), new("案例", "Cases"), "#b5452f"),
        ("INDICATOR", new("统计表", "Table"), new("统计表", "Tables"), "#4d4d4d"),
        ("EVENT", new("活动", "Event"), new("会议与活动", "Events"), "#6a51a3"),
    ];

    /// <summary>The relation types in the order entity pages list them: the facts first, narrative mentions last.</summary>
    public static readonly IReadOnlyList<string> RelationTypes =
        ["PARTY_TO", "APPLIED_TO", "MEMBER_OF", "ISSUED_BY", "APPLIES_TO", "IMPLEMENTS", "AMENDS", "LOCATED_IN", "PART_OF", "HELD_IN", "ORGANIZED_BY", "INVOLVES", "PRODUCED", "USES", "DATA_FROM", "MENTIONS"];

    /// <summary>Every relation type but MENTIONS: the typed facts of the front matter.</summary>
    public static readonly IReadOnlyList<string> TypedRelationTypes = [.. RelationTypes.Where(t => t != "MENTIONS")];

    // (type, outgoing label, incoming label): what the entity on this page is to the one listed.
    private static readonly Dictionary<string, (Bilingual Out, Bilingual In)> Relations = new(StringComparer.Ordinal)
    {
        ["PARTY_TO"] = (new("参加的协定", "Party to"), new("缔约方", "Parties")),
        ["APPLIED_TO"] = (new("申请加入", "Applied to join"), new("申请加入方", "Applicants")),
        ["MEMBER_OF"] = (new("所属组织", "Member of"), new("成员", "Members")),
        ["ISSUED_BY"] = (new("发布机构", "Issued by"), new("发布的文件", "Issued")),
        ["APPLIES_TO"] = (new("适用于", "Applies to"), new("适用的政策", "Policies that apply here")),
        ["IMPLEMENTS"] = (new("落实", "Implements"), new("落实举措", "Implemented by")),
        ["AMENDS"] = (new("修订", "Amends"), new("被修订", "Amended by")),
        ["LOCATED_IN"] = (new("所在地", "Located in"), new("位于此地", "Located here")),
        ["PART_OF"] = (new("隶属于", "Part of"), new("组成部分", "Parts")),
        ["HELD_IN"] = (new("举办地", "Held in"), new("在此举办的活动", "Events held here")),
        ["ORGANIZED_BY"] = (new("主办方", "Organized by"), new("主办的活动", "Events organized")),
        ["INVOLVES"] = (new("涉及", "Involves"), new("涉及它的案例与活动", "Cases and events involving it")),
        ["PRODUCED"] = (new("成果", "Produced"), new("产生于", "Produced at")),
        ["USES"] = (new("依托", "Relies on"), new("依托它的案例", "Cases relying on it")),
        ["DATA_FROM"] = (new("数据来源", "Data from"), new("使用其数据的统计表", "Tables with its data")),
        ["MENTIONS"] = (new("提及", "Mentions"), new("被提及于", "Mentioned in")),
    };

    // One name per type, direction-free, for legends and filters.
    private static readonly Dictionary<string, Bilingual> RelationNames = new(StringComparer.Ordinal)
    {
        ["PARTY_TO"] = new("缔约", "party to"),
        ["APPLIED_TO"] = new("申请加入", "applied to"),
        ["MEMBER_OF"] = new("成员", "member of"),
        ["ISSUED_BY"] = new("发布", "issued by"),
        ["APPLIES_TO"] = new("适用", "applies to"),
        ["IMPLEMENTS"] = new("落实", "implements"),
        ["AMENDS"] = new("修订", "amends"),
        ["LOCATED_IN"] = new("位于", "located in"),
        ["PART_OF"] = new("隶属", "part of"),
        ["HELD_IN"] = new("举办地", "held in"),
        ["ORGANIZED_BY"] = new("主办", "organized by"),
        ["INVOLVES"] = new("涉及", "involves"),
        ["PRODUCED"] = new("成果", "produced"),
        ["USES"] = new("依托", "relies on"),
        ["DATA_FROM"] = new("数据来源", "data from"),
        ["MENTIONS"] = new("提及", "mentions"),
    };

    private static readonly Dictionary<string, Bilingual> DateNames = new(StringComparer.Ordinal)
    {
        ["signed"] = new("签署", "Signed"),
        ["in_force"] = new("生效", "In force"),
        ["concluded"] = new("结束谈判", "Concluded"),
        ["issued"] = new("发布", "Issued"),
        ["effective"] = new("施行", "Effective"),
        ["launched"] = new("启动", "Launched"),
        ["established"] = new("设立", "Established"),
        ["approved"] = new("批复", "Approved"),
        ["applied"] = new("申请", "Applied"),
        ["joined"] = new("加入", "Joined"),
        ["announced"] = new("宣布", "Announced"),
        ["adopted"] = new("通过", "Adopted"),
        ["held"] = new("举办", "Held"),
        ["started"] = new("启动", "Started"),
        ["published"] = new("发布", "Published"),
        ["revised"] = new("修订", "Revised"),
        ["start"] = new("开始", "Start"),
        ["end"] = new("结束", "End"),
    };

    private static readonly Dictionary<string, Bilingual> Themes = new(StringComparer.Ordinal)
    {
        ["technology_ecosystem"] = new("技术与生态", "Technology ecosystem"),
        ["digital_services"] = new("数字服务", "Digital services"),
        ["data_flows"] = new("数据跨境流动", "Cross-border data flows"),
        ["international_cooperation"] = new("国际合作", "International cooperation"),
        ["cross_border_ecommerce"] = new("跨境电商", "Cross-border e-commerce"),
        ["ip_services"] = new("知识产权服务", "IP services"),
        ["overview"] = new("综述", "Overview"),
    };

    private static readonly Dictionary<string, Bilingual> Statuses = new(StringComparer.Ordinal)
    {
        ["negotiating"] = new("谈判中", "Negotiating"),
        ["concluded"] = new("已结束谈判", "Concluded"),
        ["signed"] = new("已签署", "Signed"),
        ["in_force"] = new("已生效", "In force"),
        ["adopted"] = new("已通过", "Adopted"),
        ["announced"] = new("已宣布", "Announced"),
    };

    private static readonly Dictionary<string, Bilingual> Levels = new(StringComparer.Ordinal)
    {
        ["national"] = new("国家级", "National"),
        ["provincial"] = new("省级", "Provincial"),
        ["ftz"] = new("自贸试验区", "Free trade zone"),
        ["city"] = new("市级", "City"),
        ["district"] = new("区级", "District"),
        ["foreign"] = new("境外", "Foreign"),
        ["international"] = new("国际", "International"),
        ["sar"] = new("特别行政区", "Special administrative region"),
    };

    private static readonly Dictionary<string, Bilingual> Qualifiers = new(StringComparer.Ordinal)
    {
        ["about"] = new("约", "about"),
        ["over"] = new("超过", "over"),
        ["nearly"] = new("近", "nearly"),
        ["at_least"] = new("至少", "at least"),
        ["up_to"] = new("最多", "up to"),
    };

    public static IEnumerable<string> KindCodes => Kinds.Select(k => k.Kind);

    public static bool IsKind(string? kind) => kind is not null && Kinds.Any(k => k.Kind == kind);

    public static bool IsRelationType(string? type) => type is not null && RelationNames.ContainsKey(type);

    public static Bilingual Kind(string? kind) =>
        Kinds.FirstOrDefault(k => k.Kind == kind).Name ?? new(kind ?? "?", kind ?? "?");

    public static Bilingual KindPlural(string? kind) =>
        Kinds.FirstOrDefault(k => k.Kind == kind).Plural ?? Kind(kind);

    public static string Colour(string? kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Colour ?? "#666666";

    /// <summary>What the listed entity is, seen from this page's entity: "缔约方 · Parties" for an agreement's incoming PARTY_TO.</summary>
    public static Bilingual Relation(string type, bool incoming) =>
        Relations.TryGetValue(type, out var labels) ? incoming ? labels.In : labels.Out : new(type, type);

    public static Bilingual RelationName(string type) => RelationNames.GetValueOrDefault(type) ?? new(type, type);

    /// <summary>Named dates are open-ended in the corpus: unknown names are shown as written.</summary>
    public static Bilingual DateName(string? name) =>
        name is not null && DateNames.TryGetValue(name.ToLowerInvariant(), out var label) ? label : new(name ?? string.Empty, (name ?? string.Empty).Replace('_', ' '));

    /// <summary>Codes arrive lower case today and as upper-case enum values once the API has them: both are looked up.</summary>
    public static Bilingual Theme(string? theme) =>
        theme is not null && Themes.TryGetValue(theme.ToLowerInvariant(), out var label) ? label : new(theme ?? string.Empty, (theme ?? string.Empty).Replace('_', ' '));

    public static IEnumerable<string> ThemeCodes => Themes.Keys;

    public static Bilingual Status(string? status) =>
        status is not null && Statuses.TryGetValue(status.ToLowerInvariant(), out var label) ? label : new(status ?? string.Empty, (status ?? string.Empty).Replace('_', ' '));

    public static Bilingual Level(string? level) =>
        level is not null && Levels.TryGetValue(level.ToLowerInvariant(), out var label) ? label : new(level ?? string.Empty, (level ?? string.Empty).Replace('_', ' '));

    public static Bilingual? Qualifier(string? qualifier) =>
        qualifier is not null && Qualifiers.TryGetValue(qualifier.ToLowerInvariant(), out var label) ? label : null;
}
