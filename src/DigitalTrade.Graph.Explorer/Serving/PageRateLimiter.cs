using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// The explorer's own per-client rate limit on pages: a token bucket per client address, apart from
/// <c>/graphql</c>'s buckets. The pages' GraphQL work runs in process (<see cref="GraphQLClient"/>) and
/// spends no bucket at all, so one visitor emptying theirs changes nothing for another.
/// </summary>
/// <remarks>
/// The client is <see cref="ConnectionInfo.RemoteIpAddress"/>, never X-Forwarded-For: a header anyone
/// can write would let a client pick a fresh bucket per request, or spend someone else's. Behind a
/// reverse proxy, the host's forwarded-headers middleware (with that proxy as a known proxy) rewrites
/// the remote address, and this limit follows the real client without trusting anyone else.
/// IPv6 clients are limited per /64, the block one subscriber usually holds.
/// </remarks>
internal sealed class PageRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>? _limiter;

    public PageRateLimiter(PageRateLimitOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.Burst),
            TokensPerPeriod = Math.Max(1, options.PermitsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The bucket a request spends from: its IPv4 address, or its IPv6 /64.</summary>
    public static string ClientKey(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Null when the page may be served, otherwise the seconds to wait.</summary>
    public int? TryAcquire(HttpContext http)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
    }

    /// <summary>The 429 page: plain, with Retry-After, and no GraphQL work behind it.</summary>
    public static IResult TooManyRequests(HttpContext http, int retryAfter)
    {
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var body = new Html().El("h1", "Too many requests")
            .El("p", $"This address has loaded many pages in a short time. Please wait {retryAfter} s and reload.");
        return PageLayout.Result("Too many requests", body, status: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter?.Dispose();
}
