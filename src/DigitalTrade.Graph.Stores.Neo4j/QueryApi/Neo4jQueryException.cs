using System.Net;

namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>
/// A failed round trip to Neo4j: the server's status code (<c>Neo.ClientError.Statement.SyntaxError</c>, …)
/// or one of ours for a transport failure. The message never holds credentials.
/// </summary>
public sealed class Neo4jQueryException : Exception
{
    /// <summary>The server could not be reached, or did not answer within the timeout.</summary>
    public const string Unavailable = "DigitalTrade.Neo4j.Unavailable";

    /// <summary>The server answered with something that is not a Query API response (an HTML page, an empty 200, …).</summary>
    public const string UnexpectedResponse = "DigitalTrade.Neo4j.UnexpectedResponse";

    /// <summary>The server is a Neo4j this store does not support (too old, or the Query API is switched off).</summary>
    public const string UnsupportedServer = "DigitalTrade.Neo4j.UnsupportedServer";

    /// <summary>What a seed wrote is not what it meant to write (a batch wrote fewer rows, the counts differ).</summary>
    public const string SeedMismatch = "DigitalTrade.Neo4j.SeedMismatch";

    /// <summary>The indexes and constraints could not be brought to what the store needs (blocked, failed, still populating).</summary>
    public const string SchemaProblem = "DigitalTrade.Neo4j.SchemaProblem";

    /// <summary>A request read for longer than the graph generation it reads is guaranteed to be kept.</summary>
    public const string GenerationRetired = "DigitalTrade.Neo4j.GenerationRetired";

    public const string SyntaxError = "Neo.ClientError.Statement.SyntaxError";

    /// <summary>
    /// What the Query API answers, with HTTP 404, for a transaction id it does not hold: expired, rolled back,
    /// or sent to another cluster member (QueryController.transactionNotFoundResponse in neo4j/neo4j,
    /// community/server/src/main/java/org/neo4j/server/queryapi/QueryController.java). The legacy
    /// <c>/db/…/tx</c> API's <c>Neo.ClientError.Transaction.TransactionNotFound</c> never comes from it.
    /// </summary>
    public const string RequestInvalid = "Neo.ClientError.Request.Invalid";

    // Transient by prefix, yet documented as not worth retrying: the transaction was stopped on purpose.
    private static readonly string[] NotRetried = ["Neo.TransientError.Transaction.Terminated", "Neo.TransientError.Transaction.LockClientStopped"];

    // Client errors a cluster clears by itself (a leader switch): the drivers retry them too.
    private static readonly string[] AlsoRetried = ["Neo.ClientError.Cluster.NotALeader", "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"];

    public Neo4jQueryException(string code, string message, HttpStatusCode? status = null, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
        ServerMessage = message;
        Status = status;
    }

    public Neo4jQueryException()
        : this(UnexpectedResponse, "unknown failure")
    {
    }

    public Neo4jQueryException(string message)
        : this(UnexpectedResponse, message)
    {
    }

    public Neo4jQueryException(string message, Exception innerException)
        : this(UnexpectedResponse, message, null, innerException)
    {
    }

    public string Code { get; }

    public string ServerMessage { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>
    /// Worth retrying unchanged: the server was away or briefly unable, not told something wrong. Decided by the
    /// code, never the HTTP status: servers up to 2025.10 send transient errors with 400 (the Query API maps the
    /// driver's TransientException to BAD_REQUEST), later ones may not.
    /// </summary>
    public bool IsTransient =>
        Code == Unavailable
        || (Code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) && !NotRetried.Contains(Code))
        || AlsoRetried.Contains(Code)
        || (Code == UnexpectedResponse && Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>The explicit transaction is gone (idle too long, rolled back, or routed to another cluster member): start again.</summary>
    public bool IsTransactionExpired =>
        (Code == RequestInvalid && Status == HttpStatusCode.NotFound)
        || Code is "Neo.ClientError.Transaction.TransactionTimedOut" or "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
}
