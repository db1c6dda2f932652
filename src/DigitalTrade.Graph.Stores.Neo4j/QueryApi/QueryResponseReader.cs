using System.Net;
using System.Text.Json;

namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>Which answer a request expects; each has its own shape in the Query API.</summary>
internal enum ResponseKind
{
    /// <summary>A statement's result: <c>data.fields</c> and <c>data.values</c> (202).</summary>
    Result,

    /// <summary>A new transaction: <c>transaction.id</c> and <c>expires</c> (202).</summary>
    Begin,

    /// <summary>A commit without a statement: the bookmarks (202).</summary>
    Commit,

    /// <summary>A rollback: 200 with an empty body on servers up to 2025.x, a bookmarks object on later ones.</summary>
    Rollback,
}

/// <summary>One Query API answer, read and checked against what the request expected.</summary>
internal sealed record QueryResponse(QueryResult Result, string? TransactionId, DateTimeOffset? Expires, string? Affinity);

/// <summary>
/// Reads Query API answers. Anything that is not the expected shape is <see cref="Neo4jQueryException.UnexpectedResponse"/>:
/// an HTML 200 from a proxy or a wrong NEO4J_URI must never read as "no rows", and a write must never "succeed" on it.
/// </summary>
internal static class QueryResponseReader
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    public static QueryResponse Read(HttpResponseMessage response, string text, ResponseKind kind, Func<string, string> redact)
    {
        var status = response.StatusCode;
        JsonDocument? document = null;
        try
        {
            document = text.Length == 0 ? null : JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's error page, a login form. Reported below with the status and media type.
        }

        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                    ? c.GetString()!
                    : Neo4jQueryException.UnexpectedResponse;
                var message = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()!
                    : string.Empty;
                throw new Neo4jQueryException(code, redact(message), status);
            }

            if (!response.IsSuccessStatusCode)
            {
                var what = status == HttpStatusCode.Unauthorized ? "the user name or password was refused" : $"HTTP {(int)status} {response.ReasonPhrase}";
                throw new Neo4jQueryException(Neo4jQueryException.UnexpectedResponse, what, status);
            }

            var affinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            if (root is not { ValueKind: JsonValueKind.Object } body)
            {
                // The one answer that may be empty: Neo4j answers a rollback with a bare 200
                // (QueryController.rollbackTransaction returns Response.ok().build()).
                if (kind == ResponseKind.Rollback && text.Length == 0)
                {
                    return new QueryResponse(new QueryResult([], [], []), null, null, affinity);
                }

                throw NotQueryApi(response, text, document is null ? "is not JSON" : "is not a JSON object");
            }

            var result = ReadResult(body, kind, response);
            string? id = null;
            DateTimeOffset? expires = null;
            if (body.TryGetProperty("transaction", out var transaction) && transaction.ValueKind == JsonValueKind.Object)
            {
                id = transaction.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                expires = transaction.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.String && e.TryGetDateTimeOffset(out var at) ? at : null;
            }

            if (kind == ResponseKind.Begin && id is null)
            {
                throw NotQueryApi(response, text, "opened no transaction (no transaction.id)");
            }

            return new QueryResponse(result, id, expires, affinity);
        }
    }

    private static QueryResult ReadResult(JsonElement body, ResponseKind kind, HttpResponseMessage response)
    {
        string[] bookmarks = body.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
            ? [.. b.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            // Only a statement's answer must carry data; begin, commit and rollback may answer without it.
            return kind == ResponseKind.Result
                ? throw NotQueryApi(response, string.Empty, "has no data.fields/data.values")
                : new QueryResult([], [], bookmarks);
        }

        if (!data.TryGetProperty("fields", out var f) || f.ValueKind != JsonValueKind.Array
            || !data.TryGetProperty("values", out var v) || v.ValueKind != JsonValueKind.Array)
        {
            throw NotQueryApi(response, string.Empty, "has no data.fields/data.values");
        }

        string[] fields = [.. f.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : string.Empty)];
        List<JsonElement[]> rows = [];
        foreach (var row in v.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != fields.Length)
            {
                throw NotQueryApi(response, string.Empty, "has a row that does not match its fields");
            }

            rows.Add([.. row.EnumerateArray().Select(x => x.Clone())]);
        }

        return new QueryResult(fields, rows, bookmarks);
    }

    /// <summary>Says what came back without echoing it: a page could hold anything, a password in a login form too.</summary>
    private static Neo4jQueryException NotQueryApi(HttpResponseMessage response, string text, string problem)
    {
        var media = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var size = text.Length == 0 ? string.Empty : $", {text.Length} characters";
        return new Neo4jQueryException(
            Neo4jQueryException.UnexpectedResponse,
            $"HTTP {(int)response.StatusCode} ({media}{size}) {problem}: not a Query API answer; check that NEO4J_URI names Neo4j's HTTP port (7474), not a proxy or another service",
            response.StatusCode);
    }
}
