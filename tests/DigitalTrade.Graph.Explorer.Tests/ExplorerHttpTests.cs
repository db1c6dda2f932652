namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>What the pages send, checked without a browser.</summary>
public sealed class ExplorerHttpTests(ExplorerFactory host) : IClassFixture<ExplorerFactory>
{
    [Fact]
    public async Task SearchTextIsEncoded()
    {
        using var client = host.CreateClient();
        var html = await client.GetStringAsync("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEntityIsNotFound()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/entity/agreements/no-such-agreement", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AssetsAreServedFromTheHost()
    {
        using var client = host.CreateClient();
        using var css = await client.GetAsync("/explorer/explorer.css", TestContext.Current.CancellationToken);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        using var missing = await client.GetAsync("/explorer/nothing.css", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
