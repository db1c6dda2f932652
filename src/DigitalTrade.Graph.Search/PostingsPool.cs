using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// Term and postings enumerators of one index, kept for the next search: each costs several KB of
/// buffers to create and Lucene resets one for another term of the same field when it is passed back.
/// </summary>
internal sealed class PostingsPool(AtomicReader reader)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<TermsEnum>> _terms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentBag<DocsAndPositionsEnum>> _postings = new(StringComparer.Ordinal);

    public TermsEnum Terms(string field) =>
        _terms.GetOrAdd(field, _ => []).TryTake(out var terms) ? terms : reader.GetTerms(field).GetEnumerator();

    /// <summary>The postings with offsets of the term <paramref name="terms"/> is on, in an enumerator used before where there is one.</summary>
    public DocsAndPositionsEnum Postings(string field, TermsEnum terms) =>
        terms.DocsAndPositions(null, _postings.GetOrAdd(field, _ => []).TryTake(out var reuse) ? reuse : null, DocsAndPositionsFlags.OFFSETS);

    public void Return(string field, TermsEnum terms) => _terms[field].Add(terms);

    public void Return(string field, DocsAndPositionsEnum postings) => _postings.GetOrAdd(field, _ => []).Add(postings);
}
