using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using DigitalTrade.Graph.Stores.Neo4j.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j;

public static class Neo4jServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Query API client, the server check (run at start-up by a hosted service), the seeder and
    /// <see cref="Neo4jGraphStore"/> as the <see cref="IGraphStore"/>.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bound = Neo4jOptions.From(configuration);
        services.AddSingleton<IOptions<Neo4jOptions>>(Options.Create(bound));
        services.TryAddSingleton(TimeProvider.System);

        // Timeouts are the client's own (per attempt); HttpClient's would also cut the retries short.
        // The factory's per-request logs are dropped: the client logs failures itself, without noise or headers.
        services.AddHttpClient<Neo4jQueryClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<Neo4jServerCheck>();
        services.AddHostedService<Neo4jStartupCheck>();
        services.AddSingleton<Neo4jGraphStore>();
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        services.AddTransient<Neo4jSchemaMigrator>();
        services.AddTransient<Neo4jSeeder>();
        return services;
    }
}
