using DigitalTrade.Graph.Api;
using DigitalTrade.Graph.Explorer;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using DigitalTrade.Graph.Stores.Embedded.Cache;
using DigitalTrade.Graph.Stores.Neo4j;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Composes the web host: options, Serilog, the embedded store, the corpus loader and the endpoints.</summary>
public static class GraphHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<CorpusOptions>(builder.Configuration.GetSection(CorpusOptions.Section));
        var logOptions = builder.Configuration.GetSection(LogOptions.Section).Get<LogOptions>() ?? new LogOptions();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (string.Equals(logOptions.Format, "json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        builder.Services.AddSingleton(TimeProvider.System);
        var storeKind = builder.Configuration["Store:Kind"] ?? "embedded";
        if (string.Equals(storeKind, "neo4j", StringComparison.OrdinalIgnoreCase))
        {
            // Neo4j holds the graph (written by `seed --neo4j`): no corpus is loaded or published here.
            builder.Services.AddNeo4jGraphStore(builder.Configuration);
        }
        else if (string.Equals(storeKind, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<EmbeddedGraphStore>();
            builder.Services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<EmbeddedGraphStore>());
            builder.Services.AddSingleton(sp => new SnapshotCache(sp.GetRequiredService<IOptions<CorpusOptions>>().Value.Cache));
            builder.Services.AddSingleton<CorpusSnapshotService>();
            builder.Services.AddSingleton<ICorpusLoadReporter>(sp => sp.GetRequiredService<CorpusSnapshotService>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CorpusSnapshotService>());
            builder.Services.AddHostedService<CorpusWatcher>();
        }
        else
        {
            throw new InvalidOperationException($"Store:Kind must be 'embedded' or 'neo4j', not '{storeKind}'.");
        }

        builder.UseListenAddresses();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddGraphApi();
        builder.AddEndpointProtection();
        builder.AddObservability();

        // In-flight requests finish on shutdown (SIGTERM) within this time; configurable as HostOptions.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = builder.Configuration.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(30)));

        var app = builder.Build();

        // Build the schema now: a schema that cannot be built stops start-up instead of failing requests.
        app.Services.GetRequiredService<GraphQL.Types.ISchema>();

        app.UseSecurityHeaders();

        // Whatever escapes is a 500 with a GraphQL-shaped body: never a stack trace or an HTML page.
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "Internal server error.", extensions = new { code = "INTERNAL_ERROR", requestId = context.TraceIdentifier } } } });
        }));
        app.UseSerilogRequestLogging();
        app.UseManagementEndpoints();
        app.UseEndpointProtection();
        app.MapGraphApi("/graphql").RequireRateLimiting(EndpointProtection.GraphQLPolicy);
        app.MapObservability();
        app.MapFloor();
        app.UseExplorer();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", async (IGraphStore store, CancellationToken cancellationToken) =>
        {
            var status = await store.GetStatusAsync(cancellationToken);
            return Results.Json(
                new { ready = status.Ready, description = status.Description },
                statusCode: status.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
