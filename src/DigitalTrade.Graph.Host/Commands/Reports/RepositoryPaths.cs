namespace DigitalTrade.Graph.Host.Commands.Reports;

/// <summary>
/// Turns the file a diagnostic names into a path relative to the repository root, which is how GitHub
/// places annotations and code-scanning results on a pull request's lines.
/// </summary>
internal sealed class RepositoryPaths
{
    private readonly string _corpusRoot;
    private readonly string[] _displayPrefixes;

    /// <param name="corpusRoot">The corpus folder as found on disk.</param>
    /// <param name="written">The corpus folder as the user wrote it.</param>
    /// <param name="repositoryRoot">The folder results are relative to; by default <see cref="FindRoot"/>.</param>
    public RepositoryPaths(string corpusRoot, string written, string? repositoryRoot = null)
    {
        _corpusRoot = Path.GetFullPath(corpusRoot);
        Root = repositoryRoot ?? FindRoot(_corpusRoot);

        // Diagnostics print files under the corpus as the folder was written or by the folder's own name.
        _displayPrefixes = [.. new[] { written, Path.GetFileName(Path.TrimEndingDirectorySeparator(_corpusRoot)) }
            .Select(p => p.Replace('\\', '/').TrimEnd('/'))
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    public string Root { get; }

    /// <summary>The diagnostic's file relative to <see cref="Root"/>, with forward slashes.</summary>
    public string Relative(string diagnosticPath)
    {
        var inCorpus = InCorpus(diagnosticPath.Replace('\\', '/'));
        var full = inCorpus.Length == 0 ? _corpusRoot : Path.Combine(_corpusRoot, inCorpus);
        return Path.GetRelativePath(Root, full).Replace('\\', '/');
    }

    /// <summary>
    /// The checkout a CI run works in (GITHUB_WORKSPACE) when the corpus is inside it, else the nearest
    /// folder above the corpus holding .git, else the working directory.
    /// </summary>
    public static string FindRoot(string corpusRoot)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") is { Length: > 0 } workspace
            && !Path.GetRelativePath(Path.GetFullPath(workspace), corpusRoot).StartsWith("..", StringComparison.Ordinal))
        {
            return Path.GetFullPath(workspace);
        }

        for (var directory = new DirectoryInfo(corpusRoot); directory is not null; directory = directory.Parent)
        {
            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private string InCorpus(string path)
    {
        foreach (var prefix in _displayPrefixes)
        {
            if (path == prefix)
            {
                return string.Empty;
            }

            if (path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return path[(prefix.Length + 1)..];
            }
        }

        return path;
    }
}
