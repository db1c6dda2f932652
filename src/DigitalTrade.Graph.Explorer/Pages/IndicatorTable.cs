using System.Globalization;
using System.Text;

namespace DigitalTrade.Graph.Explorer;

/// <summary>One printed value of a table, and the number the API reads in it (null for text such as "—").</summary>
internal sealed record Observation(string Series, string Period, string Economy, string Value, string Unit, double? Number);

internal sealed record Series(string Id, Bilingual Name, string Unit);

/// <summary>
/// A table in the report's own wide layout, for the page and the CSV download: with one economy, a row per
/// period and a column per series (or, when there are more series than periods, as 表2 prints it, a row per
/// series and a column per period); with several economies, a row per economy and a column per series and
/// period, in rank order where the table ranks them.
/// </summary>
internal sealed class IndicatorTable
{
    private IndicatorTable(string corner, IReadOnlyList<(Bilingual Group, string Unit, string Sub)> columns, IReadOnlyList<(Bilingual Header, string?[] Cells)> rows)
    {
        Corner = corner;
        Columns = columns;
        Rows = rows;
    }

    public string Corner { get; }

    /// <summary>Each column: its series (or period) name, unit and, for grouped headers, the period under it.</summary>
    public IReadOnlyList<(Bilingual Group, string Unit, string Sub)> Columns { get; }

    public IReadOnlyList<(Bilingual Header, string?[] Cells)> Rows { get; }

    public bool Grouped => Columns.Any(c => c.Sub.Length > 0);

    public static IndicatorTable Build(IReadOnlyList<Observation> observations, IReadOnlyList<Series> series, Func<string, Bilingual> economyName)
    {
        var present = series.Where(s => observations.Any(o => o.Series == s.Id)).ToList();
        var periods = observations.Select(o => o.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var economies = observations.Select(o => o.Economy).Distinct().ToList();
        var cells = observations.GroupBy(o => (o.Series, o.Period, o.Economy)).ToDictionary(g => g.Key, g => g.First());
        string? Value(string s, string p, string e) => cells.GetValueOrDefault((s, p, e))?.Value;
        double? Number(string s, string p, string e) => cells.GetValueOrDefault((s, p, e))?.Number;

        if (economies.Count <= 1)
        {
            var economy = economies.FirstOrDefault() ?? string.Empty;
            if (present.Count > periods.Count)
            {
                return new IndicatorTable(
                    economy.Length == 0 ? string.Empty : economyName(economy).ToString(),
                    [.. periods.Select(p => (new Bilingual(p, p), present.Select(s => s.Unit).Distinct().Count() == 1 ? present[0].Unit : string.Empty, string.Empty))],
                    [.. present.Select(s => (s.Name, periods.Select(p => Value(s.Id, p, economy)).ToArray()))]);
            }

            return new IndicatorTable(
                "年份 Year",
                [.. present.Select(s => (s.Name, s.Unit, string.Empty))],
                [.. periods.Select(p => (new Bilingual(p, p), present.Select(s => Value(s.Id, p, economy)).ToArray()))]);
        }

        var columns = present.SelectMany(s => periods.Where(p => economies.Any(e => Value(s.Id, p, e) is not null)).Select(p => (Series: s, Period: p))).ToList();
        var ordered = RankOrder(economies, present, periods, Number);
        return new IndicatorTable(
            "经济体 Economy",
            [.. columns.Select(c => (c.Series.Name, c.Series.Unit, c.Period))],
            [.. ordered.Select(e => (economyName(e), columns.Select(c => Value(c.Series.Id, c.Period, e)).ToArray()))]);
    }

    /// <summary>The table as CSV (UTF-8 with a byte order mark, so spreadsheet programs read the Chinese): the same rows and columns as the page.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("\uFEFF");
        Line(csv, [Corner, .. Columns.Select(c => string.Join(' ', new[] { c.Group.Zh, c.Group.En == c.Group.Zh ? null : c.Group.En, c.Unit.Length > 0 ? $"({c.Unit})" : null, c.Sub.Length > 0 ? c.Sub : null }.Where(p => p is not null)))]);
        foreach (var (header, cells) in Rows)
        {
            Line(csv, [header.Zh == header.En ? header.Zh : $"{header.Zh} {header.En}", .. cells.Select(c => c ?? string.Empty)]);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(c => c.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : c)).Append("\r\n");

    /// <summary>Where the table ranks economies (a rank series), by rank; otherwise by the first series' latest value, largest first.</summary>
    private static List<string> RankOrder(List<string> economies, List<Series> series, List<string> periods, Func<string, string, string, double?> number)
    {
        var rank = series.FirstOrDefault(s => s.Id == "rank");
        var first = series.FirstOrDefault(s => s.Id != "rank");
        double Order(string e) => rank is not null
            ? periods.Select(p => number(rank.Id, p, e)).FirstOrDefault(v => v is not null) ?? double.MaxValue
            : -(periods.AsEnumerable().Reverse().Select(p => number(first?.Id ?? string.Empty, p, e)).FirstOrDefault(v => v is not null) ?? double.MinValue);
        return [.. economies.OrderBy(Order).ThenBy(e => e, StringComparer.Ordinal)];
    }
}
