using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 item 2: the interactive graph (Cytoscape.js + fCoSE) on entity pages and full screen.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class GraphTests(BrowserFixture browser)
{
    private const string Cy = "document.querySelector('.graph-canvas').cy";

    private static Task<int> VisibleNodes(IPage page) => page.EvaluateAsync<int>($"() => {Cy}.nodes().filter(n => !n.hasClass('hidden')).length");

    private static async Task WaitForGraph(IPage page)
    {
        await Assertions.Expect(page.Locator(".graph-tools")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync($"() => {Cy} && {Cy}.nodes().length > 0");
    }

    [Fact]
    public async Task EntityPageDrawsTheGraphNearTheTopAndExpandsAClickedNode()
    {
        await using var explorer = await browser.OpenAsync("/entity/agreements/depa");
        var page = explorer.Page;
        await WaitForGraph(page);

        // Near the top: above the relation lists and the narrative.
        var graphTop = (await page.Locator("#graph").BoundingBoxAsync())!.Y;
        Assert.True(graphTop < (await page.Locator("section.relations").BoundingBoxAsync())!.Y);
        Assert.True(graphTop < 900, $"the graph starts {graphTop} px down");

        var before = await VisibleNodes(page);
        Assert.True(before > 10, $"{before} nodes drawn");

        // Narrative mentions start hidden; their checkbox is off.
        Assert.False(await page.Locator("[data-filter=type] input[value=MENTIONS]").IsCheckedAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>($"() => {Cy}.edges('[type = \"MENTIONS\"]').filter(e => !e.hasClass('hidden')).length"));

        // Click Singapore to select it, then expand it: its neighbourhood joins the picture (one /graphql request from
        // the browser). Double-click does the same, but two clicks 300 ms apart are not certain on a loaded test machine.
        await page.Locator(".graph-canvas").ScrollIntoViewIfNeededAsync();

        // Two frames: the scroll event reaches Cytoscape, which then maps clicks with the canvas's new place on the page.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        var point = await page.EvaluateAsync<double[]>($$"""
            () => { const cy = {{Cy}}; const n = cy.getElementById("economies/singapore"); const p = n.renderedPosition(); const r = cy.container().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }
            """);
        var request = page.WaitForRequestAsync(r => r.Url.EndsWith("/graphql", StringComparison.Ordinal) && r.Method == "POST", new() { Timeout = 10_000 });
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await Assertions.Expect(page.Locator(".graph-selection")).ToContainTextAsync("Singapore");
        await page.GetByRole(AriaRole.Button, new() { Name = "Expand selected" }).ClickAsync();
        await request;
        await page.WaitForFunctionAsync($"() => {Cy}.getElementById('economies/singapore').hasClass('expanded')", null, new() { Timeout = 10_000 });
        var after = await VisibleNodes(page);
        Assert.True(after > before, $"{after} nodes after expanding Singapore, {before} before");
        await Assertions.Expect(page.Locator(".graph-selection")).ToContainTextAsync("新加坡");
        await BrowserFixture.ScreenshotAsync(page, "03-entity-depa-graph-expanded", fullPage: false);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task FiltersByKindAndRelationAndSwitchesLabelLanguage()
    {
        await using var explorer = await browser.OpenAsync("/entity/agreements/depa");
        var page = explorer.Page;
        await WaitForGraph(page);
        var economies = $"() => {Cy}.nodes('[kind = \"ECONOMY\"]').filter(n => !n.hasClass('hidden')).length";
        Assert.True(await page.EvaluateAsync<int>(economies) > 5);

        await page.Locator("[data-filter=kind] input[value=ECONOMY]").UncheckAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(economies));
        await page.Locator("[data-filter=kind] input[value=ECONOMY]").CheckAsync();

        // Turning off "party to" hides those edges; turning on mentions shows the dashed ones.
        await page.Locator("[data-filter=type] input[value=PARTY_TO]").UncheckAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>($"() => {Cy}.edges('[type = \"PARTY_TO\"]').filter(e => !e.hasClass('hidden')).length"));
        await page.Locator("[data-filter=type] input[value=MENTIONS]").CheckAsync();
        Assert.True(await page.EvaluateAsync<int>($"() => {Cy}.edges('[type = \"MENTIONS\"]').filter(e => !e.hasClass('hidden')).length") > 0);

        // Labels: Chinese by default, English on request (and remembered).
        Assert.Equal("数字经济伙伴关系协定", await page.EvaluateAsync<string>($"() => {Cy}.getElementById('agreements/depa').style('label')"));
        await page.Locator("input[name=graph-lang][value=en]").CheckAsync();
        Assert.Equal("Digital Economy Partnership Agreement", await page.EvaluateAsync<string>($"() => {Cy}.getElementById('agreements/depa').style('label')"));
        await page.Locator("input[name=graph-lang][value=zh]").CheckAsync();

        // The legend names kinds and relations in words, never codes.
        var legend = await page.Locator(".graph-tools").InnerTextAsync();
        Assert.Contains("缔约", legend, StringComparison.Ordinal);
        Assert.Contains("Economy", legend, StringComparison.Ordinal);
        Assert.DoesNotContain("PARTY_TO", legend, StringComparison.Ordinal);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task KeyboardMovesTheSelectionAndExpands()
    {
        await using var explorer = await browser.OpenAsync("/entity/agreements/depa");
        var page = explorer.Page;
        await WaitForGraph(page);

        // Focus the graph from the keyboard: the center is selected first.
        await page.Locator(".graph-canvas").FocusAsync();
        Assert.Equal("agreements/depa", await page.EvaluateAsync<string>($"() => {Cy}.$('node:selected').id()"));
        await page.Keyboard.PressAsync("ArrowRight");
        var selected = await page.EvaluateAsync<string>($"() => {Cy}.$('node:selected').id()");
        Assert.NotEqual("agreements/depa", selected);
        await Assertions.Expect(page.Locator(".graph-selection")).ToContainTextAsync("open page");

        var before = await page.EvaluateAsync<int>($"() => {Cy}.nodes().length");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"key => {Cy}.getElementById(key).hasClass('expanded')", selected);
        Assert.True(await page.EvaluateAsync<int>($"() => {Cy}.nodes().length") >= before);

        var zoom = await page.EvaluateAsync<double>($"() => {Cy}.zoom()");
        await page.Keyboard.PressAsync("+");
        Assert.True(await page.EvaluateAsync<double>($"() => {Cy}.zoom()") > zoom);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task FullScreenViewStartsFromAnEntityOrAPath()
    {
        await using var explorer = await browser.OpenAsync("/entity/agreements/depa");
        var page = explorer.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Full screen" }).ClickAsync();
        await page.WaitForURLAsync("**/graph?key=agreements%2Fdepa");
        await WaitForGraph(page);
        Assert.True((await page.Locator(".graph-canvas").BoundingBoxAsync())!.Height > 500);
        Assert.True(await VisibleNodes(page) > 10);

        await page.GotoAsync("/graph?from=cases/hainan-data-processing-trade&to=agreements/depa");
        await WaitForGraph(page);
        var keys = await page.EvaluateAsync<string[]>($"() => {Cy}.nodes().map(n => n.id())");
        Assert.Contains("cases/hainan-data-processing-trade", keys);
        Assert.Contains("agreements/depa", keys);
        await explorer.AssertCleanAsync();
    }
}
