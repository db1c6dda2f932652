using System.Collections.Concurrent;
using System.Globalization;
using DigitalTrade.Graph.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// A Lucene index of one snapshot: names, aliases, summaries and narratives in both languages. A hit
/// must contain every term of the query (see <see cref="QueryPlan"/>); names and aliases weigh most,
/// an exact name or alias most of all. Built with its snapshot and replaced with it; safe for
/// concurrent searches, which take no lock.
/// </summary>
public sealed class SearchIndex : IDisposable
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

    private static readonly FieldType Searchable = CreateSearchable();

    private readonly MemoryDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly AtomicReader _segment;
    private readonly IndexSearcher _searcher;
    private readonly PostingsPool _pool;
    private readonly GraphSnapshot _snapshot;

    /// <summary>Per document: the entity, its kind and the rank of its key (the tie-break), read once so a search reads no stored fields.</summary>
    private readonly Entity[] _entities;
    private readonly int[] _keyRanks;

    /// <summary>
    /// Per document and field, the texts as indexed (see <see cref="SearchField"/>), built the first time the document is
    /// highlighted and kept: building them for every document up front cost 1.4 s of CPU at start-up on 100k entities.
    /// </summary>
    private readonly TextPart[][]?[] _parts;
    /// <summary>Every normalized name and alias, sorted, and the document of the entity each names.</summary>
    private readonly string[] _labels;
    private readonly int[] _labelDocs;
    private readonly ConcurrentDictionary<string, PreparedQuery?> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ScoredDoc[]> _mentions = new();
    private long _mentionsHeld;

    private SearchIndex(GraphSnapshot snapshot, MemoryDirectory directory)
    {
        _snapshot = snapshot;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader);

        // The index is merged into one segment when built, so one reader holds every document.
        _segment = _reader.Leaves.Count == 1 ? _reader.Leaves[0].AtomicReader : SlowCompositeReaderWrapper.Wrap(_reader);
        _pool = new PostingsPool(_segment);
        var ordinals = _segment.GetNumericDocValues(SearchFields.Ordinal);
        _entities = new Entity[_reader.MaxDoc];
        _keyRanks = new int[_reader.MaxDoc];
        _parts = new TextPart[_reader.MaxDoc][][];
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            var ordinal = (int)ordinals.Get(doc);
            _entities[doc] = snapshot.Entities[ordinal];
            _keyRanks[doc] = ordinal; // a snapshot lists its entities in key order
        }

        (_labels, _labelDocs) = LabelTable(_entities);
    }

    public string Version => _snapshot.Version;

    public static SearchIndex Build(GraphSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // One writer per core, each over its own contiguous share of the entities, flushing its own segment on its own
        // thread; then the segments are merged into one, which makes every term lookup a single seek. One writer fed by
        // Parallel.For gave a segment per pool thread (8 under load), all flushed one after another by the committing
        // thread: 4.7 s of 23 s at 100k entities, before the merge.
        var entities = snapshot.Entities;
        var shares = Math.Clamp(entities.Count / 1_000, 1, Environment.ProcessorCount);
        var directories = new RAMDirectory[shares];
        try
        {
            Parallel.For(0, shares, new ParallelOptions { MaxDegreeOfParallelism = shares }, share =>
            {
                directories[share] = new RAMDirectory();
                using var writer = new IndexWriter(directories[share], WriterConfig());
                for (var i = entities.Count * share / shares; i < entities.Count * (share + 1) / shares; i++)
                {
                    writer.AddDocument(ToDocument(entities[i], i));
                }

                writer.Commit();
            });

            using var built = new RAMDirectory();
            using (var writer = new IndexWriter(built, WriterConfig()))
            {
                writer.AddIndexes(directories);
                writer.ForceMerge(1);
                writer.Commit();
            }

            return new SearchIndex(snapshot, new MemoryDirectory(built));
        }
        finally
        {
            foreach (var directory in directories)
            {
                directory?.Dispose();
            }
        }

        // Lucene's default 16 MB buffer flushed 29 segments for 100k entities and merged them over and over (14 s of
        // indexing, 20 s in all); with room for a writer's whole share it flushes once. Only what is buffered is
        // allocated: 100k entities make a 40 MB index. A larger corpus flushes when the buffer is full.
        static IndexWriterConfig WriterConfig() =>
            new(LuceneVersion.LUCENE_48, TextAnalyzer.Instance) { OpenMode = OpenMode.CREATE, UseCompoundFile = false, RAMBufferSizeMB = 512 };
    }

    /// <summary>The index's files (name and bytes), for keeping it on disk beside its snapshot.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _directory.Files;

    /// <summary>
    /// Opens an index saved from <see cref="Files"/> for the same snapshot. Lucene checks what it reads
    /// (segment checksums); whatever it refuses throws, and the caller builds the index anew.
    /// </summary>
    public static SearchIndex Open(GraphSnapshot snapshot, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(files);
        var index = new SearchIndex(snapshot, new MemoryDirectory(files));
        if (index._reader.MaxDoc != snapshot.Entities.Count)
        {
            index.Dispose();
            throw new InvalidDataException($"the saved index has {index._reader.MaxDoc} documents for {snapshot.Entities.Count} entities");
        }

        return index;
    }

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
        hits.Collect(prepared.Weight.GetScorer(_segment.AtomicContext, _segment.LiveDocs), prepared.Mentions, cancellationToken);
        var top = hits.Top();
        var shown = top.Count > offset ? top.GetRange(offset, top.Count - offset) : [];
        var highlights = new IReadOnlyList<SearchHighlight>[shown.Count];
        using (var snippets = new Snippets(_pool, prepared, cancellationToken))
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
        var suggestions = hits.Total == 0 ? Suggestions.For(prepared, _searcher, _segment, _entities, _keyRanks, query.Kinds, cancellationToken) : [];
        return new SearchResults(results, hits.Facets(), suggestions);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
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
            var names = named.SelectMany(doc => LabelsOf(_entities[doc])).Where(n => Labels.Normalize(n) != plan.Label).Distinct().Select(QueryPlan.Analyze).OfType<TokenSequence>().Take(MaxNames).ToList();
            IReadOnlyList<ScoredDoc> mentions = named.Count switch
            {
                0 => [],
                1 => MentionsOf(named[0]),
                _ => [.. named.SelectMany(MentionsOf).GroupBy(m => m.Doc).Select(g => g.MaxBy(m => m.Score)).OrderBy(m => m.Doc)],
            };
            prepared = PreparedQuery.Create(plan, _searcher, _segment, names, mentions, LabelBonus(plan.Label));
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
        var (first, end) = LabelRange(label);
        var exact = _labels.AsSpan(first, end - first).IndexOf(label) is var at and >= 0 ? at + first : -1;
        var docs = exact >= 0
            ? Enumerable.Range(exact, end - exact).TakeWhile(i => _labels[i] == label).Select(i => _labelDocs[i]).Distinct().ToList()
            : Enumerable.Range(first, end - first).Select(i => _labelDocs[i]).Distinct().Take(2).ToList();
        return exact >= 0 || (docs.Count == 1 && label.Length >= (QueryPlan.HasHan(label) ? MinimumChinesePrefix : MinimumPrefix)) ? docs : [];
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

        var names = LabelsOf(_entities[doc]).Distinct().Select(QueryPlan.Analyze).OfType<TokenSequence>().Take(MaxNames);
        var scorer = _searcher.CreateNormalizedWeight(QueryPlan.AnyOf(names)).GetScorer(_segment.AtomicContext, _segment.LiveDocs);
        var found = new List<ScoredDoc>();
        for (var next = scorer?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; next != DocIdSetIterator.NO_MORE_DOCS; next = scorer!.NextDoc())
        {
            found.Add(new ScoredDoc(next, scorer!.GetScore(), _keyRanks[next]));
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
        var (first, end) = LabelRange(label);
        if (label.Length < 2 || end - first > MaxPrefixed)
        {
            return bonus;
        }

        for (var i = first; i < end; i++)
        {
            // A prefix covering more of the name is the closer match: 中关村 is nearer 中关村软件园 than 中关村前沿大赛.
            var value = _labels[i] == label ? ExactBonus : PrefixBonus * label.Length / _labels[i].Length;
            bonus[_labelDocs[i]] = Math.Max(value, bonus.GetValueOrDefault(_labelDocs[i]));
        }

        return bonus;
    }

    /// <summary>The sorted labels that begin with <paramref name="label"/>: [first, end).</summary>
    private (int First, int End) LabelRange(string label)
    {
        var first = Array.BinarySearch(_labels, label, StringComparer.Ordinal);
        first = first >= 0 ? first : ~first;
        while (first > 0 && _labels[first - 1] == label)
        {
            first--;
        }

        var end = Array.BinarySearch(_labels, label + char.MaxValue, StringComparer.Ordinal);
        end = end >= 0 ? end : ~end;
        return (first, end);
    }

    /// <summary>
    /// Every normalized name and alias with the document of the entity it names, once per document, sorted by label
    /// and then document. Arrays and one sort: the LINQ pipeline it replaces cost 0.7–0.8 s at 100k entities.
    /// </summary>
    private static (string[] Labels, int[] Docs) LabelTable(Entity[] entities)
    {
        var entries = new List<LabelEntry>(entities.Length * 4);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var doc = 0; doc < entities.Length; doc++)
        {
            seen.Clear();
            foreach (var label in LabelsOf(entities[doc]))
            {
                var normalized = Labels.Normalize(label);
                if (seen.Add(normalized))
                {
                    entries.Add(new LabelEntry(normalized, doc));
                }
            }
        }

        var sorted = entries.ToArray();
        Array.Sort(sorted, LabelEntry.Order);
        var labels = new string[sorted.Length];
        var docs = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            (labels[i], docs[i]) = (sorted[i].Label, sorted[i].Doc);
        }

        return (labels, docs);
    }

    private readonly record struct LabelEntry(string Label, int Doc)
    {
        public static readonly Comparer<LabelEntry> Order = Comparer<LabelEntry>.Create((a, b) =>
            string.CompareOrdinal(a.Label, b.Label) is var c and not 0 ? c : a.Doc.CompareTo(b.Doc));
    }

    /// <summary>
    /// Names and aliases; cities and provinces also by their name without the administrative suffix,
    /// which is how they are written in running text (杭州 for 杭州市).
    /// </summary>
    private static IEnumerable<string> LabelsOf(Entity entity)
    {
        var labels = entity.Aliases.Append(entity.Name.Zh).Append(entity.Name.En);
        var zh = entity.Name.Zh;
        return entity.Kind is EntityKind.City or EntityKind.Province && zh.Length >= 3 && "市省县区".Contains(zh[^1], StringComparison.Ordinal) && !zh.EndsWith("自治区", StringComparison.Ordinal)
            ? labels.Append(zh[..^1])
            : labels;
    }

    private static Document ToDocument(Entity entity, int ordinal)
    {
        var document = new Document { new NumericDocValuesField(SearchFields.Ordinal, ordinal) };
        foreach (var field in SearchFields.All)
        {
            foreach (var part in field.Parts(entity))
            {
                document.Add(new Field(field.Name, part.Text, Searchable));
            }
        }

        return document;
    }

    /// <summary>Indexed with each token's character offsets, so highlights never analyse text again; nothing stored, the snapshot holds the text.</summary>
    private static FieldType CreateSearchable()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
        };
        type.Freeze();
        return type;
    }

    private static int ParseOffset(string position) =>
        int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this search.");
}
