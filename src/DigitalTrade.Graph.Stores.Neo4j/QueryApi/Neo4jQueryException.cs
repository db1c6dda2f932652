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

    /// <summary>The server answered with something that is not a Query API response.</summary>
    public const string UnexpectedResponse = "DigitalTrade.Neo4j.UnexpectedResponse";

    public const string SyntaxError = "Neo.ClientError.Statement.SyntaxError";

    public const string TransactionNotFound = "Neo.ClientError.Transaction.TransactionNotFound";

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

    /// <summary>Worth retrying unchanged: the server was away or briefly unable, not told something wrong.</summary>
    public bool IsTransient =>
        Code == Unavailable
        || (Code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) && !NotRetried.Contains(Code))
        || AlsoRetried.Contains(Code)
        || (Code == UnexpectedResponse && Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>The explicit transaction is gone (idle too long, or routed to another cluster member): start again.</summary>
    public bool IsTransactionExpired =>
        Code is TransactionNotFound
            or "Neo.ClientError.Transaction.TransactionTimedOut"
            or "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
}
