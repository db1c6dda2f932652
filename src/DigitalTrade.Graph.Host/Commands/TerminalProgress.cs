using System.Globalization;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>
/// Progress of long work (reading files, writing entities) for a person at a terminal: one line on
/// standard error, redrawn in place at most ten times a second and erased when the work is done. Nothing
/// is drawn during the first half second, so short runs look as before, and nothing at all when
/// standard output or standard error is redirected (scripts, CI logs, pipes stay clean).
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter? _writer;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Lock _drawing = new();
    private long _lastDraw;
    private int _width;

    /// <param name="writer">Where to draw, or null to stay silent.</param>
    internal TerminalProgress(TextWriter? writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>Draws on standard error when both standard streams are a terminal; silent otherwise.</summary>
    public static TerminalProgress ForConsole() =>
        new(Console.IsOutputRedirected || Console.IsErrorRedirected ? null : Console.Error, TimeProvider.System);

    /// <summary>An <see cref="IProgress{T}"/> for a reporter's own progress type. Reports may come from several threads.</summary>
    public IProgress<T> For<T>(Func<T, (string Phase, int Done, int Total)> describe) => new Adapter<T>(this, describe);

    public void Report(string phase, int done, int total)
    {
        if (_writer is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        lock (_drawing)
        {
            if (_time.GetElapsedTime(_started, now) < Delay || (_lastDraw != 0 && _time.GetElapsedTime(_lastDraw, now) < Interval && done < total))
            {
                return;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"{phase}: {done:N0}/{total:N0}");
            _writer.Write("\r" + line.PadRight(_width));
            _writer.Flush();
            _width = Math.Max(_width, line.Length);
            _lastDraw = now;
        }
    }

    public void Dispose() => Clear();

    /// <summary>Erases the progress line, so what the command prints next starts at the left margin; later reports draw anew.</summary>
    public void Clear()
    {
        lock (_drawing)
        {
            if (_writer is not null && _width > 0)
            {
                _writer.Write("\r" + new string(' ', _width) + "\r");
                _writer.Flush();
                _width = 0;
            }
        }
    }

    private sealed class Adapter<T>(TerminalProgress progress, Func<T, (string Phase, int Done, int Total)> describe) : IProgress<T>
    {
        public void Report(T value)
        {
            var (phase, done, total) = describe(value);
            progress.Report(phase, done, total);
        }
    }
}
