using System.Globalization;

namespace DigitalTrade.Graph.Model.Queries;

/// <summary>Filters and orders entities for <c>entities(filter, orderBy)</c>, with keyset cursors over the order.</summary>
internal static class EntityListing
{
    /// <summary>Sorts after every ISO date, so undated entities come last.</summary>
    private const string Undated = "~";

    public static Page<Entity> List(GraphSnapshot graph, EntityFilter filter, EntityOrder order, PageRequest page)
    {
        var candidates = filter.Kinds is { Count: > 0 } kinds ? kinds.SelectMany(graph.OfKind) : graph.Entities;
        var members = filter.Province is { } province ? graph.InProvince(province) : null;
        var words = filter.Text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var descending = order == EntityOrder.DateDescending;
        var rows = candidates
            .Where(e => Matches(graph, e, filter, members, words))
            .Select(e => (Sort: SortKey(e, order, filter.DateField), Entity: e))
            .ToList();
        rows.Sort((a, b) => Compare(a.Sort, a.Entity.Key, b.Sort, b.Entity.Key, descending));

        var start = 0;
        if (page.After is not null)
        {
            var (sort, key) = ParseCursor(Cursors.Decode("entity", page.After));
            start = rows.FindIndex(r => Compare(r.Sort, r.Entity.Key, sort, key, descending) > 0);
            if (start < 0)
            {
                start = rows.Count;
            }
        }

        var items = rows.Skip(start).Take(page.First)
            .Select(r => new PageItem<Entity>(r.Entity, Cursors.Encode("entity", r.Sort + "\n" + r.Entity.Key)))
            .ToList();
        return new Page<Entity>(items, rows.Count, start + items.Count < rows.Count, start > 0);
    }

    public static IReadOnlySet<string> ProvinceMembers(GraphSnapshot graph, string province)
    {
        // Places first: what is located in the province, then in those places (cities, zones, areas).
        var places = new HashSet<string>(StringComparer.Ordinal) { province };
        var frontier = new List<string> { province };
        for (var level = 0; level < 3 && frontier.Count > 0; level++)
        {
            frontier = [.. frontier
                .SelectMany(graph.EdgesOf)
                .Where(e => e.Direction == RelationDirection.Incoming && e.Relation.Type is RelationType.LocatedIn or RelationType.PartOf)
                .Select(e => e.OtherKey)
                .Where(places.Add)];
        }

        // Then what applies or acts in any of those places.
        var members = new HashSet<string>(places, StringComparer.Ordinal);
        foreach (var place in places)
        {
            members.UnionWith(graph.EdgesOf(place)
                .Where(e => e.Direction == RelationDirection.Incoming && e.Relation.Type is RelationType.AppliesTo or RelationType.Involves)
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

        if (f.RelatedTo is { } related && !graph.EdgesOf(e.Key).Any(edge =>
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

    private static string SortKey(Entity e, EntityOrder order, string? dateField) => order switch
    {
        EntityOrder.NameZh => e.Name.Zh,
        EntityOrder.NameEn => e.Name.En.ToUpperInvariant(),
        EntityOrder.DateAscending => Dates(e, dateField).Select(d => d.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).DefaultIfEmpty(Undated).Min(StringComparer.Ordinal)!,
        EntityOrder.DateDescending => Dates(e, dateField).Select(d => d.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).DefaultIfEmpty(Undated).Max(StringComparer.Ordinal)!,
        _ => string.Empty,
    };

    /// <summary>By sort key (latest first when descending, undated last either way), then by key.</summary>
    private static int Compare(string sortA, string keyA, string sortB, string keyB, bool descending)
    {
        var bySort = string.CompareOrdinal(sortA, sortB);
        if (descending && sortA != Undated && sortB != Undated)
        {
            bySort = -bySort;
        }

        return bySort != 0 ? bySort : string.CompareOrdinal(keyA, keyB);
    }

    private static (string Sort, string Key) ParseCursor(string position)
    {
        var newline = position.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (string.Empty, position) : (position[..newline], position[(newline + 1)..]);
    }
}
