using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>A request the endpoint refuses before any GraphQL work, with the status the spec asks for.</summary>
internal sealed class BadGraphQLRequest(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>A GraphQL-over-HTTP request: a document as text, or the id of a trusted document.</summary>
internal sealed record GraphRequestBody(string? Query, string? DocumentId, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>Reads a GraphQL-over-HTTP request (GET query string or POST JSON body) into a <see cref="GraphQLRequest"/>.</summary>
internal static class GraphQLRequestReader
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";

    public static async Task<GraphRequestBody> ReadAsync(HttpRequest request, IGraphQLTextSerializer serializer, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return FromQueryString(request.Query, serializer);
        }

        if (!IsJson(request.ContentType))
        {
            throw new BadGraphQLRequest(StatusCodes.Status415UnsupportedMediaType,
                $"POST requests must have Content-Type {JsonMediaType}, not '{request.ContentType ?? "(none)"}'.");
        }

        if (request.ContentLength > maxBodyBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBodyBytes);
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new BadGraphQLRequest(StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, maxBodyBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            throw new BadGraphQLRequest(StatusCodes.Status408RequestTimeout, "The request body arrived too slowly; the server stopped waiting for it.");
        }
        catch (BadHttpRequestException e)
        {
            throw new BadGraphQLRequest(e.StatusCode, "The request body could not be read: " + e.Message);
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, "The request body must be a JSON object with a 'query' (batched requests are not supported).");
            }

            var root = body.RootElement;
            try
            {
                var documentId = OptionalString(root, "documentId");
                return new GraphRequestBody(
                    documentId is null ? RequiredString(root, "query") : OptionalString(root, "query"),
                    documentId,
                    OptionalString(root, "operationName"),
                    OptionalObject(root, "variables", serializer),
                    OptionalObject(root, "extensions", serializer));
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException)
            {
                // System.Text.Json reads strings lazily: invalid UTF-8 and lone surrogates ("\ud800")
                // surface only here, as exceptions that are the client's doing, not the server's.
                throw new BadGraphQLRequest(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8 JSON: it holds invalid UTF-8 or an unpaired surrogate.");
            }
        }
    }

    /// <summary>Picks the response media type from Accept; null when the client accepts neither JSON type.</summary>
    public static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
        {
            return JsonMediaType;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return JsonMediaType;
        }

        foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
        {
            switch (range.MediaType.Value?.ToLowerInvariant())
            {
                case GraphQLResponseMediaType:
                    return GraphQLResponseMediaType;
                case JsonMediaType or "*/*" or "application/*":
                    // Legacy clients (Apollo Client 3, Python gql) send */*: the spec's SHOULD is application/json.
                    return JsonMediaType;
            }
        }

        return null;
    }

    private static GraphRequestBody FromQueryString(IQueryCollection query, IGraphQLTextSerializer serializer)
    {
        var text = query["query"].ToString();
        var documentId = query["documentId"].ToString();
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(documentId))
        {
            throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, "A GET request needs a 'query' (or 'documentId') parameter.");
        }

        return new GraphRequestBody(
            string.IsNullOrWhiteSpace(text) ? null : text,
            string.IsNullOrWhiteSpace(documentId) ? null : documentId,
            query.TryGetValue("operationName", out var name) && !string.IsNullOrEmpty(name) ? name.ToString() : null,
            ParseJsonParameter(query, "variables", serializer),
            ParseJsonParameter(query, "extensions", serializer));
    }

    private static BadGraphQLRequest TooLarge(long? size, int maximum) =>
        new(StatusCodes.Status413PayloadTooLarge, size is { } n
            ? $"The request exceeds the body size limit: {n} bytes is more than {maximum}."
            : $"The request exceeds the body size limit of {maximum} bytes.");

    private static Inputs? ParseJsonParameter(IQueryCollection query, string name, IGraphQLTextSerializer serializer)
    {
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw.ToString());
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => serializer.Deserialize<Inputs>(raw.ToString()),
                _ => throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, $"The '{name}' parameter must be a JSON object."),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new BadGraphQLRequest(StatusCodes.Status400BadRequest, $"The '{name}' parameter is not valid JSON.");
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, $"The request needs '{name}' as a non-empty string.");

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, $"'{name}' must be a string.");

    private static Inputs? OptionalObject(JsonElement root, string name, IGraphQLTextSerializer serializer) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? serializer.Deserialize<Inputs>(value.GetRawText())
        : throw new BadGraphQLRequest(StatusCodes.Status422UnprocessableEntity, $"'{name}' must be a JSON object.");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
