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

    /// <summary>How the report may qualify a figure; the vocabulary itself lives in the model.</summary>
    public static readonly string[] Qualifiers = [.. Vocabulary.Qualifiers];

    // Facet values and date names come from the model's Vocabulary (shared with the API's enums);
    // what stays here is the file format: which extra fields a kind has and which are required.
    private static readonly Dictionary<EntityKind, KindSchema> Schemas = Enum.GetValues<EntityKind>()
        .Select(kind => new KindSchema(
            kind,
            Vocabulary.FacetsOf(kind).ToDictionary(f => f.Field, f => f.Values.ToArray(), StringComparer.Ordinal),
            [.. Vocabulary.DateNames(kind)],
            kind == EntityKind.Indicator ? ["table", "unit", "series", "rows", "checks", "data_source", "notes"] : [],
            kind == EntityKind.Indicator ? ["table", "unit", "series", "rows"] : []))
        .ToDictionary(s => s.Kind);

    public static KindSchema For(EntityKind kind) => Schemas[kind];
}
