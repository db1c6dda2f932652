namespace DigitalTrade.Graph.Corpus;

/// <summary>A corpus file split into its YAML front matter and its Markdown body.</summary>
internal sealed record FrontMatter(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine)
{
    /// <summary>Splits at the <c>---</c> fences; null (with a DTG001) when the file has no closed front matter.</summary>
    public static FrontMatter? Split(string text, DiagnosticBag bag)
    {
        // Line by line in place: splitting every file into line strings and joining them again was a copy of the corpus.
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var firstEnd = LineEnd(text, 0);
        if (text.AsSpan(0, firstEnd).TrimEnd() is not "---")
        {
            bag.Error(Position.FileStart, DiagnosticCodes.MissingFrontMatter, "the file must start with a '---' line opening the YAML front matter");
            return null;
        }

        var yamlStart = firstEnd + 1;
        for (var (at, line) = (yamlStart, 1); at <= text.Length && firstEnd < text.Length; line++)
        {
            var end = LineEnd(text, at);
            if (text.AsSpan(at, end - at).TrimEnd() is "---" or "...")
            {
                return new FrontMatter(
                    at == yamlStart ? string.Empty : text[yamlStart..(at - 1)],
                    YamlFirstLine: 2,
                    end == text.Length ? string.Empty : text[(end + 1)..],
                    BodyFirstLine: line + 2);
            }

            at = end + 1;
        }

        bag.Error(Position.FileStart, DiagnosticCodes.MissingFrontMatter, "the front matter opened on line 1 is never closed with a '---' line");
        return null;
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends: its '\n', or the end of the text.</summary>
    private static int LineEnd(string text, int start) => text.IndexOf('\n', start) is var end and >= 0 ? end : text.Length;
}
