namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>The HTML writer: what comes from the graph is text or data, never markup.</summary>
public sealed class HtmlTests
{
    [Fact]
    public void DataBlocksCannotBeClosedFromInside()
    {
        var html = new Html().JsonData("graph-data", new { name = "</script><script>alert(1)</script>", zh = "海南" }).ToString();
        Assert.StartsWith("<script type=\"application/json\" id=\"graph-data\">", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("</script>").Length - 1);
        Assert.Contains("海南", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAndAttributesAreEncoded()
    {
        var html = new Html().El("p", "<b>\"x\" & 'y'</b>", Html.Attr("title", "\"><script>")).ToString();
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"><script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ProvenanceFromEditorsFilesIsText()
    {
        // A reference, note, section and 'about' are free text in an editor's file: written as text, never as markup or links.
        var hostile = "\"><script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>";
        var sources = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new[]
        {
            new { section = hostile, table = hostile, note = hostile, origin = "GENERAL", reference = hostile, about = new[] { hostile } },
        }));
        var html = new Html();
        EntityFacts.Sources(html, sources);
        EntityFacts.Dates(html, null, System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new[] { hostile })));
        var text = html.ToString();

        Assert.Contains("badge general", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksEscapeKeysAndLeaveOutEmptyParameters()
    {
        Assert.Equal("/entity/cases/a%20b%3F", Html.EntityHref("cases/a b?"));
        Assert.Equal("/paths?from=%E6%B5%B7%E5%8D%97&toKey=agreements%2Fdepa", Html.Href("/paths", ("from", "海南"), ("fromKey", null), ("toKey", "agreements/depa")));
    }

    [Fact]
    public void SearchSnippetsKeepOnlyTheirEmphasis()
    {
        var html = new Html().Snippet("<em>DEPA</em> &lt;script&gt; <script>alert(1)</script>").ToString();
        Assert.Contains("<em>DEPA</em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
