using System.Text;

namespace DigitalTrade.Graph.Model;

/// <summary>
/// A query the graph cannot answer as asked: a bad cursor, a page size out of range, a key that names
/// nothing. <see cref="Suggestions"/> are keys the caller may have meant, for clients to offer.
/// </summary>
public sealed class GraphQueryException(string code, string message, IReadOnlyList<string>? suggestions = null) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<string> Suggestions { get; } = suggestions ?? [];
}

/// <summary>Forward pagination as Relay defines it.</summary>
public sealed record PageRequest(int First, string? After)
{
    public const int MaxPageSize = 100;

    public static PageRequest Create(int? first, string? after, int maxPageSize = MaxPageSize)
    {
        var size = first ?? 20;
        if (size < 0 || size > maxPageSize)
        {
            throw new GraphQueryException("INVALID_PAGE_SIZE", $"'first' must be between 0 and {maxPageSize}, got {size}.");
        }

        return new PageRequest(size, after);
    }
}

public sealed record PageItem<T>(T Node, string Cursor);

public sealed record Page<T>(IReadOnlyList<PageItem<T>> Items, int TotalCount, bool HasNextPage, bool HasPreviousPage)
{
    public static readonly Page<T> Empty = new([], 0, false, false);
}

/// <summary>
/// Opaque keyset cursors. A cursor names the position after which the next page starts,
/// so it stays meaningful when a new snapshot is swapped in between two pages.
/// </summary>
public static class Cursors
{
    public static string Encode(string kind, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}:{position}"));

    public static string Decode(string kind, string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(kind + ":", StringComparison.Ordinal))
            {
                return text[(kind.Length + 1)..];
            }
        }
        catch (FormatException)
        {
        }

        throw new GraphQueryException("INVALID_CURSOR", $"'{cursor}' is not a cursor of this connection.");
    }
}
