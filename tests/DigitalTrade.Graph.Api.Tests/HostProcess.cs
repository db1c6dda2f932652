using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The built host (<c>dtgraph.dll</c> from this test's output) run as a process, for behaviour that
/// belongs to the process: environment variables, listening addresses, ports.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dtgraph serve</c> over the given corpus from the test's output folder (which holds the host's appsettings.json).</summary>
    public static HostProcess Start(string corpus, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        new(Process.Start(StartInfo(["serve", "--Corpus:Path", corpus, "--RateLimit:Enabled", "false", .. arguments], environment))
            ?? throw new InvalidOperationException("dotnet did not start."));

    /// <summary>Runs a command that ends (<c>validate</c>, <c>export</c>, …) to its exit, killed if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var run = new HostProcess(Process.Start(StartInfo(arguments, environment)) ?? throw new InvalidOperationException("dotnet did not start."));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        await run._process.WaitForExitAsync(deadline.Token);
        run._process.WaitForExit(); // the output handlers have seen the last line
        return (run._process.ExitCode, run.Output);
    }

    private static ProcessStartInfo StartInfo(string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "dtgraph.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test sets: an ASPNETCORE_URLS of the machine running the tests must not leak in.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="url"/> answers /readyz with 200; fails with the process output otherwise.</summary>
    public async Task WaitUntilReadyAsync(string url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync(url + "/readyz", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // slow to answer while starting
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The host did not become ready at {url} within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
