namespace DigitalTrade.Graph.Api;

/// <summary>A GraphQL request handed over in process: the document, an operation name and variables as a JSON object text.</summary>
public sealed record GraphQLServiceRequest(string Query, string? OperationName = null, string? VariablesJson = null);

/// <summary>
/// The answer as <c>/graphql</c> would send it: the same status (200 once execution began; 4xx for a
/// request that cannot execute — 422 for validation errors and limits, 400 for syntax errors; 503
/// when no graph is loaded, 504 after the execution timeout) and the JSON body.
/// </summary>
public sealed record GraphQLServiceResponse(int Status, ReadOnlyMemory<byte> Json);

/// <summary>
/// Executes GraphQL requests in process, through the same limits, timeout and error shaping as the
/// HTTP endpoint but without HTTP: no Host header, no loopback connection, no redirect, no shared
/// rate-limit bucket. For server-side callers such as the explorer.
/// </summary>
public interface IGraphQLService
{
    Task<GraphQLServiceResponse> ExecuteAsync(GraphQLServiceRequest request, CancellationToken cancellationToken);
}
