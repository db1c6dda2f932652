using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Model;

/// <summary>
/// Reads a value exactly as the report prints it as a number, for clients that compute: plain decimals
/// ("7903", "-3.2", "17008.0"), with thousands separators in groups of three ("1,234.5") and a typographic
/// minus. Anything else — a dash for "no data", words, units, exponents, a malformed grouping — is not a
/// number and gives null rather than a guess.
/// </summary>
public static partial class PrintedNumber
{
    [GeneratedRegex(@"^[+\-\u2212]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Values are short; a longer text is not a printed number (and is not scanned).</summary>
    private const int MaxLength = 64;

    public static double? Parse(string? printed)
    {
        if (printed is null || printed.Length > MaxLength || !Pattern().IsMatch(printed))
        {
            return null;
        }

        var plain = printed.Replace(",", string.Empty, StringComparison.Ordinal).Replace('\u2212', '-');
        return double.Parse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
