namespace DigitalTrade.Graph.Stores.Embedded.Cache;

/// <summary>
/// The on-disk snapshot cache, which lets a restart on unchanged files skip parsing and indexing.
/// Bound from <c>Corpus:Cache</c> (e.g. env <c>Corpus__Cache__Enabled=false</c>).
/// </summary>
public sealed class SnapshotCacheOptions
{
    /// <summary>On by default; off, every start reads and indexes the corpus.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The folder cache files are written to (one per corpus folder). Empty: the user's cache folder,
    /// <c>$XDG_CACHE_HOME/dtgraph</c> or <c>~/.cache/dtgraph</c> (<c>%LOCALAPPDATA%\dtgraph</c> on Windows).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>A cache file larger than this is not read (and not written): the bound on what a start-up reads.</summary>
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The folder <see cref="Path"/> names, or the default one.</summary>
    public string ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dtgraph");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(!string.IsNullOrEmpty(xdg) ? xdg : System.IO.Path.Combine(home, ".cache"), "dtgraph");
    }
}
