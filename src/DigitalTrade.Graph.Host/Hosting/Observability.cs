using DigitalTrade.Graph.Api.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DigitalTrade.Graph.Host.Hosting;

/// <summary>Exporting the service's traces and metrics. Bound from <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve metrics for Prometheus to scrape at <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Export traces and metrics by OTLP to this endpoint (e.g. http://collector:4317); also taken from OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>OpenTelemetry: ASP.NET Core and runtime instruments plus the service's own (<see cref="GraphMetrics"/>).</summary>
public static class Observability
{
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("digitaltrade-graph"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource(GraphMetrics.Name);
                if (!string.IsNullOrEmpty(otlp))
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(GraphMetrics.Name);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
    }

    public static void MapObservability(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
