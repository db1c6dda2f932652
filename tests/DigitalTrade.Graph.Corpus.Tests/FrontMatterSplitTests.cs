namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary><see cref="FrontMatter.Split"/> reads lines in place now; it must split every text exactly as splitting into lines and joining them did.</summary>
public sealed class FrontMatterSplitTests
{
    [Fact]
    public void Splits_random_texts_as_the_line_array_version_did()
    {
        var random = new Random(15);
        string[] pieces = ["---", "...", "\n", "\r\n", "\r", " ", "\t", "\uFEFF", "a: b", "::: zh", "-- -", "--- x", "....", ""];
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            if (random.Next(2) == 0)
            {
                text = "---\n" + text;
            }

            var (expectedBag, actualBag) = (new DiagnosticBag("x.md"), new DiagnosticBag("x.md"));
            var expected = Reference(text, expectedBag);
            var actual = FrontMatter.Split(text, actualBag);

            Assert.Equal(expected, actual);
            Assert.Equal(expectedBag.Diagnostics.Select(d => d.ToString()), actualBag.Diagnostics.Select(d => d.ToString()));
        }
    }

    /// <summary>The previous implementation, kept as the oracle.</summary>
    private static FrontMatter? Reference(string text, DiagnosticBag bag)
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
                return new FrontMatter(string.Join('\n', lines[1..i]), 2, string.Join('\n', lines[(i + 1)..]), i + 2);
            }
        }

        bag.Error(Position.FileStart, DiagnosticCodes.MissingFrontMatter, "the front matter opened on line 1 is never closed with a '---' line");
        return null;
    }
}
