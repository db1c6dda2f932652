using Microsoft.Extensions.Configuration;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Where Neo4j is and how to reach it. Bound from the <c>Neo4j</c> section (env <c>Neo4j__Uri</c>, …);
/// the conventional <c>NEO4J_URI</c>, <c>NEO4J_DATABASE</c>, <c>NEO4J_USER</c> and <c>NEO4J_PASSWORD</c>
/// fill what the section leaves unset.
/// </summary>
public sealed class Neo4jOptions
{
    public const string Section = "Neo4j";

    /// <summary>The HTTP(S) address of the server, e.g. <c>http://localhost:7474</c>.</summary>
    public Uri? Uri { get; set; }

    public string Database { get; set; } = "neo4j";

    public string User { get; set; } = "neo4j";

    /// <summary>Only ever sent in the Authorization header; never logged, never in an error.</summary>
    public string? Password { get; set; }

    /// <summary>How long one HTTP round trip may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a read after a transient failure; writes are never retried.</summary>
    public int ReadRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest answer read from the server; a larger one is refused before it is buffered.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Rows per <c>UNWIND $rows</c> request while seeding.</summary>
    public int SeedBatchSize { get; set; } = 500;

    /// <summary>How long a view may reuse the graph version it read, to spare a round trip per request.</summary>
    public TimeSpan VersionCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a superseded generation stays readable after a seed switches away from it: requests that
    /// opened a view on it finish on it. Recorded with each generation; never less than <see cref="MinimumRetention"/>.
    /// </summary>
    public TimeSpan GenerationRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A generation still being written after this long belongs to a seed that died; the next seed deletes it.</summary>
    public TimeSpan AbandonedSeedAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a seed waits for new or changed indexes to come online (it polls; no request waits on the server).</summary>
    public TimeSpan IndexWaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan IndexPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long start-up waits for the server's discovery document before leaving the check to /readyz.</summary>
    public TimeSpan StartupCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest retention that still outlasts a request: two round trips and two minutes of slack (clocks, cluster lag).</summary>
    public TimeSpan MinimumRetention => (2 * RequestTimeout) + TimeSpan.FromMinutes(2);

    public TimeSpan EffectiveRetention => GenerationRetention < MinimumRetention ? MinimumRetention : GenerationRetention;

    public static Neo4jOptions From(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        environment ??= Environment.GetEnvironmentVariable;
        var options = new Neo4jOptions();
        configuration.GetSection(Section).Bind(options);
        Apply(options, environment);
        return options;
    }

    /// <summary>Fills unset values from the <c>NEO4J_*</c> variables.</summary>
    public static void Apply(Neo4jOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.Uri is null && environment("NEO4J_URI") is { Length: > 0 } uri)
        {
            options.Uri = new Uri(uri, UriKind.Absolute);
        }

        if (environment("NEO4J_DATABASE") is { Length: > 0 } database && options.Database == "neo4j")
        {
            options.Database = database;
        }

        if (environment("NEO4J_USER") is { Length: > 0 } user && options.User == "neo4j")
        {
            options.User = user;
        }

        if (string.IsNullOrEmpty(options.Password) && environment("NEO4J_PASSWORD") is { Length: > 0 } password)
        {
            options.Password = password;
        }

        TakeCredentialsFromUri(options);
    }

    /// <summary>
    /// <c>http://user:secret@host:7474</c>: the credentials are taken (unless set otherwise) and removed from the
    /// address, which appears in logs, errors and /readyz; they only ever travel in the Authorization header.
    /// </summary>
    private static void TakeCredentialsFromUri(Neo4jOptions options)
    {
        if (options.Uri is not { UserInfo.Length: > 0 } uri)
        {
            return;
        }

        var parts = uri.UserInfo.Split(':', 2);
        if (options.User == "neo4j" && parts[0].Length > 0)
        {
            options.User = Uri.UnescapeDataString(parts[0]);
        }

        if (string.IsNullOrEmpty(options.Password) && parts.Length == 2)
        {
            options.Password = Uri.UnescapeDataString(parts[1]);
        }

        options.Uri = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
    }

    /// <summary>For logs and errors: everything but the password.</summary>
    public override string ToString() => $"{Uri} database {Database} as {User}";
}
