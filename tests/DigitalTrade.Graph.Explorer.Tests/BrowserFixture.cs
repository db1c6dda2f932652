using Microsoft.Playwright;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>One host and one system Chromium for all browser tests; each test opens its own page.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _profile = Directory.CreateTempSubdirectory("dtgraph-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public ExplorerFactory Host { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

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
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

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
