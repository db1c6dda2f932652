using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary>What a person starting the server needs to read: where to point a client or a browser, or why it could not listen.</summary>
internal static partial class ServeAddresses
{
    [GeneratedRegex(@"address (\S+?):? address already in use", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FailedAddress();

    /// <summary>After start: one line naming the API, the explorer and GraphiQL on each address listened on.</summary>
    public static void LogReady(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DigitalTrade.Graph.Host");
        foreach (var address in addresses.Select(Browsable))
        {
            LogAddresses(logger, $"{address}/graphql", $"{address}/", $"{address}/graphiql");
        }
    }

    /// <summary>The one-line explanation for an address another program holds, with the way out.</summary>
    public static string InUse(IOException exception, IConfiguration configuration)
    {
        var address = FailedAddress().Match(exception.Message) is { Success: true } m ? m.Groups[1].Value : configuration["urls"] ?? "the configured address";
        return $"{address} is already in use by another program (another dtgraph?). " +
            "Choose another address with --urls, e.g. `dtgraph serve --urls http://localhost:5081`.";
    }

    /// <summary>A wildcard listening address (0.0.0.0, [::], +, *) as a browser can open it: localhost.</summary>
    internal static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL API {GraphQLUrl} · explorer {ExplorerUrl} · GraphiQL {GraphiQLUrl}")]
    private static partial void LogAddresses(ILogger logger, string graphQLUrl, string explorerUrl, string graphiQLUrl);
}
