using System.Net;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Issue 11.6: script in narratives. Only http, https, mailto and relative links pass, in every form
/// Markdig parses; and whatever the diagnostics say, rendered HTML never carries another scheme.
/// </summary>
public sealed partial class LinkSchemeTests
{
    /// <summary>Hostile targets as written in Markdown, with the scheme a browser would see.</summary>
    public static readonly (string Written, string Decoded)[] Hostile =
    [
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("JAVASCRIPT:alert(1)", "JAVASCRIPT:alert(1)"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)"),
        ("javascript://%0aalert(1)", "javascript://%0aalert(1)"),
        ("&#106;avascript:alert(1)", "javascript:alert(1)"),
        ("&#x6A;avascript&#58;alert(1)", "javascript:alert(1)"),
        ("javascript&colon;alert(1)", "javascript:alert(1)"),
        ("java&#x09;script:alert(1)", "java\tscript:alert(1)"),
        ("java&#10;script:alert(1)", "java\nscript:alert(1)"),
        ("&#x20;javascript:alert(1)", " javascript:alert(1)"),
        ("&#1;javascript:alert(1)", "\u0001javascript:alert(1)"),
        ("&#x1f;&#x7;javascript:alert(1)", "\u001f\u0007javascript:alert(1)"),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("DATA:image/svg+xml,x", "DATA:image/svg+xml,x"),
        ("vbscript:msgbox(1)", "vbscript:msgbox(1)"),
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("ftp://example.com/x", "ftp://example.com/x"),
        ("c:/windows/win.ini", "c:/windows/win.ini"),
        ("intent://x#Intent;end", "intent://x#Intent;end"),
    ];

    /// <summary>Each Markdown form that makes a link or an image, with where its diagnostic points (line in the body, column).</summary>
    public static readonly (string Name, Func<string, string> Write, int Line, int Column)[] Forms =
    [
        ("inline", u => $"See [a demo]({u}).", 1, 5),
        ("inline in angle brackets", u => $"See [a demo](<{u}>).", 1, 5),
        ("inline with a title", u => $"See [a demo]({u} \"title\").", 1, 5),
        ("image", u => $"See ![a demo]({u}).", 1, 5),
        ("link around an image", u => $"See [![a demo](https://example.com/a.png)]({u}).", 1, 5),
        ("reference", u => $"See [a demo][ref].\n\n[ref]: {u}", 3, 1),
        ("collapsed reference", u => $"See [ref][].\n\n[ref]: {u}", 3, 1),
        ("shortcut reference", u => $"See [ref].\n\n[ref]: {u}", 3, 1),
        ("image reference", u => $"See ![a demo][ref].\n\n[ref]: <{u}>", 3, 1),
        ("unused definition", u => $"Text.\n\n[ref]: {u}", 3, 1),
        ("in a list item", u => $"- item\n  - [a demo]({u})", 2, 5),
        ("in a block quote", u => $"> quoted [a demo]({u})", 1, 10),
        ("in a table", u => $"| a | b |\n|---|---|\n| x | [a demo]({u}) |", 3, 7),
        ("in emphasis", u => $"**bold [a demo]({u})**", 1, 8),
    ];

    public static TheoryData<string> FormNames() => [.. Forms.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FormNames))]
    public void Every_hostile_target_is_refused_in_every_link_form(string formName)
    {
        // One paragraph per hostile target, written in this form, each reported where it is.
        var form = Forms.Single(f => f.Name == formName);
        var body = new System.Text.StringBuilder();
        var expected = new List<(int Line, int Column)>();
        var line = BodyLine;
        for (var i = 0; i < Hostile.Length; i++)
        {
            var piece = form.Write(Hostile[i].Written).Replace("[ref]", $"[ref{i}]", StringComparison.Ordinal);
            expected.Add((line + form.Line - 1, form.Column));
            body.Append(piece).Append("\n\n");
            line += piece.Count(c => c == '\n') + 2;
        }

        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/links.md", Head + TestCorpus.InZh(body.ToString()));

        var result = corpus.Load();

        Assert.Equal(expected.Select(e => ("graph-seed/cases/links.md", e.Line, e.Column, DiagnosticCodes.DisallowedLink)), result.Diagnostics.Select(d => (d.Path, d.Line, d.Column, d.Code)));
        Assert.Null(result.Snapshot);
    }

    /// <summary>Autolinks in angle brackets take the target as written: no entity decoding, no spaces.</summary>
    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("<javascript://%0aalert(1)>")]
    [InlineData("<data:text/html,x>")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("<file:///etc/passwd>")]
    [InlineData("<ftp://example.com/x>")]
    [InlineData("<tel:+861012345678>")]
    public void A_hostile_autolink_is_refused(string autolink)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/links.md", Head + TestCorpus.InZh("See " + autolink + " now."));

        var result = corpus.Load();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.DisallowedLink, BodyLine, 5), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
    }

    /// <summary>Bare URLs become links through Markdig's autolink extension: the ones it makes with other schemes are refused too.</summary>
    [Theory]
    [InlineData("ftp://example.com/x", "ftp")]
    [InlineData("tel:+861012345678", "tel")]
    public void A_bare_url_with_another_scheme_is_refused(string bare, string scheme)
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/links.md", Head + TestCorpus.InZh("Call " + bare + " now."));

        var result = corpus.Load();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.DisallowedLink, BodyLine, 6), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains($"'{scheme}:'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_addresses_mail_and_entity_links_pass_in_every_form()
    {
        using var corpus = TestCorpus.Valid();
        corpus.Write("cases/links.md", Head + """
            See [a](https://example.com/a), [b](HTTP://example.com/b), <https://example.com/c>, www.example.com/d,
            https://example.com/e, <someone@example.com>, [f](mailto:someone@example.com), [g](#part), [h](/entity/economies/china),
            [i](//example.com/i), ![j](https://example.com/j.png), [k][ref] and [浙江](../provinces/zhejiang.md).

            [ref]: https://example.com/k
            """.Insert(0, "::: zh\n") + "\n:::\n\n::: en\nBody.\n:::\n");

        var result = corpus.Load();

        Assert.Empty(result.Diagnostics);
        var html = result.Snapshot!.Find("cases/links")!.Narrative.Html;
        Assert.Contains("href=\"https://example.com/a\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:someone@example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://www.example.com/d\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/entity/provinces/zhejiang\"", html, StringComparison.Ordinal);
        Assert.All(Targets(html), target => Assert.True(IsSafe(target), target));
    }

    /// <summary>Defence in depth: the renderer alone never writes a disallowed href or src, even for a narrative whose diagnostics were ignored.</summary>
    [Fact]
    public void Rendering_neutralizes_every_hostile_target_even_when_diagnostics_are_ignored()
    {
        var index = 0;
        var markdown = string.Join("\n\n", Forms.SelectMany(f => Hostile.Select(h => f.Write(h.Written).Replace("[ref]", $"[ref{index++}]", StringComparison.Ordinal))))
            + "\n\n" + string.Join("\n\n", Hostile.Select(h => $"<{h.Decoded.Trim()}>"));
        var file = FrontMatter.Split("---\nkind: case\n---\n" + markdown, new DiagnosticBag("x.md"))!;
        var bag = new DiagnosticBag("x.md");

        var narrative = NarrativeReader.Read(file, "/corpus/cases/x.md", "/corpus", bag, new HashSet<string>(), maxNesting: 32)!;
        var html = narrative.Render().Html;

        Assert.NotEmpty(bag.Diagnostics);
        var targets = Targets(html).ToList();
        Assert.True(targets.Count >= (Forms.Length - 1) * Hostile.Length, $"only {targets.Count} targets rendered");
        Assert.All(targets, target => Assert.True(IsSafe(target), target));
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("../cases/x.md", true)]
    [InlineData("#part", true)]
    [InlineData("/entity/x", true)]
    [InlineData("//example.com", true)]
    [InlineData("?q=1", true)]
    [InlineData("a:b/c", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" \u0001\u001fjavascript:alert(1)", false)]
    [InlineData("jav\tas\ncr\ript:alert(1)", false)]
    [InlineData("java script:alert(1)", true)] // a space inside is not a scheme: browsers read a relative path
    [InlineData("%6Aavascript:alert(1)", true)] // percent-encoding is not decoded in a scheme: a relative path
    [InlineData("ｊavascript:alert(1)", true)] // a full-width letter is not a scheme character: a relative path
    public void The_scheme_is_read_the_way_browsers_read_it(string url, bool allowed)
    {
        Assert.Equal(allowed, LinkPolicy.IsAllowed(url));
        Assert.Equal(allowed, IsSafe(url));
    }

    private const string Head = TestCorpus.CaseFrontMatter + "---\n";

    /// <summary>The file line of the narrative's first line, inside its '::: zh' block.</summary>
    private const int BodyLine = 13;

    [GeneratedRegex("(?:href|src)=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TargetAttribute();

    internal static IEnumerable<string> Targets(string html) =>
        TargetAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();

    /// <summary>
    /// An oracle written apart from <see cref="LinkPolicy"/>, from the WHATWG URL standard: strip C0 controls and
    /// spaces at both ends, remove tabs and line breaks anywhere, then a scheme is a letter and letters, digits, + - . before ':'.
    /// </summary>
    internal static bool IsSafe(string target)
    {
        var stripped = target.Trim([.. Enumerable.Range(0, 33).Select(i => (char)i)]).Replace("\t", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
        var scheme = SchemePrefix().Match(stripped);
        return !scheme.Success || scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
