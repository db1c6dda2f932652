using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// Every number the report prints with a unit in its running text — outside its tables — with the heading path it
/// sits under. The report's layout, as the text file has it:
/// <list type="bullet">
/// <item>A table runs from its caption line (<c>表6 …</c>) to its <c>数据来源：…</c> line; its rows are tab-separated.
/// Lines holding a tab (table rows, the table of contents) and chart captions (<c>图 1 …</c>) are not running text.</item>
/// <item>Headings are whole lines: a part (<c>综述篇</c>, <c>实践篇</c>, <c>专题篇</c>) and the subtitle line after it, which is
/// no level of its own; a chapter (a short line without punctuation or digits, its footnote mark dropped); <c>一、…</c>;
/// <c>（一）…</c> (also printed <c>(一) …</c>, written back with full-width brackets and without a final 。); a box
/// (<c>专栏 N …</c>), which holds the one paragraph that follows it.</item>
/// </list>
/// A number is Arabic digits with an optional decimal part; its unit is an optional magnitude (万, 亿, 万亿), then an
/// optional 余/多 (dropped: it is the figure's qualifier), then an optional measure word, at least one of the two. A
/// four-digit year before 年 is a date, not a number with a unit; a number followed by 和 or 、 and a second number
/// shares that number's unit (<c>4.7和2.7个百分点</c>). Chinese numerals (三分之一, 百余项) are out of scope.
/// </summary>
internal static partial class RunningTextNumbers
{
    public sealed record Number(string Value, string Unit, string Section, string Context);

    private const string Superscripts = "¹²³⁴⁵⁶⁷⁸⁹⁰";
    private const string Parts = "综述篇|实践篇|专题篇";

    // Longest first: 个百分点 before 个, 大可用区 before 大, 部门 before 部.
    private const string Unit =
        @"(?<mag>万亿|万|亿)?(?<more>余|多)?(?<word>个百分点|个工作日|部门|人次|场次|大洲|大可用区|大项|子项|大类|子类|平方米|公里|分钟|EFLOPS|泽字节|美元|元|个|家|项|件|部|篇|名|人|次|条|场|份|种|位|倍|国(?!际)|秒|类|强|岁|年|大|ZB|TB|P|%)?(?![A-Za-z])";

    [GeneratedRegex(@"(?<![\d.A-Za-z])(?<n>\d+(?:\.\d+)?)[ \u3000]*" + Unit)]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"^[和、](?<n>\d+(?:\.\d+)?)[ \u3000]*" + Unit)]
    private static partial Regex SharedUnit();

    [GeneratedRegex(@"^(19|20)\d\d$")]
    private static partial Regex Year();

    [GeneratedRegex(@"^表\s*\d+\s")]
    private static partial Regex TableCaption();

    [GeneratedRegex(@"^图\s*\d+")]
    private static partial Regex ChartCaption();

    [GeneratedRegex("^(" + Parts + ")$")]
    private static partial Regex Part();

    [GeneratedRegex(@"^[一二三四五六七八九十]+、")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]+)\s*[）)]\s*(?<title>.*?)。?$")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^专栏\s*\d+")]
    private static partial Regex Box();

    [GeneratedRegex(@"[，。：；、“”《》（）()]")]
    private static partial Regex Punctuation();

    /// <summary>The report's text on this machine: DTG_REPORT, or the shared source folder beside the repository.</summary>
    public static string ReportPath =>
        Environment.GetEnvironmentVariable("DTG_REPORT")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "source", "report-on-chinas-digital-trade-2025.txt"));

    public static List<Number> Extract(string report)
    {
        var numbers = new List<Number>();
        string? part = null, chapter = null, level2 = null, level3 = null, box = null;
        var subtitleNext = false;
        var inTable = false;
        int? boxParagraph = null;
        var lines = report.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (inTable)
            {
                inTable = !text.StartsWith("数据来源", StringComparison.Ordinal);
                continue;
            }

            if (TableCaption().IsMatch(text))
            {
                inTable = true;
                continue;
            }

            if (line.Contains('\t') || ChartCaption().IsMatch(text) || text.StartsWith("数据来源", StringComparison.Ordinal))
            {
                continue;
            }

            if (Part().IsMatch(text) || text == "前 言")
            {
                (part, chapter, level2, level3, box) = (text == "前 言" ? "前言" : text, null, null, null, null);
                subtitleNext = text != "前 言";
                continue;
            }

            if (subtitleNext)
            {
                subtitleNext = false;
                continue;
            }

            if (part is not null && part != "前言")
            {
                if (Level2().IsMatch(text))
                {
                    (level2, level3, box) = (text, null, null);
                    continue;
                }

                if (Level3().Match(text) is { Success: true } heading && text.Length < 60)
                {
                    (level3, box) = ($"（{heading.Groups["n"].Value}）{heading.Groups["title"].Value}", null);
                    continue;
                }

                if (Box().IsMatch(text))
                {
                    (box, boxParagraph) = (text, null);
                    continue;
                }

                if (text.Length <= 20 && !Punctuation().IsMatch(text) && !text.Any(char.IsDigit) && !Superscripts.Contains(text[0]))
                {
                    (chapter, level2, level3, box) = (text.TrimEnd(Superscripts.ToCharArray()), null, null, null);
                    continue;
                }
            }

            var section = string.Join(" > ", new[] { part, chapter, level2, level3 }.Where(s => s is not null));
            if (box is not null)
            {
                boxParagraph ??= i;
                if (boxParagraph == i)
                {
                    section += " > " + box;
                }
                else
                {
                    box = null;
                }
            }

            numbers.AddRange(InLine(line, section));
        }

        return numbers;
    }

    private static IEnumerable<Number> InLine(string line, string section)
    {
        foreach (Match m in NumberWithUnit().Matches(line))
        {
            var unit = m.Groups["mag"].Value + m.Groups["word"].Value;
            if (unit.Length == 0
                && SharedUnit().Match(line[(m.Index + m.Length)..]) is { Success: true } next)
            {
                unit = next.Groups["mag"].Value + next.Groups["word"].Value;
            }

            var value = m.Groups["n"].Value;
            if (unit.Length == 0 || (unit == "年" && Year().IsMatch(value)))
            {
                continue;
            }

            var from = Math.Max(0, m.Index - 24);
            var to = Math.Min(line.Length, m.Index + m.Length + 6);
            yield return new Number(value, unit, section, line[from..to].Trim());
        }
    }

    public static string ToTsv(IEnumerable<Number> numbers)
    {
        var text = new StringBuilder();
        text.Append("# Every number with a unit in the report's running text (outside its tables), in order: number, unit,\n")
            .Append("# heading path, context. Derived by RunningTextNumbers.Extract; RunningTextCoverageTests re-derives it when\n")
            .Append("# the report is on the machine and, on a difference, writes the new list next to the test binaries.\n");
        foreach (var n in numbers)
        {
            text.Append(n.Value).Append('\t').Append(n.Unit).Append('\t').Append(n.Section).Append('\t').Append(n.Context).Append('\n');
        }

        return text.ToString();
    }

    public static List<Number> Vendored() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Report", "running-text-numbers.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => f.Length == 4 ? new Number(f[0], f[1], f[2], f[3]) : throw new FormatException($"expected 4 tab-separated fields: {string.Join('|', f)}"))];
}
