using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Whether the server is a Neo4j this store supports (5.26 or newer, Query API enabled), from its discovery
/// document. A supported server is asked once per process; a refusal is remembered for a minute (an upgrade
/// needs a restart of the server, and we should notice it without one of ours).
/// </summary>
public sealed partial class Neo4jServerCheck(Neo4jQueryClient client, IOptions<Neo4jOptions> options, TimeProvider time, ILogger<Neo4jServerCheck> logger) : IDisposable
{
    private static readonly TimeSpan RefusalMemory = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Neo4jServerInfo? _supported;
    private (Neo4jQueryException Refusal, DateTimeOffset At)? _refused;

    /// <summary>The server's description once it has been found supported; throws <see cref="Neo4jQueryException.UnsupportedServer"/> otherwise.</summary>
    public async Task<Neo4jServerInfo> EnsureSupportedAsync(CancellationToken cancellationToken)
    {
        if (_supported is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_supported is { } again)
            {
                return again;
            }

            if (_refused is { } refused && time.GetUtcNow() - refused.At < RefusalMemory)
            {
                throw refused.Refusal;
            }

            var uri = options.Value.Uri ?? throw new InvalidOperationException("Neo4j:Uri (or NEO4J_URI) is not set.");
            var info = await client.GetServerInfoAsync(cancellationToken);
            if (info.Problem(uri) is { } problem)
            {
                var refusal = new Neo4jQueryException(Neo4jQueryException.UnsupportedServer, problem);
                _refused = (refusal, time.GetUtcNow());
                LogUnsupported(logger, problem);
                throw refusal;
            }

            if (info.Caution(uri) is { } caution)
            {
                LogCaution(logger, caution);
            }

            LogSupported(logger, info.VersionText, info.Edition ?? "unknown edition", uri);
            _supported = info;
            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogUnsupported(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Caution}")]
    private static partial void LogCaution(ILogger logger, string caution);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j {Version} ({Edition}) at {Uri} is supported")]
    private static partial void LogSupported(ILogger logger, string version, string edition, Uri uri);
}

/// <summary>
/// <c>serve</c> with <c>Store:Kind=neo4j</c>: checks the server at start-up and refuses to start on one it does not
/// support, saying what to do. A server that cannot be reached yet is no reason to stop: /readyz reports it, and
/// the store checks again before it first serves.
/// </summary>
public sealed partial class Neo4jStartupCheck(Neo4jServerCheck check, IOptions<Neo4jOptions> options, ILogger<Neo4jStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.StartupCheckTimeout);
        try
        {
            await check.EnsureSupportedAsync(budget.Token);
        }
        catch (Neo4jQueryException e) when (e.Code != Neo4jQueryException.UnsupportedServer)
        {
            LogDeferred(logger, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogDeferred(logger, $"no answer within {options.Value.StartupCheckTimeout.TotalSeconds:0.#} s");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j could not be checked at start-up ({Problem}); /readyz reports it until it answers")]
    private static partial void LogDeferred(ILogger logger, string problem);
}
