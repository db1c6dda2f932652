using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>All browser test classes share one host and one system Chromium (a collection), each test opening its own pages.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One host and one Debian Chromium for the browser tests. Every page is watched: a Content-Security-Policy
/// violation, a request to anything but the server (intercepted and aborted), a script error or a console
/// error is recorded, and <see cref="ExplorerPage.AssertCleanAsync"/> fails on any of them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Runs before any page script (injected by the browser, outside the page's CSP): collects the violations the page causes.
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    private readonly string _profile = Directory.CreateTempSubdirectory("dtgraph-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public ExplorerFactory Host { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests to anything but the server, from any page: each one aborted and kept here.</summary>
    public ConcurrentQueue<string> ExternalRequests { get; } = new();

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        BaseAddress = Host.BaseAddress;
        _playwright = await Playwright.CreateAsync();

        // The system browser, a fresh profile and nothing that phones home: the tests run offline.
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await _browser.AddInitScriptAsync(ViolationRecorder);
        var origin = BaseAddress.GetLeftPart(UriPartial.Authority);
        await _browser.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(origin + "/", StringComparison.Ordinal) || url == origin || url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            ExternalRequests.Enqueue(url);
            await route.AbortAsync();
        });
    }

    public async Task<ExplorerPage> OpenAsync(string path)
    {
        var page = await _browser!.NewPageAsync();
        var watched = new ExplorerPage(page, this);
        await page.GotoAsync(path);
        return watched;
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp profile is harmless.
        }
    }
}

/// <summary>A page with what went wrong on it: script errors and console errors as they happen, CSP violations on demand.</summary>
public sealed class ExplorerPage : IAsyncDisposable
{
    private readonly BrowserFixture _fixture;
    private readonly List<string> _errors = [];

    public ExplorerPage(IPage page, BrowserFixture fixture)
    {
        Page = page;
        _fixture = fixture;
        page.PageError += (_, error) => _errors.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                _errors.Add("console error: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// The page as a reader sees it once its scripts have run: loaded, its graph drawn (graph.js marks the panel
    /// <c>data-ready</c>), GraphiQL with its schema. Explicit signals instead of Playwright's network-idle wait,
    /// which sits out 500 ms of silence on every page.
    /// </summary>
    public async Task SettledAsync()
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        if (await Page.Locator("#graph").CountAsync() > 0)
        {
            await Page.Locator("#graph[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        if (await Page.Locator("#graphiql").CountAsync() > 0)
        {
            // GraphiQL fetches the schema and renders after the load event; console.js repairs what it renders.
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    /// <summary>Fails on any CSP violation, script or console error, or request that left the server, since the page opened.</summary>
    public async Task AssertCleanAsync()
    {
        var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.Empty(violations);
        Assert.Empty(_errors);
        Assert.Empty(_fixture.ExternalRequests);
    }

    /// <summary>Closes the page; each test asserts <see cref="AssertCleanAsync"/> itself, so a failure is never masked here.</summary>
    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
