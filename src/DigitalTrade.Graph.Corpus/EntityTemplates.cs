using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus;

/// <summary>Starting files for editors (<c>new &lt;kind&gt; &lt;slug&gt;</c>): valid as written, with TODO placeholders that <c>validate</c> flags until filled in.</summary>
public static class EntityTemplates
{
    /// <summary>The marker <c>validate</c> warns about (DTG022) while it is left in a file.</summary>
    public const string Placeholder = "TODO";

    public static string Create(EntityKind kind, string slug)
    {
        var schema = KindSchemas.For(kind);
        var info = kind.Info();
        var text = new StringBuilder();
        text.Append(CultureInvariant($"""
            ---
            kind: {info.Name}
            name:
              zh: {Placeholder} {slug} 中文名称（与报告一致）
              en: {Placeholder} {slug} English name (official where one exists)
            # aliases: [short names people search for]
            summary:
              zh: {Placeholder} 用一段话、用自己的话概述。
              en: {Placeholder} One paragraph, in our own words.

            """));
        foreach (var (facet, values) in schema.Facets)
        {
            text.Append(CultureInvariant($"# {facet}: one of {string.Join(", ", values)}\n"));
        }

        if (kind is EntityKind.Policy or EntityKind.Agreement)
        {
            // These kinds must state their dates (DTG041): the template starts from "the report gives none".
            var principal = kind == EntityKind.Policy ? "issued" : "signed";
            text.Append(CultureInvariant($"dates:          # any of {string.Join(", ", schema.DateNames)}; 2024, 2024-05 or 2024-05-21\n  {principal}: not_given   # replace with the date the report gives; keep not_given only if it gives none\n"));
        }
        else if (schema.DateNames.Length > 0)
        {
            text.Append(CultureInvariant($"# dates:        # any of {string.Join(", ", schema.DateNames)}; 2024, 2024-05 or 2024-05-21\n#   {schema.DateNames[0]}: 2024-05\n"));
        }

        var outgoing = RelationTypes.All.Where(t => t.Type != RelationType.Mentions && t.From.Contains(kind)).ToList();
        if (outgoing.Count > 0)
        {
            text.Append("# relations:\n");
            foreach (var type in outgoing)
            {
                text.Append(CultureInvariant($"#   {type.Name}: [{string.Join(", ", type.To.Select(k => k.Info().Folder + "/…"))}]   # {type.Reads}\n"));
            }
        }

        text.Append("""
            # figures:
            #   - name: { zh: 指标名称, en: Figure name }
            #     value: 152.4          # exactly as printed
            #     unit: 亿元
            #     period: 2024
            #     source: { section: "实践篇 > …" }
            #     # a fact the report does not state: origin: general, reference: "where to check it" (see the guide)

            """);
        if (kind == EntityKind.Indicator)
        {
            text.Append("""
                table: "表N"
                unit: "亿美元，%"
                data_source: TODO 数据来源
                series:
                  - id: exports
                    name: { zh: 出口额, en: Exports }
                    unit: 亿美元
                rows:
                  - { period: 2024, economy: economies/china, exports: 0 }

                """);
        }

        text.Append(CultureInvariant($"""
            sources:
              - section: "{Placeholder} 篇 > 章 > 节（报告的标题路径）"
            ---
            ::: zh
            {Placeholder} 中文叙述：用自己的话，链接相关实体，例如 [DEPA](../agreements/depa.md)。
            :::

            ::: en
            {Placeholder} English narrative in our own words, linking related entities, e.g. [DEPA](../agreements/depa.md).
            :::

            """));
        return text.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
