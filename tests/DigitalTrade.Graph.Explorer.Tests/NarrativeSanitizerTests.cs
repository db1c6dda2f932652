using System.Text.Json.Nodes;
using DigitalTrade.Graph.Api;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>Issue 11 item 3: narrative HTML is treated as untrusted markup and re-sanitised with an allow-list.</summary>
public sealed class NarrativeSanitizerTests(ExplorerFactory host) : IClassFixture<ExplorerFactory>
{
    [Theory]
    [InlineData("<p>a <a href=\"javascript:alert(1)\">x</a></p>", "javascript")]
    [InlineData("<p><a href=\"JAVASCRIPT:alert(1)\">x</a></p>", "JAVASCRIPT")]
    [InlineData("<p><a href=\"java&#x09;script:alert(1)\">x</a></p>", "script:")]
    [InlineData("<p><a href=\"javascript://%0aalert(1)\">x</a></p>", "javascript")]
    [InlineData("<p><a href=\"data:text/html,<script>alert(1)</script>\">x</a></p>", "data:")]
    [InlineData("<p><a href=\"vbscript:msgbox(1)\">x</a></p>", "vbscript")]
    [InlineData("<script>alert(1)</script><p>text</p>", "<script")]
    [InlineData("<p onclick=\"alert(1)\">text</p>", "onclick")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>", "<iframe")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">text</p>", "style")]
    [InlineData("<form action=\"/x\"><input name=a></form>", "<form")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<svg")]
    [InlineData("<a href=\"/entity/x\" class=\"evil\" id=\"main\">x</a>", "class")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "javascript")]
    public void HostileMarkupIsRemoved(string html, string forbidden)
    {
        var clean = NarrativeSanitizer.Sanitize(html);
        Assert.DoesNotContain(forbidden, clean, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EntityLinksAndFormattingSurviveAndExternalLinksAreMarked()
    {
        var html = "<h2>Title</h2><p>Text with <em>em</em>, <strong>strong</strong>, <code>code</code> and <a href=\"/entity/agreements/depa\" data-key=\"agreements/depa\">DEPA</a>.</p><ul><li>item</li></ul><p><a href=\"https://www.mofcom.gov.cn/\">MOFCOM</a></p>";
        var clean = NarrativeSanitizer.Sanitize(html);
        Assert.Contains("<a href=\"/entity/agreements/depa\" data-key=\"agreements/depa\">DEPA</a>", clean, StringComparison.Ordinal);
        Assert.Contains("<em>em</em>", clean, StringComparison.Ordinal);
        Assert.Contains("<li>item</li>", clean, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", clean, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNarrativeOfTheCorpusKeepsItsTextAndLinks()
    {
        // Today the API's renderer already produces only safe markup: the sanitiser must not change what readers see.
        var api = host.Services.GetRequiredService<IGraphQLService>();
        string? after = null;
        var checkedCount = 0;
        do
        {
            var variables = new JsonObject { ["after"] = after }.ToJsonString();
            var response = await api.ExecuteAsync(new GraphQLServiceRequest("query($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { key narrative { html text } } } }", VariablesJson: variables), TestContext.Current.CancellationToken);
            var connection = JsonNode.Parse(response.Json.Span)!["data"]!["entities"]!;
            foreach (var node in connection["nodes"]!.AsArray())
            {
                var html = node!["narrative"]!["html"]!.GetValue<string>();
                var clean = NarrativeSanitizer.Sanitize(html);
                Assert.Equal(Links(html), Links(clean));
                Assert.Equal(Text(html), Text(clean));
                checkedCount++;
            }

            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.True(checkedCount > 300);
    }

    private static string[] Links(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string Text(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty)).Replace("\n", string.Empty, StringComparison.Ordinal);
}
