using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Per-client rate limit on /graphql. Bound from <c>RateLimit</c>; a token bucket per client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests a client may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>Which browser origins may call the API (front-end apps). Bound from <c>Cors</c>; none by default.</summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Abuse controls of the public endpoint: rate limiting (429 with Retry-After) and CORS.</summary>
public static class EndpointProtection
{
    public const string GraphQLPolicy = "graphql";

    /// <summary>The Host header values served when <c>AllowedHosts</c> is not configured: a fresh clone answers only to loopback names.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    public static void AddEndpointProtection(this WebApplicationBuilder builder)
    {
        // Set here rather than in appsettings.json, so it holds wherever the process starts from;
        // ASP.NET Core's host filtering then answers any other Host with 400.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = DefaultAllowedHosts;
        }

        var rate = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var cors = builder.Configuration.GetSection(CrossOriginOptions.Section).Get<CrossOriginOptions>() ?? new CrossOriginOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(GraphQLPolicy, http => !rate.Enabled
                ? RateLimitPartition.GetNoLimiter("all")
                : RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate.Burst,
                    TokensPerPeriod = rate.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "application/json; charset=utf-8";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { errors = new[] { new { message = $"Too many requests; retry after {retryAfter} s.", extensions = new { code = "RATE_LIMITED", requestId = context.HttpContext.TraceIdentifier } } } },
                    cancellationToken);
            };
        });
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            if (cors.AllowedOrigins.Length > 0)
            {
                policy.WithOrigins(cors.AllowedOrigins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept").WithExposedHeaders("X-Request-Id");
            }
        }));
    }

    public static void UseEndpointProtection(this WebApplication app)
    {
        // Every response names its request, so a client can quote it and operators can find its log events.
        app.Use((http, next) =>
        {
            http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
            return next(http);
        });
        app.UseCors();
        app.UseRateLimiter();
    }
}
