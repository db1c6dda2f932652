using System.CommandLine;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>
/// <c>healthcheck</c>: asks a running server's <c>/healthz</c> and exits 0 when it answers 200, 1 otherwise.
/// The container's HEALTHCHECK runs it: the ASP.NET runtime image has no curl or wget, and the app already
/// knows where it listens (the same configuration as <c>serve</c>: appsettings.json, Urls, --urls).
/// </summary>
internal static class HealthcheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var command = new Command("healthcheck", "Exit 0 when the server configured here answers GET /healthz with 200 (for container health checks).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.WithUsage("dtgraph healthcheck [--urls <address the server listens on>]");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (Cli.StrayArgument(parseResult.UnmatchedTokens, atRoot: false) is { } stray)
            {
                return Cli.Fail(command, stray);
            }

            var configuration = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = [.. parseResult.UnmatchedTokens],
                ContentRootPath = AppContext.BaseDirectory,
            }).Configuration;
            // Where serve listens (ManagementEndpoints.UseListenAddresses): Urls, else HTTP_PORTS, else the default.
            var ports = (configuration["http_ports"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var urls = configuration["urls"] is { Length: > 0 } configured ? configured
                : ports.Length > 0 ? $"http://localhost:{ports[0]}"
                : Hosting.ManagementEndpoints.DefaultUrls;
            var listening = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var address = listening.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? listening[0];
            var url = ServeAddresses.Browsable(address) + "/healthz";
            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Host = HostHeader(configuration["AllowedHosts"], new Uri(url));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                Console.Out.WriteLine($"{url}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"{url}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// The Host header to ask with: the server answers only the names in <c>AllowedHosts</c> (400 otherwise),
    /// so a deployment that lists its public names is asked as the first of them; loopback names by default.
    /// </summary>
    internal static string? HostHeader(string? allowedHosts, Uri url)
    {
        var allowed = (allowedHosts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowed.Length == 0 || allowed.Any(h => h == "*" || string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // A wildcard entry (*.example.org) allows any name under it.
        var name = allowed[0].StartsWith("*.", StringComparison.Ordinal) ? "healthcheck" + allowed[0][1..] : allowed[0];
        return url.IsDefaultPort ? name : $"{name}:{url.Port}";
    }
}
