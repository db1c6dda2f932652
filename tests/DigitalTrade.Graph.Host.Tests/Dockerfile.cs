using System.Text.Json;
using System.Text.RegularExpressions;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>The repository's Dockerfile, read as Docker reads it: instructions with their continuation lines joined.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The instructions after the last FROM: what the image is.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage =>
        [.. Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n)];

    [GeneratedRegex(@"\\\s*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Continuation();

    public static Dockerfile Read()
    {
        var text = Continuation().Replace(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile")), " ");
        var instructions = text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Keyword: l.Split(' ', 2)[0], Arguments: l.Split(' ', 2).ElementAtOrDefault(1) ?? string.Empty))
            .ToList();
        return new Dockerfile(instructions);
    }

    /// <summary>The final stage's environment (ENV a=b c=d).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        FinalStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>An exec-form (JSON array) instruction of the final stage, e.g. ENTRYPOINT or the HEALTHCHECK's CMD.</summary>
    public IReadOnlyList<string> ExecForm(string keyword)
    {
        var arguments = FinalStage.Single(i => i.Keyword == keyword).Arguments;
        var json = keyword == "HEALTHCHECK" ? arguments[(arguments.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..] : arguments;
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
