using System.Globalization;

namespace DigitalTrade.Graph.Explorer;

/// <summary>Years typed into forms and read off partial dates ("2024", "2024-05", "2020/2024").</summary>
internal static class Years
{
    /// <summary>A year from a form field: empty or not a plausible year is no filter, not an error.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1000 and <= 9999 ? year : null;

    /// <summary>Whether a period's first year lies within the bounds; a period without a year always does.</summary>
    public static bool InRange(string period, int? from, int? to)
    {
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return true;
        }

        return (from is null || year >= from) && (to is null || year <= to);
    }
}
