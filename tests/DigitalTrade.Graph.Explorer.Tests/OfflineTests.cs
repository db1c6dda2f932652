using System.Net;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>
/// Nothing but the server itself: no page or asset names another origin where a browser would load it, and a
/// browser walking every page makes no request elsewhere (the fixture intercepts and aborts any).
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Browser")]
public sealed partial class OfflineTests(BrowserFixture browser)
{
    // Every absolute http(s) host a vendored bundle mentions, and why none is ever requested. A new host fails the test until reviewed.
    private static readonly Dictionary<string, string> ReviewedHosts = new(StringComparer.Ordinal)
    {
        ["www.w3.org"] = "XML namespace names (SVG, XLink, MathML): identifiers, never fetched",
        ["react.dev"] = "React's error messages link their decoder page: text of an exception",
        ["github.com"] = "GraphiQL's default logo link, which the explorer replaces; an error message",
        ["codemirror.net"] = "a hyperlink in GraphiQL's shortcut dialog (a link a person may follow, not a request)",
        ["en.wikipedia.org"] = "graphql-js's description of Float: documentation text",
        ["commonmark.org"] = "graphql-js's description of @specifiedBy: documentation text",
        ["yarnpkg.com"] = "graphql-js's duplicate-module error message",
    };

    [Fact]
    public async Task PagesAndAssetsNameNoOtherOrigin()
    {
        using var client = browser.Host.CreateClient();
        var assets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ExplorerPages.All)
        {
            var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            foreach (Match m in UrlAttribute().Matches(html))
            {
                var url = WebUtility.HtmlDecode(m.Groups["url"].Value);
                var external = url.StartsWith("//", StringComparison.Ordinal) || SchemeUrl().IsMatch(url);

                // Only a sanitised narrative link may leave the site, and it is marked so (none does today).
                var narrativeLink = m.Groups["tag"].Value == "a" && m.Value.Contains("rel=\"noopener noreferrer nofollow\"", StringComparison.Ordinal);
                Assert.False(external && !narrativeLink, $"{path}: {m.Value}");
                if ((m.Groups["tag"].Value is "script" or "link" || m.Groups["attribute"].Value == "data-library") && url.StartsWith("/explorer/", StringComparison.Ordinal))
                {
                    assets.Add(url);
                }
            }
        }

        Assert.Contains(assets, a => a.StartsWith("/explorer/vendor/graphiql.js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/explorer/vendor/cytoscape.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var text = await client.GetStringAsync(asset, TestContext.Current.CancellationToken);
            if (asset.Contains(".css", StringComparison.Ordinal))
            {
                // Stylesheets load only from here: url() relative or data:, no @import.
                Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
                foreach (Match url in CssUrl().Matches(text))
                {
                    var target = url.Groups["url"].Value.Trim('"', '\'');
                    Assert.True(target.StartsWith("data:", StringComparison.Ordinal) || !target.Contains(':', StringComparison.Ordinal), $"{asset}: {target[..Math.Min(80, target.Length)]}");
                    if (!target.StartsWith("data:", StringComparison.Ordinal))
                    {
                        using var font = await client.GetAsync(new Uri(new Uri("http://host" + asset), target).PathAndQuery, TestContext.Current.CancellationToken);
                        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
                    }
                }
            }

            var hosts = AbsoluteUrl().Matches(text).Select(h => h.Groups["host"].Value).Distinct().ToList();
            if (!asset.StartsWith("/explorer/vendor/", StringComparison.Ordinal))
            {
                // Our own files: at most the SVG namespace of the icon.
                Assert.All(hosts, host => Assert.Equal("www.w3.org", host));
            }
            else
            {
                Assert.All(hosts, host => Assert.True(ReviewedHosts.ContainsKey(host), $"{asset} mentions {host}: review it and say why it is never requested"));
            }
        }
    }

    [Fact]
    public async Task BrowsingEveryPageRequestsNothingElsewhere()
    {
        foreach (var path in ExplorerPages.All)
        {
            await using var explorer = await browser.OpenAsync(path);
            await explorer.SettledAsync();

            // What scripts rendered: GraphiQL's links (its logo replaced) and the graph's stay on this site too.
            var links = await explorer.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map(e => new URL(e.getAttribute('href') || e.getAttribute('src'), location.href).href)");
            Assert.All(links, link => Assert.StartsWith(browser.BaseAddress.GetLeftPart(UriPartial.Authority), link, StringComparison.Ordinal));
            await explorer.AssertCleanAsync();
        }
    }

    [GeneratedRegex("<(?<tag>[a-z]+)\\b[^>]*?\\s(?<attribute>src|href|action|srcset|poster|data|formaction|xlink:href|data-library)=\"(?<url>[^\"]*)\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemeUrl();

    [GeneratedRegex("url\\((?<url>[^)]*)\\)")]
    private static partial Regex CssUrl();

    [GeneratedRegex("https?://(?<host>[a-zA-Z0-9.-]+)")]
    private static partial Regex AbsoluteUrl();
}
