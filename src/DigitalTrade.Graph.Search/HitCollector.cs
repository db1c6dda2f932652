using DigitalTrade.Graph.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DigitalTrade.Graph.Search;

/// <summary>A scored document of a search.</summary>
internal readonly record struct ScoredDoc(int Doc, float Score, int KeyRank);

/// <summary>
/// Walks every match once: counts it by kind (before the kinds filter, for facets), counts it in the
/// total when its kind is wanted, and keeps the best <c>capacity</c> by score (plus any bonus), then key.
/// </summary>
internal sealed class HitCollector(Entity[] entities, int[] keyRanks, IReadOnlySet<EntityKind>? kinds, int capacity, IReadOnlyDictionary<int, float>? bonus = null)
{
    private static readonly EntityKind[] AllKinds = Enum.GetValues<EntityKind>();

    /// <summary>Worst first: a lower score, then a later key.</summary>
    private static readonly Comparer<ScoredDoc> WorstFirst = Comparer<ScoredDoc>.Create((a, b) =>
        a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.KeyRank.CompareTo(a.KeyRank));

    private readonly int[] _byKind = new int[AllKinds.Length];
    private readonly PriorityQueue<ScoredDoc, ScoredDoc> _best = new(WorstFirst);

    public int Total { get; private set; }

    /// <summary>
    /// Collects the weight's matches in every leaf (documents numbered across leaves, in order) and the
    /// <paramref name="extra"/> documents (ascending, scores added), each once.
    /// </summary>
    public void Collect(Weight? weight, IList<AtomicReaderContext> leaves, IReadOnlyList<ScoredDoc> extra, CancellationToken cancellationToken)
    {
        var e = 0;
        var seen = 0;
        foreach (var leaf in leaves)
        {
            var scorer = weight?.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            var next = Next(scorer, leaf.DocBase);
            while (next != int.MaxValue || (e < extra.Count && extra[e].Doc < end))
            {
                if ((++seen & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var doc = e < extra.Count ? Math.Min(next, extra[e].Doc) : next;
                var score = 0f;
                if (doc == next)
                {
                    score += scorer!.GetScore();
                    next = Next(scorer, leaf.DocBase);
                }

                if (e < extra.Count && extra[e].Doc == doc)
                {
                    score += extra[e++].Score;
                }

                Offer(doc, score);
            }
        }
    }

    /// <summary>The scorer's next document as numbered across leaves; <see cref="int.MaxValue"/> when there is none.</summary>
    private static int Next(Scorer? scorer, int docBase) =>
        scorer?.NextDoc() is { } doc and not DocIdSetIterator.NO_MORE_DOCS ? docBase + doc : int.MaxValue;

    private void Offer(int doc, float score)
    {
        var kind = entities[doc].Kind;
        _byKind[(int)kind]++;
        if (kinds is { Count: > 0 } && !kinds.Contains(kind))
        {
            return;
        }

        Total++;
        var hit = new ScoredDoc(doc, score + (bonus is { Count: > 0 } && bonus.TryGetValue(doc, out var extra) ? extra : 0f), keyRanks[doc]);
        if (_best.Count < capacity)
        {
            _best.Enqueue(hit, hit);
        }
        else if (capacity > 0 && WorstFirst.Compare(hit, _best.Peek()) > 0)
        {
            _best.DequeueEnqueue(hit, hit);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public List<ScoredDoc> Top()
    {
        var top = new List<ScoredDoc>(_best.Count);
        while (_best.TryDequeue(out var hit, out _))
        {
            top.Add(hit);
        }

        top.Reverse();
        return top;
    }

    public IReadOnlyDictionary<EntityKind, int> Facets() =>
        AllKinds.Where(k => _byKind[(int)k] > 0).ToDictionary(k => k, k => _byKind[(int)k]);
}
