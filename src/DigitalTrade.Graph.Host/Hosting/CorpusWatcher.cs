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
        using var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void OnChange(object? sender, FileSystemEventArgs e) => changed.Release();
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
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
                snapshots.Reload();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A reload that fails in a way the loader does not foresee must not end the watch (a faulted
                // background service stops the host): the last good snapshot keeps serving.
                LogReloadFailed(logger, e, root);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading {CorpusRoot} failed; the last good snapshot keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string corpusRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {CorpusRoot} for changes")]
    private static partial void LogWatching(ILogger logger, string corpusRoot);
}
