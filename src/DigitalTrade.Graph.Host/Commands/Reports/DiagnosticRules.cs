using System.Reflection;
using System.Text.RegularExpressions;
using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Commands.Reports;

/// <summary>One diagnostic code as a rule: its code, its name in the code, its severity and what it means.</summary>
internal sealed record DiagnosticRule(string Code, string Name, bool IsError, string Meaning);

/// <summary>
/// Every diagnostic code with the meaning the editor's guide gives it. The guide's code table
/// (graph-seed/README.md, embedded in this assembly) is the one description of the codes, and a corpus
/// test keeps it listing every code, so SARIF rules and the guide cannot drift apart.
/// </summary>
internal static partial class DiagnosticRules
{
    private const string GuideResource = "EditorsGuide.md";

    [GeneratedRegex(@"^\| (DTG\d{3}) \| (error or warning|error|warning) \| (.+) \|\s*$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex GuideRow();

    public static IReadOnlyList<DiagnosticRule> All { get; } = Read();

    private static List<DiagnosticRule> Read()
    {
        using var stream = typeof(DiagnosticRules).Assembly.GetManifestResourceStream(GuideResource)
            ?? throw new InvalidOperationException($"{GuideResource} is not embedded in {typeof(DiagnosticRules).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var rows = GuideRow().Matches(reader.ReadToEnd()).ToDictionary(m => m.Groups[1].Value, m => m, StringComparer.Ordinal);
        return [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (Name: f.Name, Code: (string)f.GetRawConstantValue()!))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => rows.TryGetValue(c.Code, out var row)
                ? new DiagnosticRule(c.Code, c.Name, row.Groups[2].Value.StartsWith("error", StringComparison.Ordinal), row.Groups[3].Value.Replace("`", string.Empty, StringComparison.Ordinal))
                : new DiagnosticRule(c.Code, c.Name, true, c.Name))];
    }
}
