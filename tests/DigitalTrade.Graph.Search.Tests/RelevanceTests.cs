using System.Globalization;
using System.Text;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>
/// Search quality on the judged queries of judgements.yaml: precision of the first ten, the reciprocal
/// rank of the entity that should come first, and how far the match set exceeds the relevant set.
/// </summary>
public sealed class RelevanceTests(ShippedIndex shipped, ITestOutputHelper output) : IClassFixture<ShippedIndex>
{
    [Fact]
    public void The_judged_queries_find_what_is_relevant_first_and_count_only_real_matches()
    {
        var judgements = Judgements.Load();
        var rows = judgements.Select(Measure).ToList();
        var report = Describe(rows);
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults"));
        File.WriteAllText(Path.Combine(RepositoryRoot.Path, "TestResults", "search-relevance.md"), report);

        Assert.True(judgements.Count >= 40, $"only {judgements.Count} judged queries");
        Assert.All(rows, r => Assert.True(r.Relevant > 0, $"'{r.Query}': the rule finds no relevant entity; fix the judgement"));
    }

    private Row Measure(Judgement judgement)
    {
        var relevant = judgement.RelevantKeys(shipped.Snapshot);
        var (keys, total) = shipped.All(judgement.Query);
        var first = keys.Take(10).Count(relevant.Contains);
        var rank = keys.ToList().FindIndex(judgement.Top.Contains);
        return new Row(
            judgement.Query,
            relevant.Count,
            total,
            (double)first / Math.Min(10, relevant.Count),
            rank < 0 ? 0 : 1.0 / (rank + 1),
            (double)total / relevant.Count,
            (double)keys.Count(relevant.Contains) / relevant.Count);
    }

    private static string Describe(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| query | relevant | totalCount | P@10 | RR | inflation | recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Query} | {r.Relevant} | {r.Total} | {r.PrecisionAt10:0.00} | {r.ReciprocalRank:0.00} | {r.Inflation:0.00} | {r.Recall:0.00} |");
        }

        var inflation = rows.Select(r => r.Inflation).Order().ToList();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"\n{rows.Count} queries: mean P@10 {rows.Average(r => r.PrecisionAt10):0.000}, MRR {rows.Average(r => r.ReciprocalRank):0.000}, " +
            $"inflation median {inflation[inflation.Count / 2]:0.00} mean {inflation.Average():0.00} max {inflation[^1]:0.00}, mean recall {rows.Average(r => r.Recall):0.000}");
        return text.ToString();
    }

    private sealed record Row(string Query, int Relevant, int Total, double PrecisionAt10, double ReciprocalRank, double Inflation, double Recall);
}
