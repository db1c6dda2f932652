using System.Net;
using System.Net.Sockets;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>HTTP clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test has several "clients".</summary>
public static class LoopbackClients
{
    public static HttpClient From(string localAddress, Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }
}
