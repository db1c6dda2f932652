using Lucene.Net.Index;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// Term and postings enumerators of one index, kept per thread for the next search: each costs
/// several KB of buffers to create, and Lucene resets one for another term of the same field when it
/// is passed back. A search runs on one thread from start to end, so a thread-local set needs no lock.
/// </summary>
internal sealed class PostingsPool(AtomicReader reader)
{
    [ThreadStatic]
    private static Lease? _kept;

    /// <summary>This thread's enumerators for this index, or new ones.</summary>
    public Lease Rent()
    {
        var lease = _kept;
        if (lease?.Pool == this)
        {
            _kept = null;
            return lease;
        }

        return new Lease(this);
    }

    public static void Return(Lease lease) => _kept = lease;

    /// <summary>Enumerators one search uses, given back whole when it ends.</summary>
    internal sealed class Lease(PostingsPool pool)
    {
        private readonly Dictionary<string, TermsEnum> _terms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Stack<DocsAndPositionsEnum>> _free = new(StringComparer.Ordinal);
        private readonly List<(string Field, DocsAndPositionsEnum Postings)> _used = [];

        public PostingsPool Pool => pool;

        /// <summary>The postings with offsets of a term, positioned at its first document.</summary>
        public DocsAndPositionsEnum Postings(string field, Lucene.Net.Util.BytesRef term, TermState state)
        {
            if (!_terms.TryGetValue(field, out var terms))
            {
                terms = pool.Reader.GetTerms(field).GetEnumerator();
                _terms[field] = terms;
            }

            terms.SeekExact(term, state);
            var reuse = _free.TryGetValue(field, out var free) && free.Count > 0 ? free.Pop() : null;
            var postings = terms.DocsAndPositions(null, reuse, DocsAndPositionsFlags.OFFSETS);
            _used.Add((field, postings));
            return postings;
        }

        /// <summary>Makes every enumerator this search used free for the next one.</summary>
        public void Release()
        {
            foreach (var (field, postings) in _used)
            {
                if (!_free.TryGetValue(field, out var free))
                {
                    free = new Stack<DocsAndPositionsEnum>();
                    _free[field] = free;
                }

                free.Push(postings);
            }

            _used.Clear();
        }
    }

    private AtomicReader Reader => reader;
}
