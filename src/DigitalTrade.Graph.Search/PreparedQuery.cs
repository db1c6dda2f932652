using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// A query plan made ready for one index, once per distinct text: its Lucene weight, the entities
/// that mention the entity the query names, the name bonuses, and where each token highlighting may
/// look for is in each field's term dictionary. Immutable and shared by concurrent searches.
/// </summary>
internal sealed class PreparedQuery
{
    public required QueryPlan Plan { get; init; }

    public required Weight Weight { get; init; }

    /// <summary>Entities that write any name of the entity the query names, with their scores, in document order: they match too.</summary>
    public required IReadOnlyList<ScoredDoc> Mentions { get; init; }

    /// <summary>Score added per document: an exact name or alias most, a name that begins with the query less.</summary>
    public required IReadOnlyDictionary<int, float> Bonus { get; init; }

    /// <summary>The distinct tokens of the terms and of the other names of the entity the query names.</summary>
    public required string[] Tokens { get; init; }

    /// <summary>What highlighting marks: each term's sequences, then the other names as one more unit, as indexes into <see cref="Tokens"/>.</summary>
    public required IReadOnlyList<Sequence[]> Units { get; init; }

    /// <summary>The segments searched (one per shard), in document order.</summary>
    public required IList<AtomicReaderContext> Leaves { get; init; }

    /// <summary>[leaf][field][token]: the token's place in the field's term dictionary of a segment; null where the field lacks it. Looked up on first need per segment.</summary>
    private TermAt?[][][]? _postings;

    private ScoredDoc[]? _suggested;

    /// <summary>The entities closest to a query that found nothing, of every kind, worked out on first need.</summary>
    public ScoredDoc[] Suggested(Func<ScoredDoc[]> find) => LazyInitializer.EnsureInitialized(ref _suggested, find);

    /// <summary>[field][token] of one segment: where each token is in each field's term dictionary, so that highlighting it seeks nothing.</summary>
    public TermAt?[][] Postings(int leaf)
    {
        var all = LazyInitializer.EnsureInitialized(ref _postings, () => new TermAt?[Leaves.Count][][]);
        if (Volatile.Read(ref all[leaf]) is { } found)
        {
            return found;
        }

        // Two searches racing on a segment both look, and either result is the same.
        var segment = Leaves[leaf].AtomicReader;
        found = new TermAt?[SearchFields.All.Length][];
        for (var field = 0; field < found.Length; field++)
        {
            var terms = segment.GetTerms(SearchFields.All[field].Name)?.GetEnumerator();
            found[field] = [.. Tokens.Select(t => terms is not null && terms.SeekExact(new BytesRef(t)) ? new TermAt(new BytesRef(t), terms.GetTermState()) : (TermAt?)null)];
        }

        Volatile.Write(ref all[leaf], found);
        return found;
    }

    public static PreparedQuery Create(QueryPlan plan, IndexSearcher searcher, IReadOnlyList<TokenSequence> names, IReadOnlyList<ScoredDoc> mentions, IReadOnlyDictionary<int, float> bonus)
    {
        var units = plan.Terms.Select(t => t.Sequences).Append(names).ToList();
        var tokens = units.SelectMany(u => u).SelectMany(s => s.Tokens).Distinct(StringComparer.Ordinal).ToArray();
        var ids = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        return new PreparedQuery
        {
            Plan = plan,
            Weight = searcher.CreateNormalizedWeight(plan.Query),
            Mentions = mentions,
            Bonus = bonus,
            Tokens = tokens,
            Units = [.. units.Select(u => u.Select(s => new Sequence([.. s.Tokens.Select(t => ids[t])], s.Positions)).ToArray())],
            Leaves = searcher.IndexReader.Leaves,
        };
    }

    /// <summary>Tokens (indexes into <see cref="Tokens"/>) at relative positions.</summary>
    internal sealed record Sequence(int[] Tokens, int[] Positions);

    /// <summary>A term of a field's dictionary and its state, so that reading its postings seeks nothing.</summary>
    internal sealed record TermAt(BytesRef Bytes, TermState State);
}
