using System.Globalization;
using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 items 3 and 4: a home page worth landing on, and search as one ranked list with facets and name suggestions.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class HomeAndSearchTests(BrowserFixture browser)
{
    [Fact]
    public async Task HomeShowsCountsPlacesThemesAgreementsAndATimeline()
    {
        await using var explorer = await browser.OpenAsync("/");
        var page = explorer.Page;

        // Counts per kind, as the API counts them, each leading to the kind's list.
        var kinds = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            async () => (await (await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: "{ corpus { kinds { kind count } } }" }) })).json()).data.corpus.kinds
            """);
        Assert.True(kinds.GetArrayLength() >= 10);
        foreach (var kind in kinds.EnumerateArray())
        {
            await Assertions.Expect(page.Locator($"ul.cards a[href='/browse?kind={kind.GetProperty("kind").GetString()}'] strong")).ToHaveTextAsync(kind.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        // Places: provinces with their cities and zones; themes with counts; agreements with status.
        await Assertions.Expect(page.Locator("ul.places > li", new() { HasText = "浙江省" })).ToContainTextAsync("杭州市");
        await Assertions.Expect(page.Locator("a[href='/browse?kind=CASE&theme=DATA_FLOWS']")).ToContainTextAsync("数据跨境流动");
        await Assertions.Expect(page.Locator("section[aria-labelledby=agreements]")).ToContainTextAsync("数字经济伙伴关系协定");
        await BrowserFixture.ScreenshotAsync(page, "01-home");

        // Timeline: filter to agreements from 2020 on; every row is an agreement dated 2020 or later.
        await page.Locator("#timeline select[name=events]").SelectOptionAsync("agreements");
        await page.Locator("#timeline input[name=from]").FillAsync("2020");
        await page.Locator("#timeline button").ClickAsync();
        await page.WaitForURLAsync("**events=agreements**");
        var rows = page.Locator("ol.timeline li li");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var year in await page.Locator("ol.timeline li li time").AllTextContentsAsync())
        {
            Assert.True(int.Parse(year.AsSpan(0, 4), CultureInfo.InvariantCulture) >= 2020, year);
        }

        Assert.All(await page.Locator("ol.timeline li li a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"), href => Assert.StartsWith("/entity/agreements/", href));

        // Browse a theme from the home page: as many cases as the home page counted.
        await page.GotoAsync("/");
        var theme = page.Locator("a[href='/browse?kind=CASE&theme=DATA_FLOWS']");
        var counted = int.Parse((await theme.Locator("xpath=following-sibling::span").TextContentAsync())!.Trim(' ', '(', ')'), CultureInfo.InvariantCulture);
        await theme.ClickAsync();
        await page.WaitForURLAsync("**theme=DATA_FLOWS");
        Assert.Equal(counted, await page.Locator("ul.browse > li").CountAsync());
        Assert.True(counted > 5);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task SearchRanksOneListWithKindFacetsAndSnippets()
    {
        await using var explorer = await browser.OpenAsync("/search?q=DEPA");
        var page = explorer.Page;

        // One list, best first: DEPA itself leads, whatever its kind's place in the kind order.
        Assert.Equal(1, await page.Locator("ol.results").CountAsync());
        Assert.Equal("/entity/agreements/depa", await page.Locator("ol.results > li").First.Locator("a").First.GetAttributeAsync("href"));
        var kinds = await page.Locator("ol.results > li .kind-tag").AllTextContentsAsync();
        Assert.True(kinds.Distinct().Count() > 2, "hits of several kinds are interleaved by score");
        Assert.True(await page.Locator("ol.results .snippet em").CountAsync() > 0, "matches are highlighted");
        await BrowserFixture.ScreenshotAsync(page, "02-search-depa");

        // Facets: counts per kind; clicking one filters to that kind.
        var economies = page.Locator("nav.facets a[href*='kind=ECONOMY']");
        var count = int.Parse((await economies.Locator(".count").TextContentAsync())!, CultureInfo.InvariantCulture);
        await economies.ClickAsync();
        await page.WaitForURLAsync("**kind=ECONOMY**");
        Assert.Equal("page", await page.Locator("nav.facets a[href*='kind=ECONOMY']").GetAttributeAsync("aria-current"));
        var tags = await page.Locator("ol.results > li .kind-tag").AllTextContentsAsync();
        Assert.Equal(count, tags.Count);
        Assert.All(tags, t => Assert.Contains("Economy", t, StringComparison.Ordinal));
        await explorer.AssertCleanAsync();
    }

    [Theory]
    [InlineData("Hain", "provinces/hainan")]
    [InlineData("海南", "provinces/hainan")]
    [InlineData("singap", "economies/singapore")]
    public async Task HeaderSearchSuggestsNamesInBothLanguagesFromTheKeyboard(string typed, string expected)
    {
        await using var explorer = await browser.OpenAsync("/");
        var page = explorer.Page;

        // Keyboard only: the skip link, then the search box.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Locator("#q").FocusAsync();
        await page.Keyboard.TypeAsync(typed);
        // The list says which text it answers (typing is debounced): wait for the whole word's.
        await page.Locator($"#q-suggestions[data-for='{typed}']").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        var options = page.Locator("#q-suggestions [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        Assert.Equal("true", await page.Locator("#q").GetAttributeAsync("aria-expanded"));
        var keys = await options.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.key)");
        Assert.Contains(expected, keys);

        // Arrow down to the expected entity and press Enter: its page opens.
        for (var i = 0; i <= Array.IndexOf(keys, expected); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal($"q-suggestions-{Array.IndexOf(keys, expected)}", await page.Locator("#q").GetAttributeAsync("aria-activedescendant"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/entity/" + expected);
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task AMisspeltQueryOffersTheNamesItMayHaveMeant()
    {
        await using var explorer = await browser.OpenAsync("/search?q=%E6%96%B0%E5%8A%A0%E6%B3%A2");
        var page = explorer.Page;
        Assert.Equal(0, await page.Locator("ol.results > li").CountAsync());
        var suggestion = page.Locator(".choices a[href='/entity/economies/singapore']");
        await Assertions.Expect(suggestion).ToHaveTextAsync("新加坡");
        await suggestion.ClickAsync();
        await page.WaitForURLAsync("**/entity/economies/singapore");
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task EnterWithoutAChoiceSearches()
    {
        await using var explorer = await browser.OpenAsync("/");
        var page = explorer.Page;
        await page.Locator("#q").FillAsync("数据跨境");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");
        Assert.True(await page.Locator("ol.results > li").CountAsync() > 5);
        await explorer.AssertCleanAsync();
    }
}
