using System.Diagnostics;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Telemetry;
using GraphQL;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Execution;

/// <summary>The in-process face of <see cref="GraphQLExecutor"/>: the explorer's way to the API.</summary>
internal sealed class InProcessGraphQLService(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    GraphMetrics metrics,
    IServiceProvider services,
    IOptions<GraphApiOptions> options) : IGraphQLService
{
    public async Task<GraphQLServiceResponse> ExecuteAsync(GraphQLServiceRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        GraphQLOutcome outcome;
        if (request.VariablesJson is { Length: > 0 } json && json.Length > options.Value.MaxBodyBytes)
        {
            outcome = executor.Refused(new Refusal(413, "LIMIT_EXCEEDED", $"The variables exceed the body size limit of {options.Value.MaxBodyBytes} bytes."));
        }
        else
        {
            Inputs? variables = null;
            try
            {
                variables = request.VariablesJson is { Length: > 0 } text ? serializer.Deserialize<Inputs>(text) : null;
            }
            catch (System.Text.Json.JsonException e)
            {
                outcome = executor.Refused(new Refusal(400, "BAD_REQUEST", $"The variables are not a valid JSON object: {e.Message}"));
                return await SerializeAsync(outcome, started, cancellationToken).ConfigureAwait(false);
            }

            var body = new GraphRequestBody(request.Query, null, request.OperationName, variables, null);
            outcome = await executor.ExecuteAsync(body, RequestTransport.InProcess, services, cancellationToken).ConfigureAwait(false);
        }

        return await SerializeAsync(outcome, started, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GraphQLServiceResponse> SerializeAsync(GraphQLOutcome outcome, long started, CancellationToken cancellationToken)
    {
        var status = outcome.Refusal?.Status ?? 200;
        metrics.RequestCompleted(outcome.Operation, status, Stopwatch.GetElapsedTime(started), outcome.Result.Errors);
        using var buffer = new PooledBuffer();
        await serializer.WriteAsync(buffer, outcome.Result, cancellationToken).ConfigureAwait(false);
        return new GraphQLServiceResponse(status, buffer.WrittenMemory.ToArray());
    }
}
