using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Commands.Reports;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,col=…::DTG012 …</c>): the Actions runner
/// turns each into an annotation on the file's line in the pull request's diff.
/// </summary>
internal static class GitHubAnnotations
{
    public static void Write(TextWriter output, IEnumerable<Diagnostic> diagnostics, RepositoryPaths paths)
    {
        foreach (var d in diagnostics)
        {
            var command = d.IsError ? "error" : "warning";
            output.Write($"::{command} file={Property(paths.Relative(d.Path))},line={d.Line},col={d.Column}::{Data($"{d.Code} {d.Message}")}\n");
        }
    }

    /// <summary>A command's message, escaped as the Actions toolkit does (escapeData): %, CR and LF.</summary>
    public static string Data(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A command's property value, escaped as the Actions toolkit does (escapeProperty): also : and ,.</summary>
    public static string Property(string value) => Data(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
