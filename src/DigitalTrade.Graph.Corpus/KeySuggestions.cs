namespace DigitalTrade.Graph.Corpus;

/// <summary>"Did you mean …?" for misspelled keys: the closest existing key by edit distance.</summary>
internal static class KeySuggestions
{
    public static string Hint(string wanted, IEnumerable<string> existing)
    {
        var within = Math.Max(2, wanted.Length / 4);
        // Lengths further apart than the allowed distance cannot match: skip the quadratic comparison.
        var best = existing
            .Where(k => Math.Abs(k.Length - wanted.Length) <= within)
            .Select(k => (Key: k, Distance: Distance(wanted, k)))
            .Where(x => x.Distance <= within)
            .OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is null ? string.Empty : $" (did you mean '{best.Key}'?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
