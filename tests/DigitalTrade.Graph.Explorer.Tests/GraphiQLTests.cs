using System.Text.Json;
using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 item 1: GraphiQL from the vendored bundle, at /graphiql and for a browser opening /graphql, under the strict CSP.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class GraphiQLTests(BrowserFixture browser)
{
    [Fact]
    public async Task RunsAnExampleQueryWithDocsAndAutocomplete()
    {
        await using var explorer = await browser.OpenAsync("/graphiql");
        var page = explorer.Page;

        // GraphiQL keeps its tabs in localStorage, and the browser profile is shared by the collection:
        // start from what a first visit sees, whichever GraphiQL test ran before.
        await page.EvaluateAsync("() => localStorage.clear()");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync();

        // The example queries are tabs, named by their operations.
        var tabs = await page.Locator(".graphiql-tab").AllTextContentsAsync();
        Assert.Contains(tabs, t => t.Contains("DepaPartiesAndApplicants", StringComparison.Ordinal));
        Assert.True(tabs.Count >= 6, string.Join(", ", tabs));

        // Run the first: the answer comes from /graphql on this server.
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var result = page.Locator(".graphiql-response .CodeMirror");
        await Assertions.Expect(result).ToContainTextAsync("数字经济伙伴关系协定");
        await Assertions.Expect(result).ToContainTextAsync("in_force");

        // Docs explorer: the schema from schema.graphql, with its descriptions.
        await page.GetByLabel("Show Documentation Explorer").ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("knowledge graph of China's digital trade");
        await page.Locator(".graphiql-doc-explorer a", new() { HasText = "Query" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("neighborhood");
        await BrowserFixture.ScreenshotAsync(page, "06-graphiql-query-and-docs", fullPage: false);

        // Autocomplete while typing a new query.
        await page.Locator(".graphiql-tab-add").ClickAsync();
        await page.Locator(".graphiql-query-editor .CodeMirror").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("{ neighb");
        await Assertions.Expect(page.Locator(".CodeMirror-hints")).ToContainTextAsync("neighborhood");
        await BrowserFixture.ScreenshotAsync(page, "07-graphiql-autocomplete", fullPage: false);

        // The settings and shortcut dialogs (Radix dialogs) open without breaking the CSP.
        await page.GetByLabel("Open settings dialog").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByLabel("Open short keys dialog").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task QueriesWithVariablesFromTheEditor()
    {
        await using var explorer = await browser.OpenAsync("/graphiql?query=" + Uri.EscapeDataString("query Find($q: String!) { search(query: $q, first: 1) { edges { node { key } } } }")
            + "&variables=" + Uri.EscapeDataString("{\"q\": \"DEPA\"}"));
        var page = explorer.Page;
        await Assertions.Expect(page.Locator(".graphiql-tab-active")).ToContainTextAsync("Find");
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var response = page.Locator(".graphiql-response .CodeMirror");
        await Assertions.Expect(response).ToContainTextAsync("agreements/depa");
        await explorer.AssertCleanAsync();
    }

    [Fact]
    public async Task BrowserOpeningTheApiGetsTheConsole()
    {
        await using var explorer = await browser.OpenAsync("/graphql");
        await Assertions.Expect(explorer.Page.Locator(".graphiql-container")).ToBeVisibleAsync();
        Assert.Equal("GraphiQL · DigitalTrade.Graph", await explorer.Page.TitleAsync());

        // The same URL still answers API clients (the page's own fetch does, via POST).
        var answer = await explorer.Page.EvaluateAsync<JsonElement>("""
            async () => (await fetch("/graphql?query=%7Bcorpus%7BentityCount%7D%7D", { headers: { Accept: "application/json" } })).json()
            """);
        Assert.True(answer.GetProperty("data").GetProperty("corpus").GetProperty("entityCount").GetInt32() > 300);
        await explorer.AssertCleanAsync();
    }
}
