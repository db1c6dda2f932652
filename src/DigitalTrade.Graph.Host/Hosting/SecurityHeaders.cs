namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Response headers every answer carries. Bound from <c>SecurityHeaders</c>.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>No inline script or style, nothing from other origins, no framing, no plugins: the explorer needs none of it.</summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    /// <summary>The policy for responses that do not set their own (a page may send a stricter, page-specific one).</summary>
    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    /// <summary>Links out of the explorer (to report sources, other sites) reveal nothing of the page they came from.</summary>
    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>HSTS max-age, sent on HTTPS requests only; unset (no header) unless the deployment is served over HTTPS.</summary>
    public TimeSpan? StrictTransportSecurityMaxAge { get; set; }
}

/// <summary>
/// Security headers on every response, set as it starts so errors and endpoints that write their
/// own headers get them too; a Content-Security-Policy already on the response is kept.
/// </summary>
public static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var options = app.Configuration.GetSection(SecurityHeadersOptions.Section).Get<SecurityHeadersOptions>() ?? new SecurityHeadersOptions();
        var hsts = options.StrictTransportSecurityMaxAge is { } maxAge && maxAge > TimeSpan.Zero
            ? $"max-age={(long)maxAge.TotalSeconds}; includeSubDomains"
            : null;
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy") && !string.IsNullOrEmpty(options.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = options.ContentSecurityPolicy;
                }

                // Browsers must not guess a type: a JSON answer or a Markdown file is never run as script or HTML.
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = options.ReferrerPolicy;

                // frame-ancestors 'none' for browsers too old for CSP: no clickjacking through frames.
                headers.XFrameOptions = "DENY";

                // Another site's window cannot keep a handle on ours, and our resources are not embedded elsewhere
                // (CORS requests from configured origins are unaffected).
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";

                // A read-only graph needs no camera, microphone, location or payment.
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                if (hsts is not null && http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = hsts;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
