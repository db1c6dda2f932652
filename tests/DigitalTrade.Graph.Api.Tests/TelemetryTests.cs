using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 11 item 5: a client's operation name became a metric label (100 requests with 60 KB names
/// grew /metrics to 114 MB). Labels now come only from validated documents, truncated, the first
/// <c>GraphQL:MaxOperationLabels</c> distinct ones, then <c>(other)</c>.
/// </summary>
public sealed partial class TelemetryTests
{
    [GeneratedRegex("operation=\"([^\"]*)\"")]
    private static partial Regex OperationLabel();

    [Fact]
    public async Task A_thousand_random_operation_names_leave_metrics_small()
    {
        await using var api = new GraphApiFactory();
        using var client = api.CreateClient();
        var random = new Random(11);
        string Name(int length) => "N" + new string([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))]);

        for (var i = 0; i < 1000; i++)
        {
            var name = Name(1000);
            // Half name an operation the document has (validated: a label, until the cap), half one it does not (never a label).
            var (query, operationName) = i % 2 == 0 ? ($"query {name} {{ __typename }}", name) : ("query Q { __typename }", name);
            using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query, operationName }), System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        }

        var metrics = string.Empty;
        for (var attempt = 0; attempt < 50 && !metrics.Contains("graphql_requests", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        }

        var labels = OperationLabel().Matches(metrics).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(metrics.Length < 2_000_000, $"/metrics is {metrics.Length} bytes");
        // Hosts of other test classes in this process publish to the same meter name (a `query Neighborhood` among them):
        // count only this test's names, which are 1,001 characters and so always cut to 64 and an ellipsis.
        var names = labels.Count(l => l.Length == 65 && l.StartsWith('N') && l.EndsWith('…'));
        Assert.True(names <= 100, $"{names} operation labels from client names");
        Assert.Contains("(other)", labels);
        Assert.Contains("(unknown)", labels);
        Assert.All(labels, l => Assert.True(l.Length <= 70, l));
    }
}
