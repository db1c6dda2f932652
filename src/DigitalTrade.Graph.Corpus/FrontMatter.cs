namespace DigitalTrade.Graph.Corpus;

/// <summary>A corpus file split into its YAML front matter and its Markdown body.</summary>
internal sealed record FrontMatter(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine)
{
    /// <summary>Splits at the <c>---</c> fences; null (with a DTG001) when the file has no closed front matter.</summary>
    public static FrontMatter? Split(string text, DiagnosticBag bag)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            bag.Error(Position.FileStart, DiagnosticCodes.MissingFrontMatter, "the file must start with a '---' line opening the YAML front matter");
            return null;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return new FrontMatter(
                    string.Join('\n', lines[1..i]),
                    YamlFirstLine: 2,
                    string.Join('\n', lines[(i + 1)..]),
                    BodyFirstLine: i + 2);
            }
        }

        bag.Error(Position.FileStart, DiagnosticCodes.MissingFrontMatter, "the front matter opened on line 1 is never closed with a '---' line");
        return null;
    }
}
