namespace DigitalTrade.Graph.Corpus;

/// <summary>
/// Which link targets a narrative may carry: http, https and mailto addresses, and relative links (to
/// entity files, or within the site). Anything else (javascript:, data:, vbscript:, file:, …) could run
/// script or reach the reader's machine when clicked. The scheme is read the way browsers read it (the
/// WHATWG URL standard): leading and trailing spaces and control characters are ignored, tabs and line
/// breaks anywhere are removed, and letters are compared without case, so "JaVa&#9;Script:" is caught.
/// </summary>
internal static class LinkPolicy
{
    private static readonly string[] Allowed = ["http", "https", "mailto"];

    /// <summary>What browsers strip from both ends of a URL: C0 control characters and space.</summary>
    private static readonly string C0ControlsAndSpace = new([.. Enumerable.Range(0, 0x21).Select(i => (char)i)]);

    public const string AllowedText = "http, https, mailto, or a relative link to an entity file";

    /// <summary>The scheme a browser would see, lower-cased; null for a relative link.</summary>
    public static string? Scheme(string url)
    {
        var trimmed = url.AsSpan().Trim(C0ControlsAndSpace);
        Span<char> scheme = stackalloc char[64];
        var length = 0;
        foreach (var c in trimmed)
        {
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c == ':')
            {
                return length == 0 ? null : new string(scheme[..Math.Min(length, scheme.Length)]);
            }

            if (!(char.IsAsciiLetter(c) || (length > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'))))
            {
                return null; // not a scheme: the URL is relative (a path, '#fragment', '//host/…', '?query')
            }

            if (length < scheme.Length)
            {
                scheme[length] = char.ToLowerInvariant(c); // a longer scheme is kept by its start: it is refused anyway
            }

            length++;
        }

        return null;
    }

    /// <summary>Whether a link target is allowed: relative, or with an allowed scheme.</summary>
    public static bool IsAllowed(string url) => Scheme(url) is not { } scheme || Allowed.Contains(scheme);

    /// <summary>For rendering: the URL when it is allowed, otherwise an inert "#", whatever the diagnostics said.</summary>
    public static string Neutralize(string url) => IsAllowed(url) ? url : "#";
}
