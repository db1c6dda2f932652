using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// Term and postings enumerators of one segment, kept for the next search: each costs several KB of
/// buffers to create, and Lucene resets one for another term of the same field when it is passed back.
/// A search rents a set, uses it on one thread and returns it; sets live as long as the segment's shard,
/// so an index built by a reload reuses those of the shards it keeps.
/// </summary>
internal sealed class PostingsPool(AtomicReader reader)
{
    /// <summary>Sets kept; more than this many searches at once create sets that are dropped after use.</summary>
    private const int MaxKept = 16;

    private readonly ConcurrentBag<Lease> _kept = [];

    /// <summary>Sets in <see cref="_kept"/>, counted apart: ConcurrentBag.Count takes every thread's lock.</summary>
    private int _count;

    /// <summary>A free set of enumerators, or a new one.</summary>
    public Lease Rent()
    {
        if (_kept.TryTake(out var lease))
        {
            Interlocked.Decrement(ref _count);
            return lease;
        }

        return new Lease(this);
    }

    /// <summary>Gives a set back once every enumerator it handed out is no longer used.</summary>
    public void Return(Lease lease)
    {
        lease.Release();
        if (Interlocked.Increment(ref _count) <= MaxKept)
        {
            _kept.Add(lease);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Enumerators one search uses, given back whole when it ends.</summary>
    internal sealed class Lease(PostingsPool pool)
    {
        private readonly Dictionary<string, TermsEnum> _terms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Stack<DocsAndPositionsEnum>> _free = new(StringComparer.Ordinal);
        private readonly List<(string Field, DocsAndPositionsEnum Postings)> _used = [];

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
        internal void Release()
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
