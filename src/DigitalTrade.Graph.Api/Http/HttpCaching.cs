using DigitalTrade.Graph.Api.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// HTTP caching of GraphQL answers for browsers and CDNs. An answer without errors carries a strong <c>ETag</c>: the
/// request hash (graph version, document, operation, canonical variables) and the media type, so equal tags mean
/// byte-identical bodies of the same type (the serializer is deterministic). <c>If-None-Match</c> (a list, weak
/// comparison, or <c>*</c>) is answered 304 for GET (412 for POST, as RFC 9110 says for other methods), checked after
/// the limits and, for a listed tag, before any execution. GET answers are <c>public, max-age=N</c>: the graph is
/// public and read-only, and a new version is served at most N seconds late (then revalidated by ETag). POST answers
/// get the ETag but no Cache-Control: HTTP caches do not reuse POST answers (RFC 9111 4), GET (also with a trusted
/// <c>documentId</c>) is the form a CDN caches by URL. Answers with errors are <c>no-store</c>: a timeout or a
/// "not ready" must not be kept. Every answer says <c>Vary: Accept</c>: its media type follows Accept.
/// </summary>
internal static class HttpCaching
{
    /// <summary>The client's If-None-Match as the executor checks it; null when the request has none (or only unparsable text).</summary>
    public static Revalidation? Revalidation(HttpRequest request, string mediaType)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
        {
            return null;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return new Revalidation(true, _ => true);
        }

        return new Revalidation(false, tag =>
        {
            var current = ETag(tag, mediaType);
            return tags.Any(t => t.Compare(current, useStrongComparison: false));
        });
    }

    public static void SetHeaders(HttpContext http, string mediaType, GraphQLAnswer answer, int maxAgeSeconds)
    {
        var headers = http.Response.Headers;
        headers.Vary = "Accept";
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (answer.Tag is not { } tag)
        {
            if (isGet)
            {
                headers.CacheControl = "no-store";
            }

            return;
        }

        headers.ETag = ETag(tag, mediaType).ToString();
        if (isGet)
        {
            headers.CacheControl = maxAgeSeconds > 0 ? $"public, max-age={maxAgeSeconds}" : "public, no-cache";
        }
    }

    /// <summary>Strong: one tag per (version, request, media type), and equal tags are equal bytes.</summary>
    private static EntityTagHeaderValue ETag(string tag, string mediaType) =>
        new($"\"{tag}{(mediaType == GraphQLRequestReader.JsonMediaType ? ".j" : ".g")}\"");
}
