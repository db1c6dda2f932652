using DigitalTrade.Graph.Api.Http;
using GraphQL;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>The in-process face of <see cref="GraphQLExecutor"/>: the explorer's way to the API.</summary>
internal sealed class InProcessGraphQLService(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    IServiceProvider services,
    IOptions<GraphApiOptions> options) : IGraphQLService
{
    public async Task<GraphQLServiceResponse> ExecuteAsync(GraphQLServiceRequest request, CancellationToken cancellationToken)
    {
        using var answer = await AnswerAsync(request, cancellationToken).ConfigureAwait(false);
        return new GraphQLServiceResponse(answer.Status, answer.Json.ToArray());
    }

    private async Task<GraphQLAnswer> AnswerAsync(GraphQLServiceRequest request, CancellationToken cancellationToken)
    {
        if (request.VariablesJson is { Length: > 0 } json && json.Length > options.Value.MaxBodyBytes)
        {
            return executor.Refuse(new Refusal(413, "LIMIT_EXCEEDED", $"The variables exceed the body size limit of {options.Value.MaxBodyBytes} bytes."));
        }

        Inputs? variables;
        try
        {
            variables = request.VariablesJson is { Length: > 0 } text ? serializer.Deserialize<Inputs>(text) : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return executor.Refuse(new Refusal(400, "BAD_REQUEST", "The variables are not a valid JSON object."));
        }

        var body = new GraphRequestBody(request.Query, null, request.OperationName, variables, null);
        return await executor.ExecuteAsync(body, RequestTransport.InProcess, services, cancellationToken).ConfigureAwait(false);
    }
}
