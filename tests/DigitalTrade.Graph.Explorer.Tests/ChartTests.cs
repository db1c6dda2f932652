using System.Text;
using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 item 7: charts a reader of the report recognises, tables in the report's layout, CSV downloads.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class ChartTests(BrowserFixture browser)
{
    [Fact]
    public async Task Table6ReadsLikeTheReport()
    {
        await using var explorer = await browser.OpenAsync("/indicators");
        var page = explorer.Page;
        await page.Locator("a[href='/indicators/table-06-china-digitally-deliverable-services']").ClickAsync();
        await page.WaitForURLAsync("**/indicators/table-06-china-digitally-deliverable-services");

        // Wide layout: a row per year, a column per series named as printed (with its unit), no series ids.
        var headers = await page.Locator("table.observations thead th").AllInnerTextsAsync();
        Assert.Contains(headers, h => h.Contains("出口额", StringComparison.Ordinal) && h.Contains("亿美元", StringComparison.Ordinal));
        Assert.DoesNotContain(headers, h => h.Contains("exports_yoy", StringComparison.Ordinal));
        var years = await page.Locator("table.observations tbody th").AllInnerTextsAsync();
        Assert.Equal(Enumerable.Range(2016, 9).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), years);
        var row2024 = await page.Locator("table.observations tbody tr", new() { HasText = "2024" }).Locator("td").AllInnerTextsAsync();
        Assert.Contains("2327.1", row2024);

        // Charts: economy names in the legend, the unit on the axis, every mark's printed value in its hover title and in the table.
        var exports = page.Locator("section.chart", new() { HasText = "Exports" }).First;
        Assert.Contains("中国", await exports.Locator("ul.legend").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("economies/", await exports.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(exports.Locator("svg text.unit")).ToHaveTextAsync("亿美元");
        var cells = (await page.Locator("table.observations td").AllInnerTextsAsync()).ToHashSet();
        var titles = await page.Locator("svg.chart-svg .mark title").AllTextContentsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains(t.Split(": ")[1].Split(' ')[0], cells));
        await page.Locator("svg.chart-svg .mark").First.HoverAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-chart-table-06");

        // CSV: the same table, UTF-8 with a byte order mark.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Equal("table-06-china-digitally-deliverable-services.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("2024,4067.2,5.4,2327.1,6.3,1740,4.3", lines[^1], StringComparison.Ordinal);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task RankedTablesListEconomiesInRankOrderUnderGroupedHeaders()
    {
        await using var explorer = await browser.OpenAsync("/indicators/table-03-top-10-exporters");
        var page = explorer.Page;
        var rows = await page.Locator("table.observations tbody th").AllInnerTextsAsync();
        Assert.Equal(10, rows.Count);
        Assert.Contains("United States", rows[0], StringComparison.Ordinal);
        Assert.Contains("Luxembourg", rows[^1], StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("table.observations thead tr").CountAsync());
        await Assertions.Expect(page.Locator("table.observations thead th[colspan]").First).ToContainTextAsync("Exports");

        // Lines with a year range: only those years are drawn and tabled.
        await page.Locator("select[name=chart]").SelectOptionAsync("line");
        await page.Locator("input[name=from]").FillAsync("2022");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**chart=line**");
        Assert.True(await page.Locator("svg.chart-svg polyline").CountAsync() > 0);
        var periods = await page.Locator("table.observations thead tr").Nth(1).Locator("th").AllInnerTextsAsync();
        Assert.All(periods, p => Assert.True(string.CompareOrdinal(p, "2022") >= 0, p));
        await explorer.AssertCleanAsync();
    }
}
