using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Turns GraphQL arguments into model queries, refusing out-of-range or unknown values with a coded error.</summary>
internal static class Arguments
{
    /// <summary>The deprecated free-text facet filters and the facet field each one reads.</summary>
    private static readonly (string Argument, string Field)[] StringFacets = [("status", "status"), ("level", "level"), ("type", "type"), ("theme", "theme")];

    public static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new GraphQueryException("INVALID_ARGUMENT", $"'{name}' must be between {min} and {max}, got {value}.");

    public static RelationDirection Direction(string? value) => value switch
    {
        "OUTGOING" => RelationDirection.Outgoing,
        "INCOMING" => RelationDirection.Incoming,
        _ => RelationDirection.Both,
    };

    public static EntityOrder Order(string? value) => value switch
    {
        "NAME_ZH" => EntityOrder.NameZh,
        "NAME_EN" => EntityOrder.NameEn,
        "DATE_ASC" => EntityOrder.DateAscending,
        "DATE_DESC" => EntityOrder.DateDescending,
        _ => EntityOrder.Key,
    };

    /// <summary>
    /// An <c>EntityFilter</c> or <c>LinkFilter</c> input as a model filter; null when its conditions contradict each other
    /// (e.g. <c>agreementStatus</c> and <c>policyLevel</c>: no entity is both), so nothing can match.
    /// </summary>
    public static EntityFilter? EntityFilter(Dictionary<string, object?>? input, IReadOnlySet<EntityKind>? kinds)
    {
        input ??= [];
        var facetValues = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Require(string field, IEnumerable<string> values)
        {
            var set = values.ToHashSet(StringComparer.Ordinal);
            if (facetValues.TryGetValue(field, out var known))
            {
                known.IntersectWith(set);
            }
            else
            {
                facetValues[field] = set;
            }
        }

        // A facet of a kind (agreementStatus: [IN_FORCE]) holds only for entities of that kind: the kinds narrow.
        HashSet<EntityKind>? allowed = kinds is { Count: > 0 } ? [.. kinds] : null;
        foreach (var facet in Vocabulary.Facets)
        {
            if (List(input, FacetNames.Field(facet)) is { } names)
            {
                Require(facet.Field, names.Select(FacetNames.Value));
                allowed = allowed is null ? [facet.Kind] : [.. allowed.Where(k => k == facet.Kind)];
            }
        }

        foreach (var (argument, field) in StringFacets)
        {
            if (List(input, argument) is { } values)
            {
                var vocabulary = Vocabulary.ValuesOfField(field);
                if (values.FirstOrDefault(v => !vocabulary.Contains(v)) is { } unknown)
                {
                    throw new GraphQueryException("INVALID_ARGUMENT",
                        $"'{argument}': '{Shorten(unknown)}' is not a {field} of any kind{KeySuggestions.Hint(unknown, vocabulary)}; {field} is one of {string.Join(", ", vocabulary)}.");
                }

                Require(field, values);
            }
        }

        if (allowed is { Count: 0 })
        {
            return null;
        }

        RelatedTo? related = null;
        if (input.TryGetValue("relatedTo", out var r) && r is Dictionary<string, object?> relatedInput)
        {
            related = new RelatedTo(
                (string)relatedInput["key"]!,
                relatedInput.TryGetValue("type", out var type) && type is string typeName ? RelationTypes.FromName(typeName)!.Type : null,
                Direction(relatedInput.TryGetValue("direction", out var direction) ? direction as string : null));
        }

        return new EntityFilter(allowed)
        {
            Status = facetValues.GetValueOrDefault("status"),
            Level = facetValues.GetValueOrDefault("level"),
            Type = facetValues.GetValueOrDefault("type"),
            Theme = facetValues.GetValueOrDefault("theme"),
            DateField = DateField(Text(input, "dateField")),
            DateFrom = Date(Text(input, "dateFrom"), "dateFrom"),
            DateTo = Date(Text(input, "dateTo"), "dateTo"),
            Province = Text(input, "province"),
            RelatedTo = related,
            Text = Text(input, "text"),
        };
    }

    /// <summary>Echoes user text in messages without echoing megabytes of it.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static List<string>? List(Dictionary<string, object?> input, string name) =>
        input.TryGetValue(name, out var value) && value is IEnumerable<object> items
            ? [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)!)]
            : null;

    private static string? Text(Dictionary<string, object?> input, string name) => input.TryGetValue(name, out var value) ? value as string : null;

    private static string? DateField(string? name) =>
        name is null || Vocabulary.AllDateNames.Contains(name)
            ? name
            : throw new GraphQueryException("INVALID_ARGUMENT",
                $"'dateField': '{Shorten(name)}' is not a named date of any kind{KeySuggestions.Hint(name, Vocabulary.AllDateNames)}; named dates are {string.Join(", ", Vocabulary.AllDateNames)}.");

    private static PartialDate? Date(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return PartialDate.TryParse(text, out var date)
            ? date
            : throw new GraphQueryException("INVALID_ARGUMENT", $"'{name}' must be a date such as 2024, 2024-05 or 2024-05-21, got '{Shorten(text)}'.");
    }
}

/// <summary>How the closed vocabularies are named in the schema: kind-prefixed fields and enums, values in upper case.</summary>
internal static class FacetNames
{
    /// <summary>The field and filter name: <c>agreementStatus</c>, <c>policyLevel</c>, <c>caseTheme</c>. Prefixed so that
    /// <c>... on Agreement { agreementStatus } ... on Policy { policyStatus }</c> never conflict in one selection.</summary>
    public static string Field(Facet facet)
    {
        ArgumentNullException.ThrowIfNull(facet);
        var type = facet.Kind.Info().TypeName;
        return char.ToLowerInvariant(type[0]) + type[1..] + Pascal(facet.Field);
    }

    /// <summary>The enum type: <c>AgreementStatus</c>, <c>PolicyLevel</c>, <c>CaseTheme</c>.</summary>
    public static string EnumType(Facet facet)
    {
        ArgumentNullException.ThrowIfNull(facet);
        return facet.Kind.Info().TypeName + Pascal(facet.Field);
    }

    /// <summary>A vocabulary value as an enum value: <c>in_force</c> is <c>IN_FORCE</c>.</summary>
    public static string EnumValue(string value) => value.ToUpperInvariant();

    /// <summary>An enum value back as the vocabulary's value.</summary>
    public static string Value(string enumValue) => enumValue.ToLowerInvariant();

    private static string Pascal(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
