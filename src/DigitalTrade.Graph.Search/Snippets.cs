using System.Net;
using System.Text;
using DigitalTrade.Graph.Model;
using Lucene.Net.Index;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// Highlighted passages for the hits of one search, cut from the entity's own text at the offsets
/// the index stored for the matched tokens: no text is analysed again, and every bound below holds
/// whatever the size of a narrative.
/// </summary>
internal sealed class Snippets(IReadOnlyList<PostingsPool> pools, PreparedQuery query, CancellationToken cancellationToken) : IDisposable
{
    /// <summary>Matches beyond this many characters into a field are not looked at.</summary>
    public const int ScanLimit = 20_000;

    /// <summary>Occurrences of one token read per field of a document.</summary>
    private const int MaxOccurrences = 64;

    /// <summary>Occurrences read for one search in all; past it the remaining hits get no highlights.</summary>
    private const int Budget = 100_000;

    /// <summary>Characters shown of a long text around its best passage, and before its first match.</summary>
    private const int Window = 140;

    private const int Lead = 30;

    private static readonly Comparer<Occurrence> ByPosition = Comparer<Occurrence>.Create((a, b) => a.Position.CompareTo(b.Position));

    /// <summary>A query with Chinese in it is shown the Chinese name and summary first, any other the English ones.</summary>
    private readonly bool _chinese = QueryPlan.HasHan(query.Plan.Label);

    /// <summary>The segment (shard) of the hits being highlighted, and its enumerators.</summary>
    private int _leaf = -1;
    private PostingsPool.Lease? _lease;

    /// <summary>[field][token]: the token's postings for this search (opened on first use), and the document its occurrences were last read for.</summary>
    private readonly DocsAndPositionsEnum?[][] _postings = [.. SearchFields.All.Select(_ => new DocsAndPositionsEnum?[query.Tokens.Length])];
    private readonly bool[][] _opened = [.. SearchFields.All.Select(_ => new bool[query.Tokens.Length])];
    private readonly List<Occurrence>?[][] _read = [.. SearchFields.All.Select(_ => new List<Occurrence>?[query.Tokens.Length])];
    private readonly int[][] _readFor = [.. SearchFields.All.Select(_ => Enumerable.Repeat(-1, query.Tokens.Length).ToArray())];
    private int _budget = Budget;

    /// <summary>At most two passages per hit, names before aliases before summaries before the narrative, one per kind of text.</summary>
    /// <remarks>Hits are highlighted in document order: each segment's postings are read forward, once.</remarks>
    public IReadOnlyList<SearchHighlight> For(int doc, TextPart[][] fields)
    {
        cancellationToken.ThrowIfCancellationRequested();
        doc = InSegment(doc);
        var highlights = new List<SearchHighlight>(2);
        for (var field = 0; field < SearchFields.All.Length && highlights.Count < 2 && _budget > 0; field++)
        {
            var spans = Spans(doc, field);
            if (spans.Count == 0)
            {
                continue;
            }

            // The field's parts follow one another in the index, each one character after the last.
            var parts = fields[field];
            var inPart = new List<Span>[parts.Length];
            for (int i = 0, start = 0; i < parts.Length; start += parts[i].Text.Length + 1, i++)
            {
                var end = start + parts[i].Text.Length;
                inPart[i] = [.. spans.Where(s => s.Start >= start && s.End <= end).Select(s => s with { Start = s.Start - start, End = s.End - start })];
            }

            foreach (var shown in parts.Select(p => p.Shown).Distinct())
            {
                var best = Enumerable.Range(0, parts.Length)
                    .Where(i => parts[i].Shown == shown && inPart[i].Count > 0)
                    .OrderByDescending(i => inPart[i].Select(s => s.Unit).Distinct().Count())
                    .ThenBy(i => (parts[i].Chinese ?? QueryPlan.HasHan(parts[i].Text)) == _chinese ? 0 : 1)
                    .Select(i => (int?)i)
                    .FirstOrDefault();
                if (best is { } part && highlights.Count < 2)
                {
                    highlights.Add(new SearchHighlight(shown, Cut(parts[part].Text, inPart[part])));
                }
            }
        }

        return highlights;
    }

    public void Dispose()
    {
        if (_lease is not null)
        {
            pools[_leaf].Return(_lease);
        }
    }

    /// <summary>The document's number in its segment; moving to a later segment starts every enumerator afresh there.</summary>
    private int InSegment(int doc)
    {
        var leaves = query.Leaves;
        if (_leaf < 0 || doc >= leaves[_leaf].DocBase + leaves[_leaf].AtomicReader.MaxDoc)
        {
            if (_lease is not null)
            {
                pools[_leaf].Return(_lease);
            }

            _leaf = ReaderUtil.SubIndex(doc, leaves);
            _lease = pools[_leaf].Rent();
            for (var field = 0; field < SearchFields.All.Length; field++)
            {
                Array.Clear(_opened[field]);
                Array.Clear(_postings[field]);
                Array.Fill(_readFor[field], -1);
            }
        }

        return doc - leaves[_leaf].DocBase;
    }

    /// <summary>
    /// Where the terms occur in one field of one document, as offsets into the field's joined parts;
    /// where none does, the names the query stands for (DEPA's full name where only that is written).
    /// </summary>
    private List<Span> Spans(int doc, int field)
    {
        var spans = Spans(doc, field, 0, query.Units.Count - 1);
        return spans.Count > 0 ? spans : Spans(doc, field, query.Units.Count - 1, query.Units.Count);
    }

    private List<Span> Spans(int doc, int field, int from, int to)
    {
        var spans = new List<Span>();
        for (var unit = from; unit < to; unit++)
        {
            foreach (var sequence in query.Units[unit])
            {
                var first = Occurrences(doc, field, sequence.Tokens[0]);
                if (sequence.Tokens.Length == 1)
                {
                    spans.AddRange(first.Select(o => new Span(o.Start, o.End, unit)));
                    continue;
                }

                for (var f = 0; f < first.Count; f++)
                {
                    var (end, complete) = (first[f].End, true);
                    for (var i = 1; i < sequence.Tokens.Length && complete; i++)
                    {
                        // Occurrences are read in position order.
                        var next = Occurrences(doc, field, sequence.Tokens[i]);
                        var at = next.BinarySearch(new Occurrence(first[f].Position + sequence.Positions[i], 0, 0), ByPosition);
                        complete = at >= 0;
                        end = complete ? Math.Max(end, next[at].End) : end;
                    }

                    if (complete)
                    {
                        spans.Add(new Span(first[f].Start, end, unit));
                    }
                }
            }
        }

        return spans;
    }

    /// <summary>The first occurrences of a token in one field of one document, read once from the postings' stored offsets.</summary>
    private List<Occurrence> Occurrences(int doc, int field, int token)
    {
        if (_readFor[field][token] == doc)
        {
            return _read[field][token]!;
        }

        var found = _read[field][token] ?? [];
        found.Clear();
        (_read[field][token], _readFor[field][token]) = (found, doc);
        var postings = Postings(field, token);
        if (postings is null || postings.DocID > doc || (postings.DocID < doc && postings.Advance(doc) != doc))
        {
            return found;
        }

        var count = Math.Min(postings.Freq, MaxOccurrences);
        for (var i = 0; i < count && _budget > 0; i++, _budget--)
        {
            var position = postings.NextPosition();
            if (postings.StartOffset > ScanLimit)
            {
                break;
            }

            found.Add(new Occurrence(position, postings.StartOffset, postings.EndOffset));
        }

        return found;
    }

    /// <summary>One enumerator per field and token for the whole search: hits are visited in document order, so it only moves forward.</summary>
    private DocsAndPositionsEnum? Postings(int field, int token)
    {
        if (!_opened[field][token])
        {
            _opened[field][token] = true;
            _postings[field][token] = query.Postings(_leaf)[field][token] is { } term ? _lease!.Postings(SearchFields.All[field].Name, term.Bytes, term.State) : null;
        }

        return _postings[field][token];
    }

    /// <summary>The passage with the most different terms, matches in &lt;em&gt;, the text around them HTML-encoded.</summary>
    private static string Cut(string text, List<Span> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var (from, to) = (0, text.Length);
        if (text.Length > Window)
        {
            // The window opening just before each match in turn, scored by the different terms it holds, then matches: one pass.
            var best = -1;
            var counts = new int[spans.Max(s => s.Unit) + 1];
            var (distinct, last) = (0, 0);
            for (var first = 0; first < spans.Count; first++)
            {
                var start = Math.Max(0, spans[first].Start - Lead);
                for (; last < spans.Count && spans[last].End <= start + Window; last++)
                {
                    distinct += counts[spans[last].Unit]++ == 0 ? 1 : 0;
                }

                var score = (distinct * 1000) + (last - first);
                if (score > best)
                {
                    (best, from) = (score, start);
                }

                if (last > first)
                {
                    distinct -= --counts[spans[first].Unit] == 0 ? 1 : 0;
                }
                else
                {
                    last = first + 1;
                }
            }

            from = Math.Max(0, Math.Min(from, text.Length - Window));
            to = from + Window;
            from = from > 0 && char.IsLowSurrogate(text[from]) ? from - 1 : from;
            to = to < text.Length && char.IsLowSurrogate(text[to]) ? to + 1 : to;
        }

        var snippet = new StringBuilder(to - from + 32);
        snippet.Append(from > 0 ? "…" : string.Empty);
        var at = from;
        for (var i = 0; i < spans.Count; i++)
        {
            // Overlapping matches, and matches only a space apart, are marked as one.
            var (start, end) = (Math.Max(spans[i].Start, at), spans[i].End);
            while (i + 1 < spans.Count && spans[i + 1].End <= to && (spans[i + 1].Start <= end || text.AsSpan(end, spans[i + 1].Start - end).IsWhiteSpace()))
            {
                end = Math.Max(end, spans[++i].End);
            }

            // A match the passage would cut is left unmarked.
            if (end <= start || end > to)
            {
                continue;
            }

            snippet.Append(WebUtility.HtmlEncode(text[at..start])).Append("<em>").Append(WebUtility.HtmlEncode(text[start..end])).Append("</em>");
            at = end;
        }

        snippet.Append(WebUtility.HtmlEncode(text[at..to])).Append(to < text.Length ? "…" : string.Empty);
        return snippet.ToString();
    }

    private readonly record struct Occurrence(int Position, int Start, int End);

    private readonly record struct Span(int Start, int End, int Unit);
}
