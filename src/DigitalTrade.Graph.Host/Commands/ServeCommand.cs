using System.CommandLine;
using DigitalTrade.Graph.Host.Hosting;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>serve</c> (the default): the GraphQL API over the embedded store.</summary>
internal static class ServeCommand
{
    public const string Description =
        "Serve the GraphQL API (POST/GET /graphql, /healthz, /readyz) on the embedded store. " +
        "Other arguments go to ASP.NET Core configuration, e.g. --urls http://localhost:5080 --Corpus:Path graph-seed.";

    /// <summary>Shared by <c>serve</c> and the root command, which serves by default.</summary>
    public static readonly Option<bool> Watch = new("--watch")
    {
        Description = "Reload the graph when corpus files change; an edit with errors is logged and the last good graph keeps serving.",
    };

    public static Command Create()
    {
        var command = new Command("serve", Description) { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(Watch);
        command.SetAction(Run);
        return command;
    }

    public static async Task<int> Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string[] watch = parseResult.GetValue(Watch) ? ["--Corpus:Watch=true"] : [];
        var app = GraphHost.Build([.. parseResult.UnmatchedTokens, .. watch]);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
