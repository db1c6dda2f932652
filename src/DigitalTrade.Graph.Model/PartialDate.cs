using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Model;

/// <summary>A date as precise as the report gives it: a year, a month, or a day.</summary>
public readonly partial record struct PartialDate(int Year, int? Month, int? Day) : IComparable<PartialDate>
{
    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
        int? day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
        if (year < 1900 || year > 2100 || month is < 1 or > 12)
        {
            return false;
        }

        if (day is not null && day > DateTime.DaysInMonth(year, month!.Value))
        {
            return false;
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>The first day the date can mean: used for range filters and ordering.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day the date can mean: a year covers all of it, a month its last day.</summary>
    public DateOnly End => Day is not null ? Start : Month is not null ? new DateOnly(Year, Month.Value, DateTime.DaysInMonth(Year, Month.Value)) : new DateOnly(Year, 12, 31);

    public string Precision => Day is not null ? "DAY" : Month is not null ? "MONTH" : "YEAR";

    public int CompareTo(PartialDate other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : (Month is null ? 0 : 1).CompareTo(other.Month is null ? 0 : 1);
    }

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Day is not null ? $"{Year:D4}-{Month:D2}-{Day:D2}"
        : Month is not null ? $"{Year:D4}-{Month:D2}"
        : $"{Year:D4}";
}

/// <summary>
/// A statistical period: a partial date, a half (2024-H1), a quarter (2024-Q3), or a span
/// written as an ISO 8601 interval of two partial dates (2020/2024, 2024-01/2024-11).
/// </summary>
public static partial class Periods
{
    [GeneratedRegex(@"^\d{4}-(H[12]|Q[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex HalfOrQuarterPattern();

    public static bool IsValid(string text)
    {
        if (PartialDate.TryParse(text, out _) || HalfOrQuarterPattern().IsMatch(text))
        {
            return true;
        }

        var parts = text.Split('/');
        return parts.Length == 2
            && PartialDate.TryParse(parts[0], out var start)
            && PartialDate.TryParse(parts[1], out var end)
            && start.Precision == end.Precision
            && start < end;
    }

    /// <summary>The year a period starts in, for range filters over time series.</summary>
    public static int StartYear(string period) => int.Parse(period.AsSpan(0, 4), CultureInfo.InvariantCulture);
}
