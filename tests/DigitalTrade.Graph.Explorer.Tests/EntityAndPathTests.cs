using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 items 5 and 6: entity pages that read like Wikidata, and paths by name.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class EntityAndPathTests(BrowserFixture browser)
{
    [Fact]
    public async Task EntityPageGroupsRelationsUnderHumanLabelsWithoutRepeats()
    {
        await using var explorer = await browser.OpenAsync("/entity/agreements/depa");
        var page = explorer.Page;
        Assert.Equal("数字经济伙伴关系协定", await page.Locator("h1 [lang=zh]").TextContentAsync());

        // Bilingual, human group labels: an agreement's incoming PARTY_TO are its parties.
        var parties = page.Locator(".relation-group[data-type=PARTY_TO][data-direction=in]");
        var heading = await parties.Locator("h3").InnerTextAsync();
        Assert.Contains("缔约方", heading, StringComparison.Ordinal);
        Assert.Contains("Parties", heading, StringComparison.Ordinal);
        Assert.Contains("申请加入方", await page.Locator(".relation-group[data-type=APPLIED_TO][data-direction=in] h3").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("PARTY_TO", await page.Locator("section.relations").InnerTextAsync(), StringComparison.Ordinal);

        // Every entity appears once across the relation lists: Canada (an applicant, also mentioned) is not repeated.
        var linked = await page.Locator("section.relations a[href^='/entity/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Single(linked, href => href == "/entity/economies/canada");
        var typedTargets = await page.Locator("section.relations > .relation-group a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var mentioned = await page.Locator(".mention-groups a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Empty(typedTargets.Intersect(mentioned));

        // Each figure with its period and source.
        Assert.Equal(["Figure", "Value", "Period", "Source"], await page.Locator("table.figures thead th").AllInnerTextsAsync());
        Assert.Contains(await page.Locator("table.figures tbody td:nth-child(3)").AllInnerTextsAsync(), p => p.Length >= 4);
        Assert.All(await page.Locator("table.figures tbody td:nth-child(4)").AllInnerTextsAsync(), source => Assert.Contains("篇", source, StringComparison.Ordinal));

        // Narrative links route to entity pages.
        var narrativeLink = page.Locator("section.narrative a[href^='/entity/']").First;
        var href = await narrativeLink.GetAttributeAsync("href");
        await narrativeLink.ClickAsync();
        await page.WaitForURLAsync("**" + href);

        // Dates as a small timeline, earliest first, with human names.
        await page.GotoAsync("/entity/agreements/china-peru-fta-upgrade-protocol");
        var dates = await page.Locator("ol.date-line li").AllInnerTextsAsync();
        Assert.Equal(2, dates.Count);
        Assert.StartsWith("2018-11", dates[0], StringComparison.Ordinal);
        Assert.Contains("Signed", dates[1], StringComparison.Ordinal);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task PathFinderTakesNamesWithSuggestionsAndListsTypedPathsFirst()
    {
        await using var explorer = await browser.OpenAsync("/paths");
        var page = explorer.Page;
        await page.Locator("#from").FillAsync("");
        await page.Locator("#from").PressSequentiallyAsync("海南");
        await page.Locator("#from-suggestions[data-for='海南']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("#from-suggestions [data-key='provinces/hainan']").ClickAsync();
        Assert.Equal("provinces/hainan", await page.Locator("input[name=fromKey]").InputValueAsync());
        await page.Locator("#to").PressSequentiallyAsync("DEPA");
        await page.Locator("#to-suggestions[data-for='DEPA']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#to-suggestions [role=option]").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("agreements/depa", await page.Locator("input[name=toKey]").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Find paths" }).ClickAsync();
        await page.WaitForURLAsync("**/paths?from=**");

        var paths = page.Locator("section.path");
        Assert.InRange(await paths.CountAsync(), 1, 6);
        var typed = await paths.EvaluateAllAsync<string[]>("sections => sections.map(s => s.dataset.typed)");
        Assert.Equal("true", typed[0]);
        Assert.Equal(typed.OrderByDescending(t => t == "true").ToArray(), typed);
        await Assertions.Expect(paths.First.Locator("svg.path-svg")).ToBeVisibleAsync();
        var steps = paths.First.Locator("ol.path-list > li");
        Assert.Equal("/entity/provinces/hainan", await steps.First.Locator("a").GetAttributeAsync("href"));
        Assert.Equal("/entity/agreements/depa", await steps.Last.Locator("a").GetAttributeAsync("href"));
        var label = await paths.First.Locator(".rel").First.InnerTextAsync();
        Assert.Matches("[\u4e00-\u9fff]", label);
        await BrowserFixture.ScreenshotAsync(page, "04-paths-hainan-depa");
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task TypedNamesResolveWithoutChoosingAndUnknownNamesOfferChoices()
    {
        // "from=Hainan" used to say "no path": the name now resolves to the province.
        await using var explorer = await browser.OpenAsync("/paths?from=Hainan&to=DEPA");
        var page = explorer.Page;
        await Assertions.Expect(page.Locator("p.ends")).ToContainTextAsync("海南省");
        Assert.True(await page.Locator("section.path").CountAsync() > 0);

        await page.GotoAsync("/paths?from=Qzxqzx&to=DEPA");
        await Assertions.Expect(page.Locator(".choices")).ToContainTextAsync("Nothing is called");

        // A misspelt name: the closest names to choose from (the API's resolve), each keeping the other end.
        await page.GotoAsync("/paths?from=Hainn&to=DEPA");
        await Assertions.Expect(page.Locator(".choices")).ToContainTextAsync("Which one do you mean");
        var choice = page.Locator(".choices a[href*='fromKey=provinces%2Fhainan']");
        await choice.ClickAsync();
        await page.WaitForURLAsync("**fromKey=provinces%2Fhainan**");
        Assert.True(await page.Locator("section.path").CountAsync() > 0);
        await explorer.AssertCleanAsync();
    }
}
