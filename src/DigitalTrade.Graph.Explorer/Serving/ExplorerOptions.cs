namespace DigitalTrade.Graph.Explorer;

/// <summary>The explorer's settings, bound from the <c>Explorer</c> configuration section.</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>Pages per client (the explorer's own bucket, separate from <c>/graphql</c>'s).</summary>
    public PageRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>
/// A token bucket per client address for explorer pages. A page costs one token whatever it asks the
/// API in process; static assets (cached by browsers) cost nothing.
/// </summary>
public sealed class PageRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Pages a client may load per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 5;

    /// <summary>Pages a client may load at once after being idle.</summary>
    public int Burst { get; set; } = 60;
}
