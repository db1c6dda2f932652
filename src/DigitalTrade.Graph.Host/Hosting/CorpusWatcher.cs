using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// With <c>Corpus:Watch</c> (<c>serve --watch</c>), reloads the corpus shortly after files change.
/// Changes arriving close together (an editor saving several files) are coalesced into one reload.
/// </summary>
public sealed partial class CorpusWatcher(
    CorpusSnapshotService snapshots,
    IOptions<CorpusOptions> options,
    ILogger<CorpusWatcher> logger) : BackgroundService
{
    /// <summary>How long the corpus must be quiet before reloading.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch)
        {
            return;
        }

        var root = CorpusLocation.Resolve(options.Value.Path);
        var changed = new SemaphoreSlim(0);
        var paths = new ChangedPaths(root);
        using var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void OnChange(object? sender, FileSystemEventArgs e)
        {
            paths.Add(e.FullPath);
            if (e is RenamedEventArgs renamed)
            {
                paths.Add(renamed.OldFullPath);
            }

            changed.Release();
        }

        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, _) =>
        {
            paths.Lose(); // the watcher's buffer overflowed: which files changed is not known
            changed.Release();
        };
        watcher.EnableRaisingEvents = true;
        LogWatching(logger, root);

        while (!stoppingToken.IsCancellationRequested)
        {
            await changed.WaitAsync(stoppingToken);
            while (await changed.WaitAsync(Quiet, stoppingToken))
            {
                // Keep draining until the burst is over.
            }

            try
            {
                // Taken right before reading: a change noted from here on is read by the next reload.
                snapshots.Reload(changed: paths.Take());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A reload that fails in a way the loader does not foresee must not end the watch (a faulted
                // background service stops the host): the last good snapshot keeps serving.
                LogReloadFailed(logger, e, root);
            }
        }
    }

    /// <summary>
    /// The corpus files changes were seen in since the last reload. A folder created or moved in, or an overflow of the
    /// watcher, loses track, and the next reload compares every file's hash with the last load's. It starts lost:
    /// changes made between the start-up load and the watcher's start were not seen.
    /// </summary>
    private sealed class ChangedPaths(string root)
    {
        private readonly Lock _lock = new();
        private HashSet<string> _paths = new(StringComparer.Ordinal);
        private bool _lost = true;

        public void Add(string fullPath)
        {
            // Files at new paths and files gone are found by listing the folder; what must be named is a file changed in
            // place, or a folder moved in over paths that were there (an editor's temporary file is neither).
            var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
            var folder = Directory.Exists(fullPath);
            lock (_lock)
            {
                _lost |= folder;
                _paths.Add(relative);
            }
        }

        public void Lose()
        {
            lock (_lock)
            {
                _lost = true;
            }
        }

        /// <summary>The paths seen since the last call, or null when track was lost; starts over.</summary>
        public IReadOnlyCollection<string>? Take()
        {
            lock (_lock)
            {
                var taken = _lost ? null : _paths;
                (_paths, _lost) = (new HashSet<string>(StringComparer.Ordinal), false);
                return taken;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading {CorpusRoot} failed; the last good snapshot keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string corpusRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {CorpusRoot} for changes")]
    private static partial void LogWatching(ILogger logger, string corpusRoot);
}
