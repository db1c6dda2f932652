using DigitalTrade.Graph.Model;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A link in a narrative to another corpus file, resolved to the key it names.</summary>
internal sealed record EntityLink(string Key, Position At);

/// <summary>
/// A parsed narrative whose entity links are rendered once every key is known. The Markdig tree is the largest
/// thing a file's reading makes: <see cref="Release"/> drops it once the file is read, so 100k files never hold
/// 100k trees at once (the cross-file checks need only <see cref="Links"/>).
/// </summary>
internal sealed class NarrativeDraft(string markdown, MarkdownDocument document, IReadOnlyList<(LinkInline Inline, EntityLink Link)> links, LanguageBlocks? blocks)
{
    private string? _markdown = markdown;
    private MarkdownDocument? _document = document;
    private IReadOnlyList<(LinkInline Inline, EntityLink Link)>? _inlines = links;
    private LanguageBlocks? _blocks = blocks;

    /// <summary>The body holds nothing but white space.</summary>
    public bool IsEmpty { get; } = string.IsNullOrWhiteSpace(markdown);

    public IReadOnlyList<EntityLink> Links { get; } = [.. links.Select(l => l.Link)];

    /// <summary>
    /// Renders HTML in which each entity link is an anchor carrying the target key, for apps to route: each
    /// language block alone, and both together. A body without its blocks (an error, never served) renders whole.
    /// </summary>
    public Narrative Render()
    {
        var document = _document ?? throw new InvalidOperationException("the narrative was released before it was rendered");
        foreach (var (inline, link) in _inlines!)
        {
            inline.Url = "/entity/" + link.Key;
            inline.GetAttributes().AddPropertyIfNotExist("data-key", link.Key);
        }

        if (_blocks is not { } blocks)
        {
            return new Narrative(_markdown!, RenderWith(document, html: true), RenderWith(document, html: false).Trim());
        }

        return Narrative.Bilingual(
            new Narrative(blocks.ZhMarkdown, RenderWith(blocks.Zh, html: true), RenderWith(blocks.Zh, html: false).Trim()),
            new Narrative(blocks.EnMarkdown, RenderWith(blocks.En, html: true), RenderWith(blocks.En, html: false).Trim()));
    }

    /// <summary>Drops the parsed tree: after this only <see cref="Links"/> and <see cref="IsEmpty"/> remain.</summary>
    public void Release() => (_markdown, _document, _inlines, _blocks) = (null, null, null, null);

    /// <summary>One renderer of each kind per reading thread: setting one up cost more than rendering a short narrative.</summary>
    [ThreadStatic]
    private static ReusableRenderer? _html, _text;

    /// <summary>HTML, or plain text from the same parsed blocks (as Markdig's ToPlainText does, without parsing again).</summary>
    private static string RenderWith(ContainerBlock blocks, bool html)
    {
        var renderer = html ? _html ??= CreateRenderer(html: true) : _text ??= CreateRenderer(html: false);
        renderer.Clear(); // also after a render that threw
        if (blocks is MarkdownDocument whole)
        {
            renderer.Render(whole);
        }
        else
        {
            renderer.WriteChildren(blocks); // a language block's content, without a wrapper of its own
        }

        renderer.Writer.Flush();
        var text = renderer.Writer.ToString()!;
        renderer.Clear(); // the text of a narrative is not kept alive by the thread
        return text;
    }

    private static ReusableRenderer CreateRenderer(bool html)
    {
        // Whatever the diagnostics said, no href or src leaves here with a scheme that could run script.
        var renderer = new ReusableRenderer { EnableHtmlForBlock = html, EnableHtmlForInline = html, EnableHtmlEscape = html, LinkRewriter = LinkPolicy.Neutralize };
        NarrativeReader.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.AddIfNotAlready<HtmlCustomContainerRenderer>();
        return renderer;
    }

    /// <summary>An HTML renderer into a string that can be emptied and used again.</summary>
    private sealed class ReusableRenderer() : HtmlRenderer(new StringWriter())
    {
        public void Clear() => Reset();
    }
}

/// <summary>Reads a Markdown body with Markdig and finds its links to other entity files.</summary>
internal static class NarrativeReader
{
    /// <summary>Raw HTML is disabled: narratives reach browsers and must not carry markup of their own.</summary>
    public static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>
    /// Custom containers for the language blocks, the block parser only: Markdig's extension would also make
    /// <c>::text::</c> an inline span, which narratives have no use for.
    /// </summary>
    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePreciseSourceLocation()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseAutoLinks()
            .DisableHtml();
        builder.BlockParsers.AddIfNotAlready<CustomContainerParser>();
        return builder.Build();
    }

    /// <summary>
    /// Parses a narrative and checks every link in it; null (with a DTG029) when it nests too deeply to parse.
    /// Every Markdown form that makes a link is checked: inline links and images, reference links (at their
    /// definition), autolinks in angle brackets and bare URLs found by the autolink extension.
    /// </summary>
    public static NarrativeDraft? Read(FrontMatter file, string filePath, string corpusRoot, DiagnosticBag bag, IReadOnlySet<string> keys, int maxNesting)
    {
        var markdown = file.Body.Trim('\n');
        var leadingBlankLines = file.Body.Length - file.Body.TrimStart('\n').Length;
        Position At(int line, int column) => new(file.BodyFirstLine + leadingBlankLines + line, column + 1);

        // Inline positions from their source offset: Markdig's inline line numbers run past the text inside
        // setext headings (a paragraph underlined by ---), so a link there was reported below the end of the file.
        var lineStarts = new List<int> { 0 };
        for (var i = markdown.IndexOf('\n'); i >= 0; i = markdown.IndexOf('\n', i + 1))
        {
            lineStarts.Add(i + 1);
        }

        Position AtInline(Inline inline)
        {
            if (inline.Span.Start < 0 || inline.Span.Start > markdown.Length)
            {
                return At(inline.Line, inline.Column);
            }

            var found = lineStarts.BinarySearch(inline.Span.Start);
            var line = found >= 0 ? found : ~found - 1;
            return At(line, inline.Span.Start - lineStarts[line]);
        }

        // Measured before Markdig runs: its work grows faster than the text when nesting is deep.
        if (MarkdownShape.FindTooDeep(markdown, maxNesting) is { } deep)
        {
            bag.Error(At(deep.Line - 1, deep.Column - 1), DiagnosticCodes.MarkdownTooDeep,
                $"the narrative nests {deep.What} more than {maxNesting} deep (Corpus:Limits:MaxMarkdownNesting)");
            return null;
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException e)
        {
            // Markdig's own depth limit, for a shape the measure above does not foresee.
            bag.Error(At(0, 0), DiagnosticCodes.MarkdownTooDeep, $"the narrative nests too deeply: {e.Message}");
            return null;
        }

        var links = new List<(LinkInline, EntityLink)>();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkReferenceDefinition definition:
                    // Markdig keeps a definition's URL as written; links made from it decode entities and escapes.
                    CheckScheme(HtmlHelper.Unescape(definition.Url), At(definition.Line, definition.Column), bag);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail:
                    CheckScheme(autolink.Url, AtInline(autolink), bag);
                    break;
                case LinkInline inline when !string.IsNullOrEmpty(inline.Url):
                    var at = AtInline(inline);
                    if (inline.Reference is null)
                    {
                        CheckScheme(inline.Url, at, bag); // a reference link's URL is its definition's, reported there once
                    }

                    if (inline.IsImage || LinkPolicy.Scheme(inline.Url) is not null || inline.Url.StartsWith('#') || inline.Url.StartsWith('/'))
                    {
                        break; // not a link to an entity file
                    }

                    if (EntityKey(inline.Url, filePath, corpusRoot, keys, at, bag) is { } key)
                    {
                        links.Add((inline, new EntityLink(key, at)));
                    }

                    break;
            }
        }

        // An empty body is a warning of its own (DTG021); any other must be the two language blocks.
        var blocks = string.IsNullOrWhiteSpace(markdown) ? null : LanguageBlocks.Find(document, markdown, At, bag);
        return new NarrativeDraft(markdown, document, links, blocks);
    }

    /// <summary>A DTG025 for a link whose scheme is not allowed.</summary>
    private static void CheckScheme(string? url, Position at, DiagnosticBag bag)
    {
        if (url is not null && !LinkPolicy.IsAllowed(url))
        {
            bag.Error(at, DiagnosticCodes.DisallowedLink, $"link '{url}' uses the scheme '{LinkPolicy.Scheme(url)}:', which narratives may not (allowed: {LinkPolicy.AllowedText})");
        }
    }

    /// <summary>The key of the entity file a relative link names, or null with a DTG014.</summary>
    private static string? EntityKey(string url, string filePath, string corpusRoot, IReadOnlySet<string> keys, Position at, DiagnosticBag bag)
    {
        var target = Uri.UnescapeDataString(url.Split('#', 2)[0]);
        var relative = target.Contains('\0', StringComparison.Ordinal)
            ? string.Empty // no file name holds a NUL (and Path would throw on it)
            : Path.GetRelativePath(corpusRoot, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(filePath)!, target))).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || !relative.EndsWith(".md", StringComparison.Ordinal))
        {
            bag.Error(at, DiagnosticCodes.DanglingLink, $"link '{url}' does not point to an entity file inside the corpus");
            return null;
        }

        var key = relative[..^3];
        if (!keys.Contains(key))
        {
            bag.Error(at, DiagnosticCodes.DanglingLink, $"link target '{key}' does not exist{bag.Suggest(key, keys)}");
            return null;
        }

        return key;
    }
}
