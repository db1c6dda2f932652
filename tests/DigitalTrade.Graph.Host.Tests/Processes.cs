using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>What a finished process printed and returned.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs programs the way a person or CI does: a separate process, output captured, bounded in time.</summary>
internal static class Processes
{
    /// <summary>Generous: process tests share two cores with the rest of the suite (and other work).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The build configuration of these tests, which is the one the host was built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The built host, as <c>dotnet run</c> and the Dockerfile's publish start from.</summary>
    public static string DtgraphDll { get; } = Path.Combine(RepositoryRoot.Path, "src", "DigitalTrade.Graph.Host", "bin", Configuration, "net10.0", "dtgraph.dll");

    public static Task<ProcessResult> Dtgraph(params string[] args) => Run("dotnet", [DtgraphDll, .. args]);

    public static async Task<ProcessResult> Run(
        string fileName,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = StartInfo(fileName, args, workingDirectory, environment) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeout ?? DefaultTimeout}:\n{stdout}\n{stderr}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    internal static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    /// <summary>A TCP port nobody listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server process: started, its output lines collected, stopped (its own process tree only) on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string fileName, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = new Process { StartInfo = Processes.StartInfo(fileName, args, workingDirectory, environment) };
        var server = new ServerProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with everything printed so far otherwise.</summary>
    public async Task<string> WaitForLine(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Processes.DefaultTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } late)
                {
                    return late;
                }

                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }

            await _newLine.WaitAsync(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"no line with '{text}' within {timeout ?? Processes.DefaultTimeout}:\n{Output}");
    }

    public async Task<int> WaitForExit(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Processes.DefaultTimeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // The semaphore is left to the collector: an output event may still arrive while the process is torn down.
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _newLine.Release();
        }
    }
}
