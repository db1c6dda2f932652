using System.Text;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// The report as one string without whitespace (names broken by a page break join up again), with
/// the heading path in force at every character: 封面 (the cover) before the preface, then part and
/// chapter from the table of contents, then 一、 sections and （一） subsections.
/// </summary>
internal sealed partial class ReportText(string flat, List<string> sectionOfChar)
{
    /// <summary>Where the report is on this machine: DTG_REPORT, or the shared source folder beside the repository.</summary>
    public static string DefaultPath => Environment.GetEnvironmentVariable("DTG_REPORT")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "source", "report-on-chinas-digital-trade-2025.txt"));

    [GeneratedRegex(@"^(?<title>.+?)\t- \d+ -$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"^[一二三四五六七八九十]+、\S")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]+)\s*[）)]\s*(?<rest>\S.*)$")]
    private static partial Regex SubsectionHeading();

    [GeneratedRegex(@"[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")]
    private static partial Regex FootnoteMark();

    public string Flat { get; } = flat;

    public string SectionAt(int index) => sectionOfChar[index];

    public static ReportText Read(string[] lines)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        var chapters = new HashSet<string>(StringComparer.Ordinal);
        var preface = Array.FindIndex(lines, l => l.Trim() == "前 言");
        foreach (var line in lines.Take(preface))
        {
            if (TocLine().Match(line.Trim()) is { Success: true } toc)
            {
                var title = toc.Groups["title"].Value;
                if (title.Contains('：'))
                {
                    parts.Add(title[..title.IndexOf('：')]);
                }
                else
                {
                    chapters.Add(title);
                }
            }
        }

        var flat = new StringBuilder();
        var sections = new List<string>();
        string?[] path = new string?[4];
        for (var i = 0; i < lines.Length; i++)
        {
            var heading = FootnoteMark().Replace(lines[i].Trim(), string.Empty);
            if (i == preface)
            {
                path = ["前言", null, null, null];
            }
            else if (i > preface && parts.Contains(heading))
            {
                path = [heading, null, null, null];
            }
            else if (i > preface && path[0] is not null && chapters.Contains(heading))
            {
                path = [path[0], heading, null, null];
            }
            else if (path[1] is not null && heading.Length < 60 && SectionHeading().IsMatch(heading))
            {
                path = [path[0], path[1], heading, null];
            }
            else if (path[2] is not null && heading.Length < 60 && SubsectionHeading().Match(heading) is { Success: true } sub)
            {
                path = [path[0], path[1], path[2], $"（{sub.Groups["n"].Value}）{sub.Groups["rest"].Value}"];
            }

            var section = i < preface ? "封面" : string.Join(" > ", path.Where(p => p is not null));
            foreach (var c in lines[i].Where(c => !char.IsWhiteSpace(c)))
            {
                flat.Append(c);
                sections.Add(section);
            }
        }

        return new ReportText(flat.ToString(), sections);
    }
}
