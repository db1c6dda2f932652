using System.Globalization;
using DigitalTrade.Graph.Model;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// A Lucene index of one snapshot: names, aliases, summaries and narratives, Chinese segmented with
/// SmartCn and English stemmed, names and aliases boosted, an exact name or alias boosted most.
/// Built with its snapshot and replaced with it; safe for concurrent searches.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    /// <summary>Searched fields and their weights: what a researcher expects first comes first.</summary>
    private static readonly (string Field, float Boost, string Shown)[] Fields =
    [
        ("name_zh", 6f, "name"),
        ("name_en", 6f, "name"),

        // Character bigrams find 海南 in 海南省, which word segmentation keeps as one word.
        ("name_cjk", 4f, "name"),
        ("aliases", 6f, "aliases"),
        ("summary_zh", 2f, "summary"),
        ("summary_en", 2f, "summary"),
        ("narrative_zh", 1f, "narrative"),
        ("narrative_en", 1f, "narrative"),
    ];

    /// <summary>Analyzers keep per-thread token streams, so one instance serves every search and the index build.</summary>
    private static readonly Analyzer SharedAnalyzer = CreateAnalyzer();

    /// <summary>Highlighting re-analyses stored text; beyond this many characters it stops looking.</summary>
    private const int HighlightScanLimit = 4_000;

    /// <summary>
    /// Shown text is stored with its tokens' offsets (term vectors), so highlighting reads the tokens
    /// back instead of segmenting the Chinese text again for every hit of every search.
    /// </summary>
    private static readonly FieldType Highlightable = CreateHighlightable();

    /// <summary>Best first; equal scores by key, so results do not depend on the order documents were indexed in.</summary>
    private static readonly Sort ByScoreThenKey = new(SortField.FIELD_SCORE, new SortField("key_sort", SortFieldType.STRING));

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly GraphSnapshot _snapshot;

    private SearchIndex(GraphSnapshot snapshot, RAMDirectory directory)
    {
        _snapshot = snapshot;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader);
    }

    public string Version => _snapshot.Version;

    public static SearchIndex Build(GraphSnapshot snapshot)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Lucene, SharedAnalyzer) { OpenMode = OpenMode.CREATE }))
        {
            // IndexWriter takes documents from many threads at once; analysis (Chinese segmentation) is the cost.
            Parallel.ForEach(snapshot.Entities, entity => writer.AddDocument(ToDocument(entity)));

            // Parallel indexing leaves a segment per thread; one segment makes every term lookup a single seek.
            writer.ForceMerge(1);

            writer.Commit();
        }

        return new SearchIndex(snapshot, directory);
    }

    public Page<SearchHit> Search(SearchQuery query, PageRequest page)
    {
        var offset = page.After is null ? 0 : ParseOffset(Cursors.Decode("search", page.After));
        var lucene = BuildQuery(query);
        if (lucene is null)
        {
            return Page<SearchHit>.Empty;
        }

        var top = _searcher.Search(lucene, null, Math.Max(1, offset + page.First), ByScoreThenKey, doDocScores: true, doMaxScore: false);
        var highlighters = new Dictionary<string, Highlighter>(StringComparer.Ordinal);
        var items = top.ScoreDocs.Skip(offset).Take(page.First).Select((hit, i) =>
        {
            var document = _searcher.Doc(hit.Doc);
            var entity = _snapshot.Find(document.Get("key", CultureInfo.InvariantCulture))!;
            return new PageItem<SearchHit>(
                new SearchHit(entity, hit.Score, Highlights(lucene, highlighters, hit.Doc, document)),
                Cursors.Encode("search", (offset + i + 1).ToString(CultureInfo.InvariantCulture)));
        }).ToList();
        return new Page<SearchHit>(items, top.TotalHits, offset + items.Count < top.TotalHits, offset > 0);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(
        new SmartChineseAnalyzer(Lucene),
        new Dictionary<string, Analyzer>
        {
            ["name_en"] = new EnglishAnalyzer(Lucene),
            ["summary_en"] = new EnglishAnalyzer(Lucene),
            ["narrative_en"] = new EnglishAnalyzer(Lucene),
            ["name_cjk"] = new CJKAnalyzer(Lucene),
        });

    private static Document ToDocument(Entity entity)
    {
        var document = new Document
        {
            new StringField("key", entity.Key, Field.Store.YES),
            new SortedDocValuesField("key_sort", new BytesRef(entity.Key)),
            new StringField("kind", entity.Kind.Info().Name, Field.Store.NO),
            new Field("name_zh", entity.Name.Zh, Highlightable),
            new Field("name_en", entity.Name.En, Highlightable),
            new TextField("name_cjk", entity.Name.Zh + " ; " + string.Join(" ; ", entity.Aliases), Field.Store.NO),
            new Field("aliases", string.Join(" ; ", entity.Aliases), Highlightable),
            new Field("summary_zh", entity.Summary?.Zh ?? string.Empty, Highlightable),
            new Field("summary_en", entity.Summary?.En ?? string.Empty, Highlightable),
            new Field("narrative_zh", entity.Narrative.Text, Highlightable),
            new TextField("narrative_en", entity.Narrative.Text, Field.Store.NO),
        };
        foreach (var label in entity.Aliases.Append(entity.Name.Zh).Append(entity.Name.En))
        {
            document.Add(new StringField("exact", Normalize(label), Field.Store.NO));
        }

        return document;
    }

    private static Query? BuildQuery(SearchQuery query)
    {
        var text = query.Text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        // Built from analyzed terms directly: a query language parser would cost more than the search.
        var builder = new QueryBuilder(SharedAnalyzer);
        var any = new BooleanQuery { { new TermQuery(new Term("exact", Normalize(text))) { Boost = 20f }, Occur.SHOULD } };
        foreach (var (field, boost, _) in Fields)
        {
            if (builder.CreateBooleanQuery(field, text, Occur.SHOULD) is { } words)
            {
                any.Add(WithBoost(words, boost), Occur.SHOULD);
            }

            // The words together, in order, count for more than the words apart.
            if (builder.CreatePhraseQuery(field, text, 2) is { } phrase and not TermQuery)
            {
                any.Add(WithBoost(phrase, boost), Occur.SHOULD);
            }
        }

        if (query.Kinds is not { Count: > 0 } kinds)
        {
            return any;
        }

        var ofKind = new BooleanQuery();
        foreach (var kind in kinds)
        {
            ofKind.Add(new TermQuery(new Term("kind", kind.Info().Name)), Occur.SHOULD);
        }

        return new BooleanQuery { { any, Occur.MUST }, { ofKind, Occur.MUST } };
    }

    private static Query WithBoost(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }

    /// <summary>At most two passages per hit, from the first fields that matched: names before summaries before narratives.</summary>
    private List<SearchHighlight> Highlights(Query query, Dictionary<string, Highlighter> highlighters, int docId, Document document)
    {
        var highlights = new List<SearchHighlight>();
        foreach (var (field, _, shown) in Fields)
        {
            if (highlights.Count == 2)
            {
                break;
            }

            var text = document.Get(field switch { "narrative_en" => "narrative_zh", "name_cjk" => "name_zh", _ => field }, CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(text) || highlights.Any(h => h.Field == shown))
            {
                continue;
            }

            if (!highlighters.TryGetValue(field, out var highlighter))
            {
                // One scorer per field and search; term scoring is enough to mark words and avoids
                // re-indexing every text in memory, which span scoring of phrase queries does.
                highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), MarkupEncoder.Instance, new QueryTermScorer(query, field))
                {
                    TextFragmenter = new SimpleFragmenter(120),
                    MaxDocCharsToAnalyze = HighlightScanLimit,
                };
                highlighters[field] = highlighter;
            }

            var stored = field switch { "narrative_en" => "narrative_zh", "name_cjk" => "name_zh", _ => field };
            // Stored fields read their tokens back; the derived fields (bigrams, English stems of the
            // narrative) analyse the shown text with their own analyzer, which is cheap for them.
            using var tokens = stored == field
                ? TokenSources.GetAnyTokenStream(_reader, docId, field, document, SharedAnalyzer)
                : SharedAnalyzer.GetTokenStream(field, text);
            var fragment = highlighter.GetBestFragment(tokens, text);
            if (!string.IsNullOrEmpty(fragment))
            {
                highlights.Add(new SearchHighlight(shown, fragment));
            }
        }

        return highlights;
    }

    private static FieldType CreateHighlightable()
    {
        var type = new FieldType(TextField.TYPE_STORED)
        {
            StoreTermVectors = true,
            StoreTermVectorPositions = true,
            StoreTermVectorOffsets = true,
        };
        type.Freeze();
        return type;
    }

    /// <summary>Escapes only what HTML needs (SimpleHTMLEncoder would turn every Chinese character into an entity).</summary>
    private sealed class MarkupEncoder : IEncoder
    {
        public static readonly MarkupEncoder Instance = new();

        public string EncodeText(string originalText) => System.Net.WebUtility.HtmlEncode(originalText);
    }

    private static string Normalize(string label) => label.Trim().ToLowerInvariant();

    private static int ParseOffset(string position) =>
        int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new GraphQueryException("INVALID_CURSOR", "The cursor is not a cursor of this search.");
}
