using System.Globalization;

namespace DigitalTrade.Graph.Model.Queries;

/// <summary>
/// How <c>entities(orderBy)</c> orders and pages: a sort key per entity, compared ordinally, then the
/// entity key; cursors carry both. Shared by every store so cursors mean the same everywhere.
/// </summary>
public static class EntityOrdering
{
    /// <summary>Sorts after every ISO date, so undated entities come last.</summary>
    public const string Undated = "~";

    /// <param name="dates">Named dates as (name, first day in ISO yyyy-MM-dd).</param>
    public static string SortKey(EntityOrder order, string nameZh, string nameEn, IEnumerable<(string Name, string Start)> dates, string? dateField)
    {
        IEnumerable<string> Starts() => dates.Where(d => dateField is null || d.Name == dateField).Select(d => d.Start);
        return order switch
        {
            EntityOrder.NameZh => nameZh,
            EntityOrder.NameEn => nameEn.ToUpperInvariant(),
            EntityOrder.DateAscending => Starts().DefaultIfEmpty(Undated).Min(StringComparer.Ordinal)!,
            EntityOrder.DateDescending => Starts().DefaultIfEmpty(Undated).Max(StringComparer.Ordinal)!,
            _ => string.Empty,
        };
    }

    public static string SortKey(Entity entity, EntityOrder order, string? dateField) =>
        SortKey(order, entity.Name.Zh, entity.Name.En, entity.Dates.Select(d => (d.Name, Iso(d.Date.Start))), dateField);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>By sort key (latest first when descending, undated last either way), then by key.</summary>
    public static int Compare(string sortA, string keyA, string sortB, string keyB, bool descending)
    {
        var bySort = string.CompareOrdinal(sortA, sortB);
        if (descending && sortA != Undated && sortB != Undated)
        {
            bySort = -bySort;
        }

        return bySort != 0 ? bySort : string.CompareOrdinal(keyA, keyB);
    }

    public static string Cursor(string sort, string key) => Cursors.Encode("entity", sort + "\n" + key);

    public static (string Sort, string Key) ParseCursor(string cursor)
    {
        var position = Cursors.Decode("entity", cursor);
        var newline = position.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (string.Empty, position) : (position[..newline], position[(newline + 1)..]);
    }

    /// <summary>The page after the cursor of rows already in order.</summary>
    public static Page<T> Slice<T>(IReadOnlyList<(string Sort, string Key, T Item)> rows, PageRequest page, bool descending)
        where T : notnull
    {
        var start = 0;
        if (page.After is not null)
        {
            var (sort, key) = ParseCursor(page.After);
            start = rows.Count;
            for (var i = 0; i < rows.Count; i++)
            {
                if (Compare(rows[i].Sort, rows[i].Key, sort, key, descending) > 0)
                {
                    start = i;
                    break;
                }
            }
        }

        var items = rows.Skip(start).Take(page.First).Select(r => new PageItem<T>(r.Item, Cursor(r.Sort, r.Key))).ToList();
        return new Page<T>(items, rows.Count, start + items.Count < rows.Count, start > 0);
    }
}
