using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Schema;

/// <summary>Turns GraphQL arguments into model queries, refusing out-of-range values with a coded error.</summary>
internal static class Arguments
{
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

    public static EntityFilter EntityFilter(Dictionary<string, object?>? input, IReadOnlySet<EntityKind>? kinds)
    {
        if (input is null)
        {
            return new EntityFilter(kinds);
        }

        HashSet<string>? Set(string name) =>
            input.TryGetValue(name, out var value) && value is IEnumerable<object> items
                ? [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)!)]
                : null;
        string? Text(string name) => input.TryGetValue(name, out var value) ? value as string : null;

        RelatedTo? related = null;
        if (input.TryGetValue("relatedTo", out var r) && r is Dictionary<string, object?> relatedInput)
        {
            related = new RelatedTo(
                (string)relatedInput["key"]!,
                relatedInput.TryGetValue("type", out var type) && type is string typeName ? RelationTypes.FromName(typeName)!.Type : null,
                Direction(relatedInput.TryGetValue("direction", out var direction) ? direction as string : null));
        }

        return new EntityFilter(kinds)
        {
            Status = Set("status"),
            Level = Set("level"),
            Type = Set("type"),
            Theme = Set("theme"),
            DateField = Text("dateField"),
            DateFrom = Date(Text("dateFrom"), "dateFrom"),
            DateTo = Date(Text("dateTo"), "dateTo"),
            Province = Text("province"),
            RelatedTo = related,
            Text = Text("text"),
        };
    }

    private static PartialDate? Date(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return PartialDate.TryParse(text, out var date)
            ? date
            : throw new GraphQueryException("INVALID_ARGUMENT", $"'{name}' must be a date such as 2024, 2024-05 or 2024-05-21, got '{text}'.");
    }
}
