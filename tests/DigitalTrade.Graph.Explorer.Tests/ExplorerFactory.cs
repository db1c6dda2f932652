using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>The real host on Kestrel (127.0.0.1) over the shipped corpus, so a browser and raw sockets can reach it.</summary>
public class ExplorerFactory : WebApplicationFactory<Program>
{
    public ExplorerFactory() => UseKestrel(0);

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Path", Path.Combine(RepositoryRoot.Path, "graph-seed"));
        builder.UseSetting("Corpus:Watch", "false");

        // Every Host header reaches the explorer, so the tests see what it does with a forged one (a deployment may filter hosts too).
        builder.UseSetting("AllowedHosts", "*");

        // A browser session sends bursts of requests; the rate limits have tests of their own (RateLimitTests).
        builder.UseSetting("RateLimit:Enabled", "false");
        builder.UseSetting("Explorer:RateLimit:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        Configure(builder);
    }

    /// <summary>Settings of a derived factory, applied after the defaults above.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }
}
