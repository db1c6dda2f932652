using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Serilog.Events;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issue 11 item 10: a body that arrives too slowly is a 408 (it was a 500), and a client that
/// leaves is not a server error (it was logged as one). Raw sockets, so the test controls the timing.
/// Serilog's static logger is set by whichever host started last, so these run alone (<see cref="RunsAlone"/>).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class TransportTests : IAsyncLifetime
{
    private readonly CapturedLog _log = CapturedLog.Create();
    private GraphApiFactory _api = null!;

    public ValueTask InitializeAsync()
    {
        _api = new GraphApiFactory(ApiCorpus.Write(), settings: _log.Settings("Information"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_408_and_no_server_error()
    {
        using var socket = await Connect();
        var body = "{\"query\":\"{ corpus { version } }\"}"u8.ToArray();
        await socket.SendAsync(Head(body.Length).Concat(body.Take(5)).ToArray(), TestContext.Current.CancellationToken);

        // Kestrel's minimum body rate (240 B/s after a 5 s grace period) decides; the answer must come, as a 408.
        var clock = Stopwatch.StartNew();
        var answer = await Receive(socket, TimeSpan.FromSeconds(60));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("REQUEST_TIMEOUT", answer, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(_log.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_request_is_logged_as_information_not_as_an_error()
    {
        using (var socket = await Connect())
        {
            await socket.SendAsync(Head(1000).Concat("{\"query\":\"{ corpus"u8.ToArray()).ToArray(), TestContext.Current.CancellationToken);

            // Let the server start reading the body, then reset the connection.
            await Task.Delay(500, TestContext.Current.CancellationToken);
            socket.Close(0);
        }

        // The endpoint says the client left.
        static bool Left(LogEvent e) => e.MessageTemplate.Text.Contains("ended by the client", StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        while (!_log.Events.Any(Left) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var left = Assert.Single(_log.Events, Left);
        Assert.Equal(LogEventLevel.Information, left.Level);
        Assert.DoesNotContain(_log.Events, e => e.Level >= LogEventLevel.Error);
    }

    private async Task<Socket> Connect()
    {
        using var client = _api.CreateClient(); // starts the server and names its address
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port, TestContext.Current.CancellationToken);
        return socket;
    }

    private static byte[] Head(int contentLength) =>
        Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\nContent-Length: {contentLength}\r\n\r\n");

    private static async Task<string> Receive(Socket socket, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[8192];
        var received = new StringBuilder();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.ToString().Contains("}]}", StringComparison.Ordinal))
            {
                return received.ToString();
            }
        }
    }
}

/// <summary>Tests that read a host's log events: no other host may start while they run, since hosts share Serilog's static logger.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "logging";
}
