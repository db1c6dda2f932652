namespace DigitalTrade.Graph.Model;

/// <summary>
/// "Did you mean …?" by edit distance, for the corpus's diagnostics and the API's errors alike.
/// The work is bounded: distances are only computed up to the allowed maximum (a band of the
/// dynamic-programming table, abandoned as soon as it cannot end within it), candidates whose
/// length alone rules them out are skipped, and text longer than <see cref="MaxLength"/> is not compared at all.
/// </summary>
public static class KeySuggestions
{
    /// <summary>Keys and names are far shorter; anything longer cannot be a near miss and is not compared.</summary>
    public const int MaxLength = 256;

    /// <summary>More edits than this are not a misspelling but another text; it also bounds the work per candidate.</summary>
    public const int MaxTolerance = 8;

    /// <summary>How many edits a misspelling of <paramref name="wanted"/> may have: a quarter of its length, at least 2, at most <see cref="MaxTolerance"/>.</summary>
    public static int Tolerance(string wanted) => Math.Min(MaxTolerance, Math.Max(2, (wanted?.Length ?? 0) / 4));

    /// <summary>" (did you mean 'x'?)" with the closest existing key, or an empty string when none is close.</summary>
    public static string Hint(string wanted, IEnumerable<string> existing) =>
        Closest(wanted, existing) is { } best ? $" (did you mean '{best}'?)" : string.Empty;

    /// <summary>The closest candidate within <see cref="Tolerance"/> edits (ties: ordinal order), or null.</summary>
    public static string? Closest(string wanted, IEnumerable<string> existing)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(existing);
        var max = Tolerance(wanted);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in existing)
        {
            var distance = Distance(wanted, candidate, Math.Min(max, bestDistance));
            if (distance <= max && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>
    /// The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/> when it is at most
    /// <paramref name="max"/>; otherwise <paramref name="max"/> + 1. Costs O(min(|a|, |b|) · max), and
    /// nothing for strings longer than <see cref="MaxLength"/> or whose lengths differ by more than max.
    /// </summary>
    public static int Distance(string a, string b, int max)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (max < 0)
        {
            return 0;
        }

        if (Math.Abs(a.Length - b.Length) > max || a.Length > MaxLength || b.Length > MaxLength)
        {
            return max + 1;
        }

        if (a.Length > b.Length)
        {
            (a, b) = (b, a);
        }

        // Row i of the table holds distances from a[..i] to b[..j]; only cells with |i - j| <= max can stay within max.
        const int Far = int.MaxValue / 2;
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= max ? j : Far;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            current[0] = i <= max ? i : Far;
            if (from > 1)
            {
                current[from - 1] = Far;
            }

            var rowMinimum = current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (to < b.Length)
            {
                current[to + 1] = Far;
            }

            if (rowMinimum > max)
            {
                return max + 1;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return Math.Min(previous[b.Length], max + 1);
    }
}
