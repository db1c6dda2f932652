using DigitalTrade.Graph.Corpus;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Finds the corpus folder a relative path names.</summary>
public static class CorpusLocation
{
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

    /// <summary>Loads the corpus a path names, printing its files in diagnostics as the user wrote the path.</summary>
    public static CorpusLoadResult Load(string path, TimeProvider? time = null, IProgress<CorpusLoadProgress>? progress = null) =>
        CorpusLoader.Load(Resolve(path), displayRoot: path, time, progress);
}
