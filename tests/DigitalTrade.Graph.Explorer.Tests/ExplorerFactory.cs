using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Explorer.Tests;

/// <summary>The real host on Kestrel over the shipped corpus, so a browser can reach it.</summary>
public sealed class ExplorerFactory : WebApplicationFactory<Program>
{
    public ExplorerFactory() => UseKestrel(0);

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Path", Path.Combine(RepositoryRoot.Path, "graph-seed"));
        builder.UseSetting("Corpus:Watch", "false");

        // A browser session sends bursts of requests; rate limiting has tests of its own.
        builder.UseSetting("RateLimit:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
