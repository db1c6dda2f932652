using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Finds the corpus folder a relative path names.</summary>
public static class CorpusLocation
{
    /// <summary>For commands that run without the web host: the same configuration sources the host reads for the limits.</summary>
    private static readonly Lazy<CorpusLimits> ConfiguredLimits = new(() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build()
            .GetSection(CorpusOptions.Section).GetSection(nameof(CorpusOptions.Limits)).Get<CorpusLimits>() ?? CorpusLimits.Default);

    /// <summary>
    /// A relative path is looked up from the working directory and then its parents, so
    /// <c>graph-seed</c> works from the repository root and from a project folder alike
    /// (<c>dotnet run</c> may start the app in either).
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(path);
    }

    /// <summary>
    /// Loads the corpus a path names. Diagnostics name files from the corpus folder's own name
    /// (<c>graph-seed/cases/x.md</c>), never by the machine's absolute path: they are served by the API.
    /// </summary>
    /// <param name="limits">The bounds per file; by default those configured (<c>Corpus:Limits</c> in appsettings.json or <c>Corpus__Limits__*</c>).</param>
    /// <param name="progress">Told after each file is read (the CLI's progress line).</param>
    public static CorpusLoadResult Load(string path, TimeProvider? time = null, CorpusLimits? limits = null, IProgress<CorpusLoadProgress>? progress = null)
    {
        var root = Resolve(path);
        return CorpusLoader.Load(root, DisplayName(root), time, limits ?? ConfiguredLimits.Value, progress);
    }

    /// <summary>The corpus folder's name, as diagnostics print it.</summary>
    public static string DisplayName(string root) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
}
