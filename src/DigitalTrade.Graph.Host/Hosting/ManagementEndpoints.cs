using System.Security.Cryptography;
using System.Text;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>
/// Where the operators' endpoints (metrics, the corpus diagnostics page) are served and who may
/// read them. Bound from <c>Management</c>; by default they are public on the API's address.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>Path prefixes that are management endpoints.</summary>
    public string[] Paths { get; set; } = ["/metrics", "/diagnostics"];

    /// <summary>
    /// An extra address (e.g. <c>http://127.0.0.1:9464</c>) that serves the management endpoints
    /// (and health probes) and nothing else; when set, they answer 404 on every other address.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>When set, management endpoints require <c>Authorization: Bearer {Token}</c> (401 otherwise).</summary>
    public string? Token { get; set; }
}

/// <summary>Restricts management endpoints by port and/or bearer token, by path, before any endpoint runs.</summary>
public static class ManagementEndpoints
{
    private static readonly string[] Probes = ["/healthz", "/readyz"];

    /// <summary>Where the API listens when nothing is configured: loopback only, so a fresh clone is not exposed.</summary>
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>
    /// The addresses Kestrel listens on: <c>Urls</c> as configured (<c>ASPNETCORE_URLS</c>, <c>URLS</c>,
    /// <c>--urls</c>, appsettings), else <c>HTTP_PORTS</c>, else <see cref="DefaultUrls"/>; plus the
    /// management address. The default lives here, not in appsettings.json, where it would take
    /// precedence over <c>ASPNETCORE_URLS</c>.
    /// </summary>
    public static void UseListenAddresses(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = (builder.Configuration["http_ports"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            urls = ports.Length > 0 ? string.Join(';', ports.Select(p => $"http://*:{p}")) : DefaultUrls;
        }

        var management = Options(builder.Configuration).Url;
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(management) ? urls : $"{urls};{management}");
    }

    public static void UseManagementEndpoints(this WebApplication app)
    {
        var options = Options(app.Configuration);
        int? port = options.Url is { Length: > 0 } url ? BindingAddressPort(url) : null;
        var token = options.Token is { Length: > 0 } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null;
        if (port is null && token is null)
        {
            return;
        }

        app.Use((http, next) =>
        {
            var path = http.Request.Path;
            var management = options.Paths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
            if (port is { } managementPort)
            {
                var onManagementPort = http.Connection.LocalPort == managementPort;
                var probe = Probes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
                if (management != onManagementPort && !(probe && onManagementPort))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
            }

            if (management && token is not null && !Authorized(http.Request, token))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            }

            return next(http);
        });
    }

    private static ManagementOptions Options(IConfiguration configuration) =>
        configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new ManagementOptions();

    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes of equal length, compared in constant time: the comparison reveals nothing of the token.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static int BindingAddressPort(string url) =>
        Microsoft.AspNetCore.Http.BindingAddress.Parse(url).Port;
}
