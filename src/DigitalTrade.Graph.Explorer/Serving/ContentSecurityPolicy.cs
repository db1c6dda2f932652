using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The strict policy every explorer response carries: scripts, styles, fonts and connections only from
/// this server, no inline script or style, no eval, no framing. Every page (GraphiQL included) works
/// under it; the browser tests fail on any violation. The host may send the same policy for every
/// response; a response that already carries one keeps it.
/// </summary>
internal static class ContentSecurityPolicy
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
