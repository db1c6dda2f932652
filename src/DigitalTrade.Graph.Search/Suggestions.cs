using DigitalTrade.Graph.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// For a query that found nothing: the names and aliases closest to it, found by matching any of
/// its terms (not all), or a spelling one edit away, in names and aliases only.
/// </summary>
internal static class Suggestions
{
    private const int Count = 5;

    /// <summary>Candidates kept per query, of all kinds, from which the kinds asked for are taken.</summary>
    private const int Candidates = 50;

    public static IReadOnlyList<SearchSuggestion> For(
        PreparedQuery prepared, IndexSearcher searcher, Entity[] entities, int[] keyRanks, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
    {
        var candidates = prepared.Suggested(() =>
        {
            var any = new BooleanQuery(disableCoord: true);
            var names = SearchFields.Names.Name;
            foreach (var token in prepared.Tokens.Take(100))
            {
                any.Add(new TermQuery(new Term(names, token)), Occur.SHOULD);
            }

            foreach (var word in prepared.Plan.Terms.Select(t => Labels.Normalize(t.Text)).Where(w => w.Length >= 4 && w.All(char.IsAsciiLetterOrDigit)).Take(QueryPlan.MaxWidenedTerms))
            {
                any.Add(new FuzzyQuery(new Term(names, word), 1, 1, 10, true) { Boost = 0.5f }, Occur.SHOULD);
            }

            var hits = new HitCollector(entities, keyRanks, null, Candidates);
            hits.Collect(searcher.CreateNormalizedWeight(any), searcher.IndexReader.Leaves, [], cancellationToken);
            return [.. hits.Top()];
        });
        var wanted = prepared.Tokens.ToHashSet(StringComparer.Ordinal);
        var chinese = QueryPlan.HasHan(prepared.Plan.Label);
        return [.. candidates
            .Select(h => entities[h.Doc])
            .Where(e => kinds is not { Count: > 0 } || kinds.Contains(e.Kind))
            .Take(Count)
            .Select(e => new SearchSuggestion(ClosestLabel(e, wanted, chinese), e))];
    }

    /// <summary>The entity's name or alias sharing most tokens with the query; on a tie the name in the query's language.</summary>
    private static string ClosestLabel(Entity entity, HashSet<string> tokens, bool chinese) =>
        (chinese ? new[] { entity.Name.Zh, entity.Name.En } : [entity.Name.En, entity.Name.Zh]).Concat(entity.Aliases)
            .Select((label, order) => (label, order, shared: QueryPlan.Analyze(label)?.Tokens.Count(tokens.Contains) ?? 0))
            .OrderByDescending(x => x.shared)
            .ThenBy(x => x.order)
            .First().label;
}
