using System.Diagnostics;
using DigitalTrade.Graph.Api.Execution;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The execution timeout holds by the clock even when its timer has not fired (a busy thread pool runs timers late).</summary>
public sealed class ExecutionDeadlineTests
{
    [Fact]
    public void A_passed_deadline_cancels_before_its_timer_fires()
    {
        using var source = new CancellationTokenSource();
        // Started two seconds ago with a one-second timeout: the timer (set now, for one second) has not fired, the time is up.
        var deadline = new ExecutionDeadline(source, Stopwatch.GetTimestamp() - (2 * Stopwatch.Frequency), TimeSpan.FromSeconds(1));
        Assert.False(source.IsCancellationRequested);

        Assert.Throws<OperationCanceledException>(deadline.ThrowIfPassed);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_deadline_still_ahead_does_nothing()
    {
        using var source = new CancellationTokenSource();
        var deadline = new ExecutionDeadline(source, Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(5));

        deadline.ThrowIfPassed();

        Assert.False(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_request_cancelled_otherwise_is_cancelled_at_the_next_check()
    {
        using var source = new CancellationTokenSource();
        var deadline = new ExecutionDeadline(source, Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(5));
        source.Cancel(); // the client left

        Assert.Throws<OperationCanceledException>(deadline.ThrowIfPassed);
    }
}
