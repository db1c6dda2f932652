using System.Globalization;
using System.Text.Json;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>
/// Page weights and timings in headless Chromium (HTML, JS and CSS bytes as decoded and as sent; DOMContentLoaded;
/// first contentful paint), the median of five loads after a warm-up, appended to TestResults/explorer-page-metrics.txt.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed class PageMetricsTests(BrowserFixture browser)
{
    private const string Measure = """
        async () => {
          const firstPaint = await new Promise(resolve => {
            new PerformanceObserver(list => {
              const fcp = list.getEntriesByName("first-contentful-paint")[0];
              if (fcp) resolve(fcp.startTime);
            }).observe({ type: "paint", buffered: true });
            setTimeout(() => resolve(-1), 5000);
          });
          const nav = performance.getEntriesByType("navigation")[0];
          const bytes = { js: 0, css: 0, other: 0, sent: nav.encodedBodySize };
          for (const r of performance.getEntriesByType("resource")) {
            const kind = /\.js(\?|$)/.test(r.name) ? "js" : /\.css(\?|$)/.test(r.name) ? "css" : "other";
            bytes[kind] += r.decodedBodySize;
            bytes.sent += r.encodedBodySize;
          }
          return { html: nav.decodedBodySize, js: bytes.js, css: bytes.css, other: bytes.other, sent: bytes.sent, dcl: nav.domContentLoadedEventEnd, fcp: firstPaint };
        }
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/entity/agreements/depa")]
    public async Task PageIsLightAndRendersQuickly(string path)
    {
        await using (await browser.OpenAsync(path))
        {
            // Warm-up: JIT and the server's first requests.
        }

        var runs = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            await using var explorer = await browser.OpenAsync(path);
            runs.Add(await explorer.Page.EvaluateAsync<JsonElement>(Measure));
            await explorer.AssertCleanAsync();
        }

        double Median(string name) => runs.Select(r => r.GetProperty(name).GetDouble()).Order().ElementAt(runs.Count / 2);
        var html = Median("html");
        var js = Median("js");
        var css = Median("css");
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{path}: html {html} B, js {js} B, css {css} B, other {Median("other")} B, total {html + js + css} B decoded, {Median("sent")} B sent; DOMContentLoaded {Median("dcl"):0} ms, first contentful paint {Median("fcp"):0} ms (median of {runs.Count})");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.AppendAllTextAsync(Path.Combine(BrowserFixture.Screenshots, "..", "explorer-page-metrics.txt"), report + Environment.NewLine, TestContext.Current.CancellationToken);

        // Generous bounds: a regression to a very heavy or slow page shows, a slow CI machine does not fail.
        Assert.InRange(html + js + css, 1, 3_000_000);
        Assert.InRange(Median("fcp"), 0, 10_000);
    }
}
