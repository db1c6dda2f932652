namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 item 7: the three layouts of the report's tables, and their CSV.</summary>
public sealed class IndicatorTableTests
{
    private static Bilingual Name(string key) => new(key.ToUpperInvariant(), key);

    [Fact]
    public void OneEconomyOverTimeIsARowPerYear()
    {
        Series[] series = [new("exports", new("出口额", "Exports"), "亿美元"), new("exports_yoy", new("出口同比", "Exports, yoy"), "%")];
        Observation[] observations = [new("exports", "2023", "china", "2190.4", "亿美元", 2190.4), new("exports", "2024", "china", "2327.1", "亿美元", 2327.1), new("exports_yoy", "2024", "china", "6.3", "%", 6.3)];
        var table = IndicatorTable.Build(observations, series, Name);
        Assert.Equal(["2023", "2024"], table.Rows.Select(r => r.Header.En));
        Assert.Equal(new string?[] { "2327.1", "6.3" }, table.Rows[1].Cells);
        Assert.Equal(new string?[] { "2190.4", null }, table.Rows[0].Cells);
        Assert.False(table.Grouped);
        Assert.Equal("\uFEFF年份 Year,出口额 Exports (亿美元),\"出口同比 Exports, yoy (%)\"\r\n2023,2190.4,\r\n2024,2327.1,6.3\r\n", table.ToCsv());
    }

    [Fact]
    public void MoreSeriesThanPeriodsIsARowPerSeriesAsTable2Prints()
    {
        Series[] series = [new("a", new("甲", "A"), "%"), new("b", new("乙", "B"), "%"), new("c", new("丙", "C"), "%")];
        Observation[] observations = [new("a", "2015", "world", "1", "%", 1), new("b", "2015", "world", "2", "%", 2), new("c", "2015", "world", "3", "%", 3), new("a", "2024", "world", "4", "%", 4)];
        var table = IndicatorTable.Build(observations, series, Name);
        Assert.Equal(["A", "B", "C"], table.Rows.Select(r => r.Header.En));
        Assert.Equal(["2015", "2024"], table.Columns.Select(c => c.Group.En));
        Assert.Equal(new string?[] { "1", "4" }, table.Rows[0].Cells);
    }

    [Fact]
    public void SeveralEconomiesAreRowsInRankOrderWithAColumnPerSeriesAndYear()
    {
        Series[] series = [new("exports", new("出口额", "Exports"), "亿美元"), new("rank", new("排名", "Rank"), "位")];
        Observation[] observations =
        [
            new("exports", "2023", "b", "10", "亿美元", 10), new("exports", "2024", "b", "11", "亿美元", 11), new("rank", "2024", "b", "2", "位", 2),
            new("exports", "2023", "a", "20", "亿美元", 20), new("exports", "2024", "a", "5", "亿美元", 5), new("rank", "2024", "a", "1", "位", 1),
        ];
        var table = IndicatorTable.Build(observations, series, Name);
        Assert.True(table.Grouped);
        Assert.Equal(["a", "b"], table.Rows.Select(r => r.Header.En));
        Assert.Equal(["2023", "2024", "2024"], table.Columns.Select(c => c.Sub));
        Assert.Equal(new string?[] { "20", "5", "1" }, table.Rows[0].Cells);
    }

    [Fact]
    public void WithoutARankTheLatestValueOrdersTheRows()
    {
        Series[] series = [new("exports", new("出口", "Exports"), "亿美元")];
        Observation[] observations = [new("exports", "2024", "small", "1", "亿美元", 1), new("exports", "2024", "large", "1,000.5", "亿美元", 1000.5), new("exports", "2024", "none", "—", "亿美元", null)];
        var table = IndicatorTable.Build(observations, series, Name);
        Assert.Equal(["large", "small", "none"], table.Rows.Select(r => r.Header.En));
    }
}
