using System.Globalization;
using System.Text.Json;

namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>
/// A Neo4j release number: <c>5.26.12</c>, calendar versions such as <c>2025.03.1</c>, Aura's <c>5.27-aura</c>.
/// </summary>
public readonly record struct Neo4jVersion(int Major, int Minor, int Patch) : IComparable<Neo4jVersion>
{
    /// <summary>The Query API on by default (5.25) and its explicit transactions under <c>/query/v2/tx</c> (5.26).</summary>
    public static readonly Neo4jVersion Minimum = new(5, 26, 0);

    /// <summary>The first release whose Query API works on clusters (routing and transaction affinity fixed in 2025.03).</summary>
    public static readonly Neo4jVersion MinimumForClusters = new(2025, 3, 0);

    public static bool operator <(Neo4jVersion left, Neo4jVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(Neo4jVersion left, Neo4jVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(Neo4jVersion left, Neo4jVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Neo4jVersion left, Neo4jVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Reads the leading numbers; a suffix (<c>-aura</c>, a build number) is ignored.</summary>
    public static bool TryParse(string? text, out Neo4jVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var numbers = new List<int>(3);
        foreach (var part in text.Trim().Split('.'))
        {
            var digits = part.TakeWhile(char.IsAsciiDigit).Count();
            if (digits == 0 || !int.TryParse(part.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                break;
            }

            numbers.Add(number);
            if (digits < part.Length || numbers.Count == 3)
            {
                break;
            }
        }

        if (numbers.Count < 2)
        {
            return false;
        }

        version = new Neo4jVersion(numbers[0], numbers[1], numbers.Count > 2 ? numbers[2] : 0);
        return true;
    }

    public int CompareTo(Neo4jVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}

/// <summary>
/// What the server says about itself in its discovery document (an unauthenticated <c>GET /</c>):
/// <c>neo4j_version</c>, <c>neo4j_edition</c>, and a <c>query</c> link only while the Query API module is enabled.
/// </summary>
/// <remarks>
/// Shape: https://neo4j.com/docs/query-api/current/endpoints (Discovery API); source: neo4j/neo4j
/// community/server/src/main/java/org/neo4j/server/rest/discovery/ServerVersionAndEdition.java (the two
/// version keys) and CommunityDiscoverableURIs.java (the <c>query</c> key, present when
/// <c>server.http_enabled_modules</c> holds QUERY_API_ENDPOINTS).
/// </remarks>
public sealed record Neo4jServerInfo(string VersionText, string? Edition, bool QueryApiEnabled)
{
    public Neo4jVersion? Version => Neo4jVersion.TryParse(VersionText, out var version) ? version : null;

    public bool IsEnterprise => string.Equals(Edition, "enterprise", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the discovery document; null when it is not one (no <c>neo4j_version</c>).</summary>
    public static Neo4jServerInfo? FromDiscovery(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("neo4j_version", out var version) || version.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var edition = document.TryGetProperty("neo4j_edition", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var query = document.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String;
        return new Neo4jServerInfo(version.GetString()!, edition, query);
    }

    /// <summary>
    /// Null when the store can work with this server; otherwise what is wrong and what to do about it.
    /// </summary>
    public string? Problem(Uri at)
    {
        var name = $"Neo4j {VersionText}{(Edition is null ? string.Empty : $" ({Edition})")} at {at}";
        const string Remedy = "upgrade to Neo4j 5.26 or newer (e.g. the image neo4j:5.26 or neo4j:2025.10; 2025.03 or newer for a cluster), "
            + "or serve the embedded store instead (Store:Kind=embedded)";
        if (Version is not { } version)
        {
            return null;
        }

        if (version < new Neo4jVersion(5, 25, 0))
        {
            return $"{name} is not supported: before 5.25 the Query API is a preview that is off by default, and explicit "
                + $"transactions (/query/v2/tx) only arrive in 5.26; {Remedy}.";
        }

        if (version < Neo4jVersion.Minimum)
        {
            return $"{name} is not supported: its Query API has no explicit transactions (/query/v2/tx arrives in 5.26), "
                + $"which seeding needs for index migrations; {Remedy}.";
        }

        return QueryApiEnabled
            ? null
            : $"{name} has its Query API switched off (no \"query\" link in its discovery document): add QUERY_API_ENDPOINTS "
                + "to server.http_enabled_modules in neo4j.conf (or NEO4J_server_http__enabled__modules) and restart it.";
    }

    /// <summary>A caution that is not a refusal: what this server cannot promise and we cannot tell from here.</summary>
    public string? Caution(Uri at) =>
        Version is not { } version
            ? $"Neo4j at {at} reports the version '{VersionText}', which is not a release number; carrying on as if it were supported."
            : IsEnterprise && version < Neo4jVersion.MinimumForClusters
                ? $"Neo4j {VersionText} (enterprise) at {at}: fine as a single server, but a cluster needs 2025.03 or newer for the Query API."
                : null;
}
