using System.Diagnostics;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>
/// A request's execution timeout, read from the clock as well as from its timer. The timer's callback runs on the
/// thread pool, which on a busy machine may run it long after the time — while the request, running synchronously
/// on an in-memory graph, finishes past its deadline unnoticed. Checking the clock between fields makes the timeout
/// hold whatever the machine's load.
/// </summary>
internal sealed class ExecutionDeadline
{
    private readonly CancellationTokenSource _source;
    private readonly long _due;

    public ExecutionDeadline(CancellationTokenSource source, long startedTimestamp, TimeSpan timeout)
    {
        _source = source;
        _due = startedTimestamp + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        source.CancelAfter(timeout);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Cancels the request's token once the time is up (if its timer has not yet), then throws if it is cancelled.</summary>
    public void ThrowIfPassed()
    {
        if (!_source.IsCancellationRequested && Stopwatch.GetTimestamp() >= _due)
        {
            _source.Cancel();
        }

        _source.Token.ThrowIfCancellationRequested();
    }
}
