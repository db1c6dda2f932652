using System.Collections.Concurrent;
using System.Globalization;
using DigitalTrade.Graph.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// A Lucene index of one snapshot: names, aliases, summaries and narratives in both languages. A hit
/// must contain every term of the query (see <see cref="QueryPlan"/>); names and aliases weigh most,
/// an exact name or alias most of all. Built with its snapshot and replaced with it, in shards a reload
/// keeps when their entities are unchanged (see SearchIndex.Shards.cs); safe for concurrent searches,
/// which take no lock.
/// </summary>
public sealed partial class SearchIndex : IDisposable
{
    /// <summary>Distinct query texts whose analysis is kept; beyond it the cache starts again.</summary>
    private const int PlanCacheSize = 2048;

    /// <summary>Characters a query needs before it may stand for the one entity whose name it begins (Chinese, other scripts).</summary>
    private const int MinimumChinesePrefix = 3;
    private const int MinimumPrefix = 6;

    /// <summary>Added to the score of an entity named exactly by the query, and of one whose name begins with it.</summary>
    private const float ExactBonus = 100f;
    private const float PrefixBonus = 10f;

    /// <summary>Names and aliases of one entity looked for in the others.</summary>
    private const int MaxNames = 16;

    /// <summary>Mentions kept across entities (12 bytes each); beyond it the cache starts again.</summary>
    private const long MaxMentionsHeld = 2_000_000;

    /// <summary>A query that begins more names than this is too unspecific for "begins with" to mean anything.</summary>
    private const int MaxPrefixed = 64;

    private readonly SearchShard?[] _shards;
    private readonly int _perShard;
    private readonly MultiReader? _composite;

    /// <summary>What is searched, leaf by leaf (one leaf per shard), and what queries are planned against: the only shard, or all of them.</summary>
    private readonly IndexReader _reader;
    private readonly IndexSearcher _searcher;

    /// <summary>Per leaf, its shard's enumerators for highlighting.</summary>
    private readonly PostingsPool[] _pools;
    private readonly GraphSnapshot _snapshot;

    /// <summary>Per document: the entity, its kind and the rank of its key (the tie-break), read once so a search reads no stored fields.</summary>
    private readonly Entity[] _entities;
    private readonly int[] _keyRanks;

    /// <summary>
    /// Per document and field, the texts as indexed (see <see cref="SearchField"/>), built the first time the document is
    /// highlighted and kept: building them for every document up front cost 1.4 s of CPU at start-up on 100k entities.
    /// </summary>
    private readonly TextPart[][]?[] _parts;
    /// <summary>
    /// Per shard (as <see cref="_reader"/>'s leaves), its normalized names and aliases, sorted, with the document (in the
    /// shard) each names, and the shard's first document: looked up shard by shard, never merged, so that a reload
    /// keeps the tables of the shards it keeps.
    /// </summary>
    private readonly (string[] Labels, int[] Docs)[] _labelTables;
    private readonly int[] _bases;
    private readonly ConcurrentDictionary<string, PreparedQuery?> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ScoredDoc[]> _mentions = new();
    private long _mentionsHeld;
    private int _disposed;

    /// <summary>
    /// Binds shards to the snapshot they index: documents follow the shards in order, each shard's in snapshot order, and
    /// each document's entity and key rank are read from the snapshot here (never from the index: a key added or removed
    /// moves every later entity's position, and a kept shard would carry stale ones).
    /// </summary>
    private SearchIndex(GraphSnapshot snapshot, SearchShard?[] shards, int[][] partition, int perShard)
    {
        _snapshot = snapshot;
        _shards = shards;
        _perShard = perShard;
        var count = snapshot.Entities.Count;
        _entities = new Entity[count];
        _keyRanks = new int[count];
        _parts = new TextPart[count][][];
        var held = new List<SearchShard>();
        var bases = new List<int>();
        var doc = 0;
        for (var s = 0; s < shards.Length; s++)
        {
            if (shards[s] is not { } shard)
            {
                continue;
            }

            held.Add(shard);
            bases.Add(doc);
            foreach (var position in partition[s])
            {
                _entities[doc] = snapshot.Entities[position];
                _keyRanks[doc++] = position; // a snapshot lists its entities in key order
            }
        }

        _labelTables = [.. held.Select(h => (h.Labels, h.LabelDocs))];
        _bases = [.. bases];
        if (held.Count == 1)
        {
            // A small corpus is one shard: searched as one segment, as before shards.
            _reader = held[0].Reader;
        }
        else
        {
            // Segments without deletions read together: every statistic a score uses is a sum over them (or per document),
            // as in one merged segment. The shards are the indexes' to dispose, not this view's.
            _composite = new MultiReader([.. held.Select(h => (IndexReader)h.Reader)], closeSubReaders: false);
            _reader = _composite;
        }

        _searcher = new IndexSearcher(_reader);
        _pools = [.. held.Select(h => h.Pool)];
    }

    public string Version => _snapshot.Version;

    /// <summary>A document's texts per field; two searches racing on a new document both build them, and either result is the same.</summary>
    private TextPart[][] PartsOf(int doc)
    {
        if (Volatile.Read(ref _parts[doc]) is { } parts)
        {
            return parts;
        }

        parts = [.. SearchFields.All.Select(f => f.Parts(_entities[doc]))];
        Volatile.Write(ref _parts[doc], parts);
        return parts;
    }

    public SearchResults Search(SearchQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();
        query.CheckBounds();
        // A cursor past the last match is an empty page, however far past.
        var offset = page.After is null ? 0 : Math.Min(ParseOffset(Cursors.Decode("search", page.After)), _entities.Length);
        var prepared = Prepare(query.Text.Trim());
        if (prepared is null)
        {
            return SearchResults.Empty;
        }

        var hits = new HitCollector(_entities, _keyRanks, query.Kinds, offset + page.First, prepared.Bonus);
        hits.Collect(prepared.Weight, _reader.Leaves, prepared.Mentions, cancellationToken);
        var top = hits.Top();
        var shown = top.Count > offset ? top.GetRange(offset, top.Count - offset) : [];
        var highlights = new IReadOnlyList<SearchHighlight>[shown.Count];
        using (var snippets = new Snippets(_pools, prepared, cancellationToken))
        {
            // Highlights read the index in document order; the page keeps score order.
            foreach (var i in Enumerable.Range(0, shown.Count).OrderBy(i => shown[i].Doc))
            {
                highlights[i] = snippets.For(shown[i].Doc, PartsOf(shown[i].Doc));
            }
        }

        var items = new List<PageItem<SearchHit>>(shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            items.Add(new PageItem<SearchHit>(
                new SearchHit(_entities[shown[i].Doc], shown[i].Score, highlights[i]),
                Cursors.Encode("search", (offset + i + 1).ToString(CultureInfo.InvariantCulture))));
        }

        var results = new Page<SearchHit>(items, hits.Total, offset + items.Count < hits.Total, offset > 0);
        var suggestions = hits.Total == 0 ? Suggestions.For(prepared, _searcher, _entities, _keyRanks, query.Kinds, cancellationToken) : [];
        return new SearchResults(results, hits.Facets(), suggestions);
    }

    /// <summary>The analysed query made ready for this index, once per distinct text.</summary>
    private PreparedQuery? Prepare(string text)
    {
        if (_prepared.TryGetValue(text, out var cached))
        {
            return cached;
        }

        PreparedQuery? prepared = null;
        if (QueryPlan.Create(text, _reader) is { } plan)
        {
            var named = EntitiesNamed(plan.Label);
            var names = named.SelectMany(doc => LabelTable.LabelsOf(_entities[doc])).Where(n => Labels.Normalize(n) != plan.Label).Distinct().Select(QueryPlan.Analyze).OfType<TokenSequence>().Take(MaxNames).ToList();
            IReadOnlyList<ScoredDoc> mentions = named.Count switch
            {
                0 => [],
                1 => MentionsOf(named[0]),
                _ => [.. named.SelectMany(MentionsOf).GroupBy(m => m.Doc).Select(g => g.MaxBy(m => m.Score)).OrderBy(m => m.Doc)],
            };
            prepared = PreparedQuery.Create(plan, _searcher, names, mentions, LabelBonus(plan.Label));
        }

        if (_prepared.Count >= PlanCacheSize)
        {
            _prepared.Clear();
        }

        _prepared[text] = prepared;
        return prepared;
    }

    /// <summary>
    /// The documents of the entities a query names: exactly, or as the beginning of names of one
    /// entity only (digital economy partnership → DEPA); none when it names none or several.
    /// </summary>
    private List<int> EntitiesNamed(string label)
    {
        // Exact labels sort first in a shard's range, by document; shards follow one another: documents ascending.
        var ranges = LabelRanges(label);
        var docs = new List<int>();
        foreach (var (t, first, end) in ranges)
        {
            var (labels, inShard) = _labelTables[t];
            for (var i = first; i < end && labels[i] == label; i++)
            {
                docs.Add(_bases[t] + inShard[i]);
            }
        }

        if (docs.Count > 0)
        {
            return docs;
        }

        // Names that begin with the query count only when they all name one entity.
        foreach (var (t, first, end) in ranges)
        {
            for (var i = first; i < end && docs.Count < 2; i++)
            {
                var doc = _bases[t] + _labelTables[t].Docs[i];
                if (!docs.Contains(doc))
                {
                    docs.Add(doc);
                }
            }
        }

        return docs.Count == 1 && label.Length >= (QueryPlan.HasHan(label) ? MinimumChinesePrefix : MinimumPrefix) ? docs : [];
    }

    /// <summary>
    /// Every entity that writes any name or alias of the entity of <paramref name="doc"/> (itself
    /// included), with its score, in document order: worked out once per entity and index.
    /// </summary>
    private ScoredDoc[] MentionsOf(int doc)
    {
        if (_mentions.TryGetValue(doc, out var cached))
        {
            return cached;
        }

        var names = LabelTable.LabelsOf(_entities[doc]).Distinct().Select(QueryPlan.Analyze).OfType<TokenSequence>().Take(MaxNames);
        var weight = _searcher.CreateNormalizedWeight(QueryPlan.AnyOf(names));
        var found = new List<ScoredDoc>();
        foreach (var leaf in _reader.Leaves)
        {
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            for (var next = scorer?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; next != DocIdSetIterator.NO_MORE_DOCS; next = scorer!.NextDoc())
            {
                found.Add(new ScoredDoc(leaf.DocBase + next, scorer!.GetScore(), _keyRanks[leaf.DocBase + next]));
            }
        }

        // Bounded by the documents held, not the entries: one entity can be mentioned everywhere.
        if (Interlocked.Add(ref _mentionsHeld, found.Count) > MaxMentionsHeld)
        {
            _mentions.Clear();
            Interlocked.Exchange(ref _mentionsHeld, found.Count);
        }

        return _mentions[doc] = [.. found];
    }

    /// <summary>Exact names and aliases first, then names that begin with the query (when few do), the more of the name it covers the more.</summary>
    private Dictionary<int, float> LabelBonus(string label)
    {
        var bonus = new Dictionary<int, float>();
        var ranges = LabelRanges(label);
        if (label.Length < 2 || ranges.Sum(r => r.End - r.First) > MaxPrefixed)
        {
            return bonus;
        }

        foreach (var (t, first, end) in ranges)
        {
            var (labels, docs) = _labelTables[t];
            for (var i = first; i < end; i++)
            {
                // A prefix covering more of the name is the closer match: 中关村 is nearer 中关村软件园 than 中关村前沿大赛.
                var value = labels[i] == label ? ExactBonus : PrefixBonus * label.Length / labels[i].Length;
                var doc = _bases[t] + docs[i];
                bonus[doc] = Math.Max(value, bonus.GetValueOrDefault(doc));
            }
        }

        return bonus;
    }

    /// <summary>Per shard holding any, the range [First, End) of its sorted labels that begin with <paramref name="label"/>.</summary>
    private List<(int Table, int First, int End)> LabelRanges(string label)
    {
        var ranges = new List<(int Table, int First, int End)>();
        for (var t = 0; t < _labelTables.Length; t++)
        {
            var labels = _labelTables[t].Labels;
            var first = Array.BinarySearch(labels, label, StringComparer.Ordinal);
            first = first >= 0 ? first : ~first;
            while (first > 0 && labels[first - 1] == label)
            {
                first--;
            }

            var end = Array.BinarySearch(labels, label + char.MaxValue, StringComparer.Ordinal);
            end = end >= 0 ? end : ~end;
            if (end > first)
            {
                ranges.Add((t, first, end));
            }
        }

        return ranges;
    }

    private static int ParseOffset(string position) =>
        int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this search.");
}
