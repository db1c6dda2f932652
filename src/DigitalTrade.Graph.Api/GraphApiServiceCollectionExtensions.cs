using System.Text.Encodings.Web;
using System.Text.Json;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Schema;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api;

public static class GraphApiServiceCollectionExtensions
{
    /// <summary>Registers the schema, executer and serializer. A store (<see cref="Model.IGraphStore"/>) must be registered too.</summary>
    public static IServiceCollection AddGraphApi(this IServiceCollection services)
    {
        services.AddSingleton<ISchema>(_ => GraphSchemaFactory.Create());
        services.AddSingleton<IDocumentExecuter>(_ => new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new GraphQL.Validation.DocumentValidator(),
            // Resolvers read an in-memory snapshot or batch through loaders: running fields one at
            // a time avoids task fan-out without losing batching (loaders still dispatch per level).
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)]),
            [new Execution.ParsedDocumentCache(capacity: 2048)]));
        services.AddSingleton<IErrorInfoProvider>(new ErrorInfoProvider(new ErrorInfoProviderOptions
        {
            ExposeExceptionDetails = false,
            ExposeData = false,
            ExposeCodes = false,
        }));
        services.AddSingleton<IGraphQLTextSerializer>(sp => new GraphQLSerializer(
            new JsonSerializerOptions
            {
                // Chinese text is written as characters, not \uXXXX escapes; responses are JSON, never inline HTML.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            },
            sp.GetRequiredService<IErrorInfoProvider>()));
        services.AddSingleton<GraphQLEndpoint>();
        return services;
    }

    /// <summary>Maps the GraphQL-over-HTTP endpoint (GET and POST) at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapGraphApi(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        endpoints.Map(pattern, (HttpContext http, IGraphQLTextSerializer serializer) =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsPost(http.Request.Method)
                ? http.RequestServices.GetRequiredService<GraphQLEndpoint>().HandleAsync(http)
                : GraphQLEndpoint.MethodNotAllowedAsync(http, serializer));
        return endpoints.MapGet(pattern + "/schema.graphql", () => Results.Text(GraphSchemaFactory.Sdl, "text/plain; charset=utf-8"));
    }
}
