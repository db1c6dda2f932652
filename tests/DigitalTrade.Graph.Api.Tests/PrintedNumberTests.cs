using System.Globalization;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>number beside every printed value: the printed text read exactly, null only where it is not a number.</summary>
public sealed class PrintedNumberTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    [Theory]
    [InlineData("7903", 7903.0)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("12,345,678", 12345678.0)]
    [InlineData("-3.2", -3.2)]
    [InlineData("\u22123.2", -3.2)]
    [InlineData("+0.5", 0.5)]
    [InlineData("17008.0", 17008.0)]
    [InlineData("0", 0.0)]
    [InlineData("—", null)]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("n/a", null)]
    [InlineData("1,23", null)]
    [InlineData("1234,567", null)]
    [InlineData(",123", null)]
    [InlineData("1.", null)]
    [InlineData(".5", null)]
    [InlineData("1e5", null)]
    [InlineData("NaN", null)]
    [InlineData("Infinity", null)]
    [InlineData("12%", null)]
    [InlineData("1.2万", null)]
    [InlineData(" 12", null)]
    [InlineData("12\n", null)]
    [InlineData("７９０３", null)]
    [InlineData("٣", null)]
    public void Printed_values_read_exactly(string printed, double? expected) =>
        Assert.Equal(expected, PrintedNumber.Parse(printed));

    [Fact]
    public void Long_text_is_not_a_number_and_is_not_scanned() =>
        Assert.Null(PrintedNumber.Parse(new string('1', 100_000)));

    [Fact]
    public async Task Every_shipped_figure_and_observation_has_its_number()
    {
        var figures = 0;
        string? after = null;
        do
        {
            var data = await api.QueryAsync("query($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { key figures { value number } } } }", new { after });
            foreach (var figure in data["entities"]!["nodes"]!.AsArray().SelectMany(n => n!["figures"]!.AsArray()))
            {
                Assert.Equal(Expected((string)figure!["value"]!), (double?)figure["number"]);
                figures++;
            }

            after = (bool)data["entities"]!["pageInfo"]!["hasNextPage"]! ? (string?)data["entities"]!["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        var tables = await api.QueryAsync("{ indicators(first: 100) { nodes { ... on Indicator { observations { value number } } } } }");
        var observations = tables["indicators"]!["nodes"]!.AsArray().SelectMany(n => n!["observations"]!.AsArray()).ToList();
        Assert.All(observations, o => Assert.Equal(Expected((string)o!["value"]!), (double?)o["number"]));

        // The report's figures and table cells as counted when the corpus was built: 587 figures, 643 printed cells.
        Assert.True(figures >= 587, $"{figures} figures");
        Assert.True(observations.Count >= 643, $"{observations.Count} observations");
    }

    /// <summary>The corpus only admits plain decimals, so every shipped value is a number: the decimal it prints.</summary>
    private static double? Expected(string printed) =>
        decimal.TryParse(printed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? double.Parse(printed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : null;
}
