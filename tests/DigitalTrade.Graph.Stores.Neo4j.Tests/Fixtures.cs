using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>
/// What Neo4j answers, in the shapes its documentation and source give. Each fixture names where its shape comes
/// from; where a fixture changes a documented example (another version number), it says so.
/// </summary>
public static class Fixtures
{
    /// <summary>
    /// The discovery document (<c>GET /</c>). Shape and keys: https://neo4j.com/docs/query-api/current/endpoints
    /// ("Discovery API", whose example is a 5.19.0 enterprise server); <c>neo4j_version</c>/<c>neo4j_edition</c> from
    /// neo4j/neo4j community/server/src/main/java/org/neo4j/server/rest/discovery/ServerVersionAndEdition.java;
    /// the <c>query</c> link only while server.http_enabled_modules holds QUERY_API_ENDPOINTS
    /// (CommunityDiscoverableURIs.java). Other versions reuse the documented shape with their version number.
    /// </summary>
    public static JsonObject Discovery(string version, string edition = "community", bool queryApi = true)
    {
        var document = new JsonObject
        {
            ["bolt_routing"] = "neo4j://localhost:7687",
        };
        if (queryApi)
        {
            document["query"] = "http://localhost:7474/db/{databaseName}/query/v2";
        }

        if (edition == "enterprise")
        {
            document["dbms/cluster"] = "http://localhost:7474/dbms/cluster";
            document["db/cluster"] = "http://localhost:7474/db/{databaseName}/cluster";
        }

        document["transaction"] = "http://localhost:7474/db/{databaseName}/tx";
        document["bolt_direct"] = "bolt://localhost:7687";
        document["neo4j_version"] = version;
        document["neo4j_edition"] = edition;
        return document;
    }

    /// <summary>The documented example verbatim: https://neo4j.com/docs/query-api/current/endpoints (Neo4j 5.19.0, enterprise).</summary>
    public static JsonObject Discovery519() => Discovery("5.19.0", "enterprise");

    /// <summary>
    /// An unknown or expired explicit transaction. neo4j/neo4j community/server/src/main/java/org/neo4j/server/queryapi/
    /// QueryController.java (commit 92fa2dcd47554c4937023cc401f0c8815248d882), transactionNotFoundResponse: HTTP 404,
    /// <c>Status.Request.Invalid</c>, this message. The legacy /db/…/tx API's TransactionNotFound never comes from here.
    /// </summary>
    public static HttpResponseMessage TransactionNotFound(string id) => FakeQueryApi.Error(
        HttpStatusCode.NotFound,
        "Neo.ClientError.Request.Invalid",
        $"Transaction with Id: \"{id}\" was not found. It may have timed out and therefore rolled back or the routing header 'neo4j-cluster-affinity' was not provided.");

    /// <summary>
    /// A rollback: QueryController.rollbackTransaction (same file and commit) ends with <c>Response.ok().build()</c>,
    /// HTTP 200 and no body at all.
    /// </summary>
    public static HttpResponseMessage RolledBack() => new(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };

    /// <summary>
    /// A rollback on later sources (commit 4940979af041a956452058eaf5a0de9e6e010da7 of the same file):
    /// <c>Response.ok().entity(fromBookmarks(null))</c>, "keeps the status as 200 for not breaking compatibility",
    /// with a bookmarks object as the body.
    /// </summary>
    public static HttpResponseMessage RolledBackWithBody() => FakeQueryApi.Json(HttpStatusCode.OK, new JsonObject { ["bookmarks"] = new JsonArray() });

    /// <summary>
    /// A transient error. Up to 2025.10 the Query API answers the driver's TransientException with 400
    /// (QueryController.clientError at commit 92fa2dcd…, and Neo4jExceptionMapper.java at 818d1e8e…:
    /// "ClientException || TransientException → BAD_REQUEST"); the body's code is what tells it is transient.
    /// </summary>
    public static HttpResponseMessage Transient(HttpStatusCode status, string code = "Neo.TransientError.General.DatabaseUnavailable") =>
        FakeQueryApi.Error(status, code, "The database is not currently available to serve your request, refer to the database logs for more details. Retrying your request at a later time may succeed.");

    /// <summary>
    /// A new explicit transaction: https://neo4j.com/docs/query-api/current/transactions ("Create a transaction"):
    /// 202 with <c>transaction.id</c> and <c>expires</c>, and the neo4j-cluster-affinity header.
    /// </summary>
    public static HttpResponseMessage Begun(string id, string? affinity = null)
    {
        var body = new JsonObject { ["transaction"] = new JsonObject { ["id"] = id, ["expires"] = "2030-01-01T00:00:00Z" } };
        return affinity is null
            ? FakeQueryApi.Json(HttpStatusCode.Accepted, body)
            : FakeQueryApi.Json(HttpStatusCode.Accepted, body, ("neo4j-cluster-affinity", affinity));
    }

    /// <summary>A commit without a statement: 202 with the bookmarks (same page, "Commit a transaction").</summary>
    public static HttpResponseMessage Committed(string bookmark) =>
        FakeQueryApi.Json(HttpStatusCode.Accepted, new JsonObject { ["bookmarks"] = new JsonArray(bookmark) });

    /// <summary>What a proxy in front of the wrong port answers: an HTML page with 200.</summary>
    public static HttpResponseMessage HtmlPage() => new(HttpStatusCode.OK)
    {
        Content = new StringContent("<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>", Encoding.UTF8, "text/html"),
    };

    /// <summary>
    /// One SHOW CONSTRAINTS row as <see cref="CypherStatements.ShowConstraints"/> yields it. Columns and the
    /// UNIQUENESS type: neo4j/docs-cypher modules/ROOT/pages/constraints/list-constraints.adoc (5.x); later releases
    /// list NODE_PROPERTY_UNIQUENESS.
    /// </summary>
    public static object?[] ConstraintRow(string name, string label, string[] properties, string type = "UNIQUENESS") =>
        [name, type, "NODE", new[] { label }, properties];

    public static readonly string[] ConstraintFields = ["name", "type", "entityType", "labelsOrTypes", "properties"];

    /// <summary>
    /// One SHOW INDEXES row as <see cref="CypherStatements.ShowIndexes"/> yields it. Columns, RANGE/FULLTEXT types,
    /// owningConstraint and the options map: neo4j/docs-cypher modules/ROOT/pages/indexes/search-performance-indexes/
    /// list-indexes.adoc; the full-text indexConfig keys (fulltext.analyzer, fulltext.eventually_consistent):
    /// modules/ROOT/pages/indexes/semantic-indexes/full-text-indexes.adoc. The Query API's plain JSON writes maps as objects.
    /// </summary>
    public static object?[] IndexRow(
        string name, string type, string label, string[] properties, string? owningConstraint = null,
        string? analyzer = null, bool eventuallyConsistent = false, string state = "ONLINE", double percent = 100)
    {
        var config = new JsonObject();
        if (type == "FULLTEXT")
        {
            config["fulltext.analyzer"] = analyzer ?? "standard-no-stop-words";
            config["fulltext.eventually_consistent"] = eventuallyConsistent;
        }

        var options = new JsonObject
        {
            ["indexProvider"] = type == "FULLTEXT" ? "fulltext-1.0" : "range-1.0",
            ["indexConfig"] = config,
        };
        return [name, type, "NODE", new[] { label }, properties, options, owningConstraint, state, percent];
    }

    public static readonly string[] IndexFields = ["name", "type", "entityType", "labelsOrTypes", "properties", "options", "owningConstraint", "state", "populationPercent"];
}
