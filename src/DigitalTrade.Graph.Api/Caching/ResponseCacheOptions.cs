namespace DigitalTrade.Graph.Api.Caching;

/// <summary>
/// The response cache and HTTP caching, bound from <c>GraphQL:ResponseCache</c> (e.g. env
/// <c>GraphQL__ResponseCache__SizeLimitBytes=67108864</c>). The graph is an immutable, versioned snapshot, so an
/// answer is a function of (version, document, operation, variables) and can be reused until the version changes.
/// </summary>
public sealed class ResponseCacheOptions
{
    /// <summary>Keep successful answers in memory and serve repeats from there; limits are still checked on every request.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most bytes of answers held (bodies plus a fixed overhead per entry); entries past it are not added and old ones are evicted.</summary>
    public long SizeLimitBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Answers larger than this are not kept: one huge answer would push out hundreds of ordinary ones.</summary>
    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// <c>Cache-Control: public, max-age=…</c> on successful GET answers, in seconds; 0 sends <c>no-cache</c> (always
    /// revalidate with the ETag). A new corpus version is served to a client or CDN at most this late.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 60;
}
