using System.Collections.Concurrent;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The log events of one test host, so a test can assert what was logged and at which level. Hosts
/// write to one process-wide sink (named in their configuration, <see cref="Settings"/>) and tag
/// their events with a property naming the host; this view keeps those of one host.
/// </summary>
public sealed class CapturedLog
{
    private const string HostProperty = "CapturedLogHost";

    private CapturedLog(string name) => Name = name;

    public string Name { get; }

    public IEnumerable<LogEvent> Events =>
        Sink.Events.Where(e => e.Properties.TryGetValue(HostProperty, out var host) && host is ScalarValue { Value: string value } && value == Name);

    internal static CapturedLogSink Sink { get; } = new();

    public static CapturedLog Create() => new("log-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Configuration that sends a host's log events, from <paramref name="level"/> up, to the sink.
    /// (A sink with arguments cannot be named through WebApplicationFactory's settings, which give
    /// every section a value; the simple form and a property can.)
    /// </summary>
    public Dictionary<string, string> Settings(string level = "Debug") => new()
    {
        ["Serilog:Using:0"] = typeof(CapturedLog).Assembly.GetName().Name!,
        ["Serilog:WriteTo:0"] = nameof(CapturedLogSinks.CapturedLog),
        ["Serilog:Properties:" + HostProperty] = Name,
        ["Serilog:MinimumLevel:Default"] = level,
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning",
    };

    internal sealed class CapturedLogSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}

/// <summary>Lets Serilog's configuration reader find the sink by name.</summary>
public static class CapturedLogSinks
{
    public static LoggerConfiguration CapturedLog(this LoggerSinkConfiguration sinks) => sinks.Sink(Tests.CapturedLog.Sink);
}
