using System.Text.Json;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 13 item 8: axe-core (vendored, pinned by tools/explorer-assets) finds no serious or critical violation on any page.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vendor", "axe-core", "axe.min.js")));

    [Theory]
    [MemberData(nameof(ExplorerPages.Data), MemberType = typeof(ExplorerPages))]
    public async Task NoSeriousOrCriticalViolations(string path)
    {
        await using var explorer = await browser.OpenAsync(path);
        var page = explorer.Page;
        if (path == "/graphiql")
        {
            await page.Locator(".graphiql-container").WaitForAsync();
        }

        await explorer.SettledAsync();

        // Evaluated by the browser's debugging protocol, not as a page script: the page's CSP stays as strict as it is.
        await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
              .filter(v => v.impact === "serious" || v.impact === "critical")
              .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        await explorer.AssertCleanAsync();
    }
}
