using System.Text.Encodings.Web;
using System.Text.Json;
using DigitalTrade.Graph.Api.Http;
using DigitalTrade.Graph.Api.Schema;
using GraphQL;
using GraphQL.Execution;
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
        services.AddOptions<GraphApiOptions>().BindConfiguration(GraphApiOptions.Section)
            .Validate(o => o.MaxPageSize >= 20, "GraphQL:MaxPageSize must be at least 20, the schema's default page size.")
            .Validate(o => o.MaxResponseBytes >= 64 * 1024, "GraphQL:MaxResponseBytes must be at least 65536.")
            .Validate(o => o.MaxErrors >= 1 && o.MaxOperationLabels >= 1 && o.MaxListArgumentLength >= 1, "GraphQL:MaxErrors, MaxOperationLabels and MaxListArgumentLength must be at least 1.")
            .Validate(o => o.ResponseCache.SizeLimitBytes >= 1024 * 1024 && o.ResponseCache.MaxEntryBytes >= 1024 && o.ResponseCache.MaxAgeSeconds >= 0,
                "GraphQL:ResponseCache:SizeLimitBytes must be at least 1048576, MaxEntryBytes at least 1024, MaxAgeSeconds at least 0.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddMetrics();
        services.AddSingleton<Telemetry.GraphMetrics>();
        services.AddSingleton<DocumentPreparer>();
        services.AddSingleton<Caching.ResponseCache>();
        services.AddSingleton<ISchema>(_ => GraphSchemaFactory.Create());
        services.AddSingleton<IDocumentExecuter>(_ => new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            // Documents validated once are not walked again per request (see PlannedDocumentValidator).
            new Execution.PlannedDocumentValidator(new GraphQL.Validation.DocumentValidator()),
            // Resolvers read an in-memory snapshot or batch through loaders: running fields one at
            // a time avoids task fan-out without losing batching (loaders still dispatch per level).
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(Execution.PlannedExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)]),
            []));
        services.AddSingleton<IErrorInfoProvider>(sp => new GraphErrorInfoProvider(
            sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphApiOptions>>().Value));
        services.AddSingleton(sp => new ResponseSerializer(
            new JsonSerializerOptions
            {
                // Chinese text is written as characters, not \uXXXX escapes; responses are JSON, never inline HTML.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            },
            sp.GetRequiredService<IErrorInfoProvider>()));
        services.AddSingleton<IGraphQLTextSerializer>(sp => sp.GetRequiredService<ResponseSerializer>());
        services.AddSingleton<Execution.GraphQLExecutor>();
        services.AddSingleton<IGraphQLService, Execution.InProcessGraphQLService>();
        services.AddSingleton<GraphQLEndpoint>();
        return services;
    }

    /// <summary>Maps the GraphQL-over-HTTP endpoint (GET and POST) at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapGraphApi(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        var graphql = endpoints.Map(pattern, (HttpContext http, GraphQLEndpoint endpoint) =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsPost(http.Request.Method)
                ? endpoint.HandleAsync(http)
                : endpoint.MethodNotAllowedAsync(http));
        endpoints.MapGet(pattern + "/schema.graphql", () => Results.Text(GraphSchemaFactory.Sdl, "text/plain; charset=utf-8"));
        return graphql;
    }
}
