using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>A researcher's walk through the explorer in a real Chromium, asserting on what each page shows.</summary>
public sealed class ExplorerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SearchForDepaGroupsResultsByKindAndOpensIt()
    {
        var page = await browser.OpenAsync("/");
        await page.GetByLabel("Search the graph").FillAsync("DEPA");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/?q=DEPA");

        var groups = await page.Locator("section.kind-group h2").AllTextContentsAsync();
        Assert.Contains("Agreement", groups);
        Assert.Contains("Economy", groups);
        await BrowserFixture.ScreenshotAsync(page, "01-search-depa");

        await page.Locator("a[href='/entity/agreements/depa']").First.ClickAsync();
        await page.WaitForURLAsync("**/entity/agreements/depa");
        Assert.Equal("数字经济伙伴关系协定", await page.Locator("h1 [lang=zh]").TextContentAsync());
        Assert.Equal("Digital Economy Partnership Agreement", await page.Locator("p.subtitle[lang=en]").TextContentAsync());
        Assert.Contains("申请加入的经济体数量", await page.Locator("table").First.TextContentAsync());
        Assert.Contains("综述篇", await page.Locator("ul.sources").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "02-entity-depa");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DepaLeadsToAPartyAndOnToACase()
    {
        var page = await browser.OpenAsync("/entity/agreements/depa");
        var parties = page.Locator(".relation-group[data-type=PARTY_TO]");
        Assert.Contains("PARTY_TO", await parties.Locator("h3").TextContentAsync());
        await parties.Locator("a[href='/entity/economies/singapore']").ClickAsync();
        await page.WaitForURLAsync("**/entity/economies/singapore");
        Assert.Equal("新加坡", await page.Locator("h1 [lang=zh]").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "03-party-singapore");

        var caseLink = page.Locator(".relation-group[data-type=INVOLVES] a[href^='/entity/cases/']").First;
        var href = await caseLink.GetAttributeAsync("href");
        await caseLink.ClickAsync();
        await page.WaitForURLAsync("**" + href);
        Assert.Contains("Case", await page.Locator("p.kind").TextContentAsync());
        Assert.NotEmpty((await page.Locator("h1").TextContentAsync())!.Trim());

        // The case names Singapore among the entities it involves.
        Assert.Equal(1, await page.Locator(".relation-group[data-type=INVOLVES] a[href='/entity/economies/singapore']").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "04-case");
        await page.CloseAsync();
    }

    [Fact]
    public async Task NeighbourhoodIsDrawnAndFilterable()
    {
        var page = await browser.OpenAsync("/entity/agreements/depa");
        var picture = page.Locator("#neighbourhood svg.graph");
        await Assertions.Expect(picture).ToBeVisibleAsync();
        var oneHop = await picture.Locator("a.node").CountAsync();
        Assert.True(oneHop > 10, $"{oneHop} nodes one hop out");
        Assert.Equal(1, await picture.Locator("a.node[href='/entity/economies/singapore']").CountAsync());
        Assert.Contains("Agreement", await picture.Locator("a.node[href='/entity/agreements/depa'] title").TextContentAsync());

        await page.Locator("#neighbourhood select[name=depth]").SelectOptionAsync("2");
        await page.Locator("#neighbourhood button").ClickAsync();
        await page.WaitForURLAsync("**depth=2**");
        var twoHops = await page.Locator("#neighbourhood svg.graph a.node").CountAsync();
        Assert.True(twoHops > oneHop, $"{twoHops} nodes two hops out, {oneHop} one hop out");
        await BrowserFixture.ScreenshotAsync(page, "05-neighbourhood-depa-2");

        await page.Locator("#neighbourhood select[name=depth]").SelectOptionAsync("1");
        await page.Locator("#neighbourhood select[name=kind]").SelectOptionAsync("ECONOMY");
        await page.Locator("#neighbourhood button").ClickAsync();
        await page.WaitForURLAsync("**kind=ECONOMY**");
        var kinds = await page.Locator("#neighbourhood svg.graph a.node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.kind)");
        Assert.All(kinds.Skip(1), kind => Assert.Equal("ECONOMY", kind));

        // Nodes are links: following one opens that entity.
        await page.Locator("#neighbourhood svg.graph a.node[href='/entity/economies/chile']").ClickAsync();
        await page.WaitForURLAsync("**/entity/economies/chile");
        Assert.Equal("智利", await page.Locator("h1 [lang=zh]").TextContentAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task PathFinderShowsPathsAsPicturesAndLists()
    {
        var page = await browser.OpenAsync("/paths");
        await page.GetByLabel("From").FillAsync("cases/hainan-data-processing-trade");
        await page.GetByLabel("To").FillAsync("agreements/depa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find paths" }).ClickAsync();
        await page.WaitForURLAsync("**/paths?from=**");

        var paths = page.Locator("section.path");
        Assert.InRange(await paths.CountAsync(), 1, 3);
        await Assertions.Expect(paths.First.Locator("svg.graph")).ToBeVisibleAsync();
        var steps = paths.First.Locator("ol.path-list > li");
        Assert.Contains("/entity/cases/hainan-data-processing-trade", await steps.First.Locator("a").GetAttributeAsync("href"));
        Assert.Equal("/entity/agreements/depa", await steps.Last.Locator("a").GetAttributeAsync("href"));
        await BrowserFixture.ScreenshotAsync(page, "06-paths");
        await page.CloseAsync();
    }

    [Fact]
    public async Task IndicatorChartShowsExactValuesOnHoverAndAsATable()
    {
        var page = await browser.OpenAsync("/indicators");
        await page.Locator("a[href='/indicators/table-06-china-digitally-deliverable-services']").ClickAsync();
        await page.WaitForURLAsync("**/indicators/table-06-china-digitally-deliverable-services");
        await Assertions.Expect(page.Locator("svg.chart-svg").First).ToBeVisibleAsync();

        // Every drawn mark's hover title carries the value exactly as the table prints it.
        var titles = await page.Locator("svg.chart-svg .mark title").AllTextContentsAsync();
        var cells = await page.Locator("table.observations td.num").AllTextContentsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(cells, value => title.Contains(": " + value + " ", StringComparison.Ordinal)));
        await BrowserFixture.ScreenshotAsync(page, "07-chart-bars");

        await page.Locator("select[name=chart]").SelectOptionAsync("line");
        await page.Locator("input[name=from]").FillAsync("2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**chart=line**");
        Assert.True(await page.Locator("svg.chart-svg polyline").CountAsync() > 0);
        var periods = await page.Locator("table.observations tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(periods);
        Assert.All(periods, p => Assert.True(int.Parse(p.AsSpan(0, 4), CultureInfo.InvariantCulture) >= 2020, p));
        await BrowserFixture.ScreenshotAsync(page, "08-chart-lines");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ConsoleRunsAnExampleQuery()
    {
        var page = await browser.OpenAsync("/console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run (Ctrl+Enter)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("数字经济伙伴关系协定");
        using var json = JsonDocument.Parse((await page.Locator("#result").TextContentAsync())!);
        Assert.Equal("in_force", json.RootElement.GetProperty("data").GetProperty("entity").GetProperty("status").GetString());
        await BrowserFixture.ScreenshotAsync(page, "09-console");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DiagnosticsShowTheLastLoad()
    {
        var page = await browser.OpenAsync("/diagnostics");
        Assert.Contains("succeeded", await page.Locator("p.load").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "10-diagnostics");
        await page.CloseAsync();
    }

    [Fact]
    public async Task EntityPageIsLightAndRendersQuickly()
    {
        var page = await browser.OpenAsync("/entity/agreements/depa");
        // First contentful paint as the browser reports it; the observer also sees entries buffered before it was created.
        var timing = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const firstPaint = await new Promise(resolve => {
                new PerformanceObserver(list => {
                  const fcp = list.getEntriesByName("first-contentful-paint")[0];
                  if (fcp) resolve(fcp.startTime);
                }).observe({ type: "paint", buffered: true });
                setTimeout(() => resolve(-1), 3000);
              });
              const nav = performance.getEntriesByType("navigation")[0];
              const assets = performance.getEntriesByType("resource").reduce((sum, r) => sum + r.decodedBodySize, 0);
              return { html: nav.decodedBodySize, assets, responseEnd: nav.responseEnd, firstPaint, domContentLoaded: nav.domContentLoadedEventEnd };
            }
            """);
        var html = timing.GetProperty("html").GetDouble();
        var assets = timing.GetProperty("assets").GetDouble();
        var firstPaint = timing.GetProperty("firstPaint").GetDouble();
        var report = string.Create(CultureInfo.InvariantCulture, $"entity agreements/depa: html {html} B, css+js {assets} B, total {html + assets} B; response end {timing.GetProperty("responseEnd").GetDouble():0} ms, first contentful paint {firstPaint:0} ms, DOMContentLoaded {timing.GetProperty("domContentLoaded").GetDouble():0} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.Screenshots, "..", "explorer-page-metrics.txt"), report + Environment.NewLine, TestContext.Current.CancellationToken);

        // Generous bounds: a regression to a heavy page or many round trips shows, a slow CI machine does not fail.
        Assert.InRange(html + assets, 1, 200_000);
        Assert.InRange(firstPaint, 0, 5_000);
        await page.CloseAsync();
    }
}
