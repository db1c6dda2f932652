using System.Globalization;
using DigitalTrade.Graph.Model;
using YamlDotNet.RepresentationModel;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A printed table value with where it is written.</summary>
internal sealed record PrintedCell(string Value, Position At)
{
    public decimal Number => decimal.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Half a unit of the last printed digit: how far the unrounded value can be from the printed one.</summary>
    public decimal Slack
    {
        get
        {
            var dot = Value.IndexOf('.', StringComparison.Ordinal);
            var decimals = dot < 0 ? 0 : Value.Length - dot - 1;
            return 0.5m / (decimal)Math.Pow(10, decimals);
        }
    }
}

/// <summary>
/// The arithmetic a table's values should satisfy, declared in its <c>checks</c>: totals that are
/// sums, rates that are growth between periods, shares that are ratios. Where the printed values
/// cannot satisfy it even allowing for rounding, the report disagrees with itself: a DTG023
/// warning says where. The printed values stay as printed.
/// </summary>
internal sealed class IndicatorChecks(YamlFields yaml, string table, IReadOnlyDictionary<(string Period, string Economy), Dictionary<string, PrintedCell>> rows)
{
    public void Run(YamlNode checks, IReadOnlySet<string> series)
    {
        foreach (var item in yaml.Sequence(checks, "checks"))
        {
            if (yaml.Mapping(item, "checks") is not { } check)
            {
                continue;
            }

            var fields = yaml.Fields(check, "a check", f => f is "sum" or "equals" or "growth" or "of" or "ratio" or "part" or "whole",
                "sum + equals, growth + of, ratio + part + whole");
            string? Series(string field)
            {
                if (!fields.TryGetValue(field, out var node))
                {
                    yaml.Bag.Error(yaml.At(item), DiagnosticCodes.MissingField, $"this check needs '{field}'");
                    return null;
                }

                var id = yaml.Scalar(node.Value, field);
                if (id is not null && !series.Contains(id) && !decimal.TryParse(id, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    yaml.Bag.Error(yaml.At(node.Value), DiagnosticCodes.IndicatorTable, $"check refers to series '{id}', which the table does not define");
                    return null;
                }

                return id;
            }

            if (fields.TryGetValue("sum", out var sum))
            {
                var parts = yaml.ScalarList(sum.Value, "sum").Select(p => p.Value).ToList();
                if (Series("equals") is { } total && parts.All(series.Contains))
                {
                    CheckSums(parts, total);
                }
            }
            else if (fields.ContainsKey("growth"))
            {
                if (Series("growth") is { } rate && Series("of") is { } of)
                {
                    CheckGrowth(rate, of);
                }
            }
            else if (fields.ContainsKey("ratio"))
            {
                if (Series("ratio") is { } share && Series("part") is { } part && Series("whole") is { } whole)
                {
                    CheckRatio(share, part, whole);
                }
            }
            else
            {
                yaml.Bag.Error(yaml.At(item), DiagnosticCodes.IndicatorTable, "a check is one of: sum (with equals), growth (with of), ratio (with part and whole)");
            }
        }
    }

    private void CheckSums(List<string> parts, string total)
    {
        var constant = decimal.TryParse(total, NumberStyles.Float, CultureInfo.InvariantCulture, out var fixedTotal);
        foreach (var ((period, economy), cells) in rows)
        {
            if (!parts.All(cells.ContainsKey) || (!constant && !cells.ContainsKey(total)))
            {
                continue;
            }

            var sum = parts.Sum(p => cells[p].Number);
            var slack = parts.Sum(p => cells[p].Slack) + (constant ? 0 : cells[total].Slack);
            var expected = constant ? fixedTotal : cells[total].Number;
            if (Math.Abs(sum - expected) > slack)
            {
                var at = constant ? cells[parts[0]].At : cells[total].At;
                Warn(at, $"{economy} {period}: {string.Join(" + ", parts)} = {sum} but {(constant ? "the parts should add up to" : total + " prints")} {expected}");
            }
        }
    }

    private void CheckGrowth(string rate, string of)
    {
        foreach (var ((period, economy), cells) in rows)
        {
            if (!cells.TryGetValue(rate, out var printed) || Base(period) is not { } compared)
            {
                continue;
            }

            var (from, to) = compared;
            if (!rows.TryGetValue((from, economy), out var before) || !before.TryGetValue(of, out var start)
                || !rows.TryGetValue((to, economy), out var after) || !after.TryGetValue(of, out var end) || start.Number == 0)
            {
                continue;
            }

            var low = ((end.Number - end.Slack) / (start.Number + start.Slack) - 1) * 100 - printed.Slack;
            var high = ((end.Number + end.Slack) / (start.Number - start.Slack) - 1) * 100 + printed.Slack;
            if (printed.Number < low || printed.Number > high)
            {
                var actual = (end.Number / start.Number - 1) * 100;
                Warn(printed.At, $"{economy} {period}: {rate} prints {printed.Value} but {of} went from {start.Value} ({from}) to {end.Value} ({to}), a change of {actual:0.00}%");
            }
        }
    }

    private void CheckRatio(string share, string part, string whole)
    {
        foreach (var ((period, economy), cells) in rows)
        {
            if (!cells.TryGetValue(share, out var printed) || !cells.TryGetValue(part, out var p) || !cells.TryGetValue(whole, out var w) || w.Number == 0)
            {
                continue;
            }

            var low = (p.Number - p.Slack) / (w.Number + w.Slack) * 100 - printed.Slack;
            var high = (p.Number + p.Slack) / (w.Number - w.Slack) * 100 + printed.Slack;
            if (printed.Number < low || printed.Number > high)
            {
                Warn(printed.At, $"{economy} {period}: {share} prints {printed.Value} but {part} / {whole} = {p.Value} / {w.Value} = {p.Number / w.Number * 100:0.00}%");
            }
        }
    }

    /// <summary>The two periods a rate compares: the year before, or the two ends of a span (2020/2024).</summary>
    private static (string From, string To)? Base(string period)
    {
        var span = period.Split('/');
        if (span.Length == 2)
        {
            return (span[0], span[1]);
        }

        return period.Length == 4 && int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? ((year - 1).ToString(CultureInfo.InvariantCulture), period)
            : null;
    }

    private void Warn(Position at, string message) =>
        yaml.Bag.Warning(at, DiagnosticCodes.TableArithmetic, $"{table}: {message} (the report disagrees with itself; the printed value is kept)");
}
