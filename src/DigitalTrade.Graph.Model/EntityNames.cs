using System.Collections.Frozen;
using System.Text;

namespace DigitalTrade.Graph.Model;

/// <summary>How a name was matched to an entity.</summary>
public enum NameMatchKind
{
    /// <summary>The entity's key (letter case aside).</summary>
    Key,

    /// <summary>The Chinese or English name.</summary>
    Name,

    /// <summary>One of the aliases.</summary>
    Alias,

    /// <summary>A province's or city's name without its administrative suffix (省, 市, 自治区, Province, City, …).</summary>
    ShortName,

    /// <summary>The last part of the key (<c>hainan</c> for <c>provinces/hainan</c>).</summary>
    Slug,
}

/// <summary>An entity a name was matched to: by what, the text that matched, and how many edits apart (0 when exact).</summary>
public sealed record NameMatch(string Key, EntityKind Kind, NameMatchKind MatchedBy, string MatchedText, int Distance);

/// <summary>What one name resolves to: exact matches, or, when there are none, the closest keys and names.</summary>
public sealed record NameResolution(string Name, IReadOnlyList<NameMatch> Matches, IReadOnlyList<NameMatch> Suggestions)
{
    /// <summary>Exact matches first, then suggestions.</summary>
    public IEnumerable<NameMatch> All => Matches.Concat(Suggestions);
}

/// <summary>
/// Maps what people type to entity keys: keys, names and aliases in either language, compared after
/// <see cref="Normalize"/> (letter case, full-width forms, spaces, title quotes), and short place names;
/// when nothing matches exactly, suggests the closest keys and names by edit distance. Built once per
/// graph version; a lookup costs hash probes plus bounded edit distances over candidates of similar length.
/// </summary>
public sealed class EntityNames
{
    /// <summary>Every name in the graph is shorter; longer text is answered without any work.</summary>
    public const int MaxNameLength = 512;

    /// <summary>How many suggestions a resolution carries at most.</summary>
    public const int MaxSuggestions = 5;

    // Longest first, so 壮族自治区 is removed before 自治区.
    private static readonly string[] PlaceSuffixes =
        ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市", " special administrative region", " autonomous region", " province", " municipality", " city"];

    private readonly FrozenDictionary<string, NameMatch[]> _exact;
    private readonly FrozenDictionary<string, NameMatch[]> _short;
    private readonly Candidate[] _byLength;
    private readonly int[] _firstOfLength;

    public EntityNames(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var exact = new Dictionary<string, List<NameMatch>>(StringComparer.Ordinal);
        var shortForms = new Dictionary<string, List<NameMatch>>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        void Add(Dictionary<string, List<NameMatch>> map, string form, NameMatch match)
        {
            if (form.Length == 0)
            {
                return;
            }

            if (!map.TryGetValue(form, out var list))
            {
                map[form] = list = [];
            }

            if (!list.Any(m => m.Key == match.Key))
            {
                list.Add(match);
            }
        }

        foreach (var entity in entities.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var written = new List<(NameMatchKind By, string Text)>
            {
                (NameMatchKind.Key, entity.Key),
                (NameMatchKind.Name, entity.Name.Zh),
                (NameMatchKind.Name, entity.Name.En),
            };
            written.AddRange(entity.Aliases.Select(a => (NameMatchKind.Alias, a)));
            var slash = entity.Key.LastIndexOf('/');
            written.Add((NameMatchKind.Slug, slash >= 0 ? entity.Key[(slash + 1)..] : entity.Key));
            foreach (var (by, text) in written)
            {
                var form = Normalize(text);
                var match = new NameMatch(entity.Key, entity.Kind, by, text, 0);
                Add(exact, form, match);
                candidates.Add(new Candidate(form, match));
                if (entity.Kind is EntityKind.Province or EntityKind.City && by is NameMatchKind.Name or NameMatchKind.Alias)
                {
                    Add(shortForms, WithoutPlaceSuffix(form), match with { MatchedBy = NameMatchKind.ShortName });
                }
            }
        }

        _exact = exact.ToFrozenDictionary(p => p.Key, p => p.Value.OrderBy(Rank).ToArray(), StringComparer.Ordinal);
        _short = shortForms.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        // Candidates ordered by length, with the index of the first of each length, so a lookup visits only lengths within its tolerance.
        _byLength = [.. candidates.Where(c => c.Form.Length <= KeySuggestions.MaxLength).OrderBy(c => c.Form.Length)];
        _firstOfLength = new int[KeySuggestions.MaxLength + 2];
        for (int length = 0, i = 0; length < _firstOfLength.Length; length++)
        {
            while (i < _byLength.Length && _byLength[i].Form.Length < length)
            {
                i++;
            }

            _firstOfLength[length] = i;
        }
    }

    /// <summary>
    /// The form names are compared in: full-width forms as ASCII (ＤＥＰＡ is DEPA, （ is (), lower case, runs of
    /// white space (the ideographic space too) as one space, without surrounding title quotes (《》〈〉“”).
    /// Width is folded by hand: the host runs with invariant globalization, where Unicode normalization is unavailable.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var original in text)
        {
            var c = char.ToLowerInvariant(original is >= '\uFF01' and <= '\uFF5E' ? (char)(original - 0xFEE0) : original);
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString().Trim('《', '》', '〈', '〉', '"', '“', '”', '\'', ' ');
    }

    /// <summary>Resolves one name, optionally only to entities of some kinds.</summary>
    public NameResolution Resolve(string name, IReadOnlySet<EntityKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxNameLength)
        {
            return new NameResolution(name, [], []);
        }

        bool Wanted(NameMatch m) => kinds is not { Count: > 0 } || kinds.Contains(m.Kind);
        var form = Normalize(name);
        var matches = new List<NameMatch>();
        if (_exact.TryGetValue(form, out var exact))
        {
            matches.AddRange(exact.Where(Wanted));
        }

        if (_short.TryGetValue(WithoutPlaceSuffix(form), out var places))
        {
            matches.AddRange(places.Where(m => Wanted(m) && !matches.Any(x => x.Key == m.Key)));
        }

        return new NameResolution(name, matches, matches.Count > 0 ? [] : Similar(form, Wanted));
    }

    /// <summary>The closest keys, slugs, names and aliases by edit distance, one per entity, closest first.</summary>
    private List<NameMatch> Similar(string form, Func<NameMatch, bool> wanted)
    {
        if (form.Length == 0 || form.Length > KeySuggestions.MaxLength)
        {
            return [];
        }

        // Keys tolerate a quarter of their length in edits (2 to 8), like the corpus's diagnostics; names, whose
        // characters carry more meaning (one Chinese character apart is another place), a quarter (at most 8), none under 4.
        var keyTolerance = KeySuggestions.Tolerance(form);
        var nameTolerance = form.Length >= 4 ? Math.Min(KeySuggestions.MaxTolerance, Math.Max(1, form.Length / 4)) : 0;
        var widest = Math.Max(keyTolerance, nameTolerance);
        var best = new Dictionary<string, NameMatch>(StringComparer.Ordinal);
        var from = _firstOfLength[Math.Max(0, form.Length - widest)];
        var to = _firstOfLength[Math.Min(KeySuggestions.MaxLength + 1, form.Length + widest + 1)];
        for (var i = from; i < to; i++)
        {
            var (candidateForm, match) = _byLength[i];
            if (!wanted(match))
            {
                continue;
            }

            var tolerance = match.MatchedBy is NameMatchKind.Key or NameMatchKind.Slug ? keyTolerance : nameTolerance;
            var limit = best.TryGetValue(match.Key, out var known) ? Math.Min(tolerance, known.Distance) : tolerance;
            var distance = KeySuggestions.Distance(form, candidateForm, limit);
            if (distance <= limit && (known is null || distance < known.Distance || (distance == known.Distance && Rank(match) < Rank(known))))
            {
                best[match.Key] = match with { Distance = distance };
            }
        }

        // Suggestions much further than the closest one are noise (zhejaing is zhejiang, not beijing).
        var closest = best.Count == 0 ? 0 : best.Values.Min(m => m.Distance);
        return [.. best.Values.Where(m => m.Distance <= closest + 1)
            .OrderBy(m => m.Distance).ThenBy(Rank).ThenBy(m => m.Key, StringComparer.Ordinal).Take(MaxSuggestions)];
    }

    private static int Rank(NameMatch match) => (int)match.MatchedBy;

    private static string WithoutPlaceSuffix(string form)
    {
        foreach (var suffix in PlaceSuffixes)
        {
            if (form.Length > suffix.Length + 1 && form.EndsWith(suffix, StringComparison.Ordinal))
            {
                return form[..^suffix.Length];
            }
        }

        return form;
    }

    private readonly record struct Candidate(string Form, NameMatch Match);
}
