using DigitalTrade.Graph.Model;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DigitalTrade.Graph.Search;

/// <summary>
/// For a query that found nothing: the names and aliases closest to it, found by matching any of
/// its terms (not all), or spellings up to two edits away, in names and aliases only.
/// </summary>
internal static class Suggestions
{
    private const int Count = 5;

    public static IReadOnlyList<SearchSuggestion> For(
        PreparedQuery prepared, IndexSearcher searcher, AtomicReader segment, Entity[] entities, int[] keyRanks, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
    {
        var plan = prepared.Plan;
        var any = new BooleanQuery(disableCoord: true);
        var tokens = prepared.Tokens.Take(100).ToList();
        var names = SearchFields.Names.Name;
        foreach (var token in tokens)
        {
            any.Add(new TermQuery(new Term(names, token)), Occur.SHOULD);
        }

        foreach (var word in plan.Terms.Select(t => Labels.Normalize(t.Text)).Where(w => w.Length >= 4 && w.All(char.IsAsciiLetterOrDigit)))
        {
            any.Add(new FuzzyQuery(new Term(names, word), word.Length >= 6 ? 2 : 1, 1, 10, true) { Boost = 0.5f }, Occur.SHOULD);
        }

        var hits = new HitCollector(entities, keyRanks, kinds, Count);
        hits.Collect(searcher.CreateNormalizedWeight(any).GetScorer(segment.AtomicContext, segment.LiveDocs), [], cancellationToken);
        var wanted = tokens.ToHashSet(StringComparer.Ordinal);
        var chinese = QueryPlan.HasHan(plan.Label);
        return [.. hits.Top().Select(h => entities[h.Doc]).Select(e => new SearchSuggestion(ClosestLabel(e, wanted, chinese), e))];
    }

    /// <summary>The entity's name or alias sharing most tokens with the query; on a tie the name in the query's language.</summary>
    private static string ClosestLabel(Entity entity, HashSet<string> tokens, bool chinese) =>
        (chinese ? new[] { entity.Name.Zh, entity.Name.En } : [entity.Name.En, entity.Name.Zh]).Concat(entity.Aliases)
            .Select((label, order) => (label, order, shared: QueryPlan.Analyze(label)?.Tokens.Count(tokens.Contains) ?? 0))
            .OrderByDescending(x => x.shared)
            .ThenBy(x => x.order)
            .First().label;
}
