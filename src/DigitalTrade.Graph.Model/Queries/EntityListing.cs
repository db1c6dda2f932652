namespace DigitalTrade.Graph.Model.Queries;

/// <summary>Filters and orders entities for <c>entities(filter, orderBy)</c>, with keyset cursors over the order.</summary>
internal static class EntityListing
{
    public static Page<Entity> List(GraphSnapshot graph, EntityFilter filter, EntityOrder order, PageRequest page)
    {
        var members = filter.Province is { } province ? graph.InProvince(province) : null;
        var (candidates, allMembers) = Candidates(graph, filter, members);
        if (allMembers)
        {
            members = null; // every candidate is a member: no need to look each up again
        }

        var words = filter.Text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var descending = order == EntityOrder.DateDescending;
        var rows = candidates
            .Where(e => Matches(graph, e, filter, members, words))
            .Select(e => (Sort: EntityOrdering.SortKey(e, order, filter.DateField), e.Key, Item: e))
            .ToList();
        Comparison<(string Sort, string Key, Entity Item)> compare = (a, b) => EntityOrdering.Compare(a.Sort, a.Key, b.Sort, b.Key, descending);
        if (!InOrder(rows, compare))
        {
            rows.Sort(compare);
        }
        return EntityOrdering.Slice(rows, page, descending);
    }

    /// <summary>Candidates often come in key order already (one kind, a province's members): one pass instead of a sort.</summary>
    private static bool InOrder<T>(List<T> rows, Comparison<T> compare)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (compare(rows[i - 1], rows[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The entities the filter can match, from the smallest source at hand: a province's members or the entities
    /// related to <c>relatedTo</c>'s key rather than every entity of the kinds (a province's cases scanned all cases:
    /// O(corpus) per request at 100k). A superset of the matches; <see cref="Matches"/> decides, so the answer is the same.
    /// </summary>
    private static (IEnumerable<Entity> Candidates, bool AllMembers) Candidates(GraphSnapshot graph, EntityFilter filter, IReadOnlySet<string>? members)
    {
        var kinds = filter.Kinds is { Count: > 0 } k ? k : null;
        var all = kinds is null ? graph.Entities.Count : kinds.Sum(kind => graph.OfKind(kind).Count);
        IEnumerable<Entity>? source = null;
        var (count, allMembers) = (all, false);
        if (members is not null && members.Count < count)
        {
            (source, count, allMembers) = (graph.InProvinceInKeyOrder(filter.Province!), members.Count, true);
        }

        if (filter.RelatedTo is { } related && graph.Find(related.Key) is not null && graph.EdgesOf(related.Key) is { } edges && edges.Count < count)
        {
            (source, allMembers) = (edges.Select(e => e.OtherKey).Distinct(StringComparer.Ordinal).Select(graph.Find).OfType<Entity>(), false);
        }

        return source is null
            ? (kinds is null ? graph.Entities : kinds.SelectMany(graph.OfKind), false)
            : (source.Where(e => kinds is null || kinds.Contains(e.Kind)), allMembers);
    }

    public static IReadOnlySet<string> ProvinceMembers(GraphSnapshot graph, string province)
    {
        // Places first: what is located in the province, then in those places (cities, zones, areas).
        var places = new HashSet<string>(StringComparer.Ordinal) { province };
        var frontier = new List<string> { province };
        for (var level = 0; level < 3 && frontier.Count > 0; level++)
        {
            frontier = [.. frontier
                .SelectMany(graph.Edges)
                .Where(e => e.Direction == RelationDirection.Incoming && e.Relation.Type is RelationType.LocatedIn or RelationType.PartOf)
                .Select(e => e.OtherKey)
                .Where(places.Add)];
        }

        // Then what applies, acts or is held in any of those places.
        var members = new HashSet<string>(places, StringComparer.Ordinal);
        foreach (var place in places)
        {
            members.UnionWith(graph.Edges(place)
                .Where(e => e.Direction == RelationDirection.Incoming && e.Relation.Type is RelationType.AppliesTo or RelationType.Involves or RelationType.HeldIn)
                .Select(e => e.OtherKey));
        }

        members.Remove(province);
        return members;
    }

    private static bool Matches(GraphSnapshot graph, Entity e, EntityFilter f, IReadOnlySet<string>? members, string[] words)
    {
        if ((f.Status is { Count: > 0 } status && (e.Status is null || !status.Contains(e.Status)))
            || (f.Level is { Count: > 0 } level && (e.Level is null || !level.Contains(e.Level)))
            || (f.Type is { Count: > 0 } type && (e.Category is null || !type.Contains(e.Category)))
            || (f.Theme is { Count: > 0 } theme && (e.Theme is null || !theme.Contains(e.Theme)))
            || (members is not null && !members.Contains(e.Key))
            || (f.ObservedEconomy is { } economy && e.Indicator?.Observations.Any(o => o.Economy == economy) != true))
        {
            return false;
        }

        if ((f.DateFrom is not null || f.DateTo is not null) && !Dates(e, f.DateField).Any(d =>
                (f.DateFrom is not { } from || d.End >= from.Start) && (f.DateTo is not { } to || d.Start <= to.End)))
        {
            return false;
        }

        if (f.RelatedTo is { } related && !graph.Edges(e.Key).Any(edge =>
                edge.OtherKey == related.Key
                && (related.Type is null || edge.Relation.Type == related.Type)
                && (related.Direction == RelationDirection.Both || edge.Direction == related.Direction)))
        {
            return false;
        }

        return words.Length == 0 || words.All(w => Haystack(e).Any(h => h.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<PartialDate> Dates(Entity e, string? field) =>
        e.Dates.Where(d => field is null || d.Name == field).Select(d => d.Date);

    private static IEnumerable<string> Haystack(Entity e)
    {
        yield return e.Name.Zh;
        yield return e.Name.En;
        foreach (var alias in e.Aliases)
        {
            yield return alias;
        }

        if (e.Summary is { } summary)
        {
            yield return summary.Zh;
            yield return summary.En;
        }

        yield return e.Narrative.Text;
    }
}
