using DigitalTrade.Graph.Model;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A link in a narrative to another corpus file, resolved to the key it names.</summary>
internal sealed record EntityLink(LinkInline Inline, string Key, Position At);

/// <summary>A parsed narrative whose entity links are rendered once every key is known.</summary>
internal sealed class NarrativeDraft(string markdown, MarkdownDocument document, IReadOnlyList<EntityLink> links)
{
    public string Markdown { get; } = markdown;

    public IReadOnlyList<EntityLink> Links { get; } = links;

    /// <summary>Renders HTML in which each entity link is an anchor carrying the target key, for apps to route.</summary>
    public Narrative Render()
    {
        foreach (var link in Links)
        {
            link.Inline.Url = "/entity/" + link.Key;
            link.Inline.GetAttributes().AddPropertyIfNotExist("data-key", link.Key);
        }

        return new Narrative(Markdown, RenderWith(html: true), RenderWith(html: false).Trim());
    }

    /// <summary>HTML, or plain text from the same parsed document (as Markdig's ToPlainText does, without parsing again).</summary>
    private string RenderWith(bool html)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = html, EnableHtmlForInline = html, EnableHtmlEscape = html };
        NarrativeReader.Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}

/// <summary>Reads a Markdown body with Markdig and finds its links to other entity files.</summary>
internal static class NarrativeReader
{
    /// <summary>Raw HTML is disabled: narratives reach browsers and must not carry markup of their own.</summary>
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static NarrativeDraft Read(FrontMatter file, string filePath, string corpusRoot, DiagnosticBag bag, IReadOnlySet<string> keys)
    {
        var markdown = file.Body.Trim('\n');
        var leadingBlankLines = file.Body.Length - file.Body.TrimStart('\n').Length;
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        var links = new List<EntityLink>();
        foreach (var inline in document.Descendants<LinkInline>())
        {
            if (inline.IsImage || string.IsNullOrEmpty(inline.Url) || IsExternal(inline.Url))
            {
                continue;
            }

            var at = new Position(file.BodyFirstLine + leadingBlankLines + inline.Line, inline.Column + 1);
            var target = inline.Url.Split('#', 2)[0];
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(filePath)!, Uri.UnescapeDataString(target)));
            var relative = Path.GetRelativePath(corpusRoot, full).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || !relative.EndsWith(".md", StringComparison.Ordinal))
            {
                bag.Error(at, DiagnosticCodes.DanglingLink, $"link '{inline.Url}' does not point to an entity file inside the corpus");
                continue;
            }

            var key = relative[..^3];
            if (!keys.Contains(key))
            {
                bag.Error(at, DiagnosticCodes.DanglingLink, $"link target '{key}' does not exist{KeySuggestions.Hint(key, keys)}");
                continue;
            }

            links.Add(new EntityLink(inline, key, at));
        }

        return new NarrativeDraft(markdown, document, links);
    }

    private static bool IsExternal(string url) =>
        url.StartsWith('#') || url.StartsWith('/') || url.Contains("://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
