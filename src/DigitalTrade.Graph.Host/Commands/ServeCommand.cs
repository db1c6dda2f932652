using System.CommandLine;
using DigitalTrade.Graph.Host.Hosting;
using Microsoft.AspNetCore.Connections;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>serve</c> (the default): the GraphQL API and the explorer over the configured store.</summary>
internal static class ServeCommand
{
    public const string Description =
        "Serve the GraphQL API (POST/GET /graphql, /healthz, /readyz) and the explorer (/). " +
        "Other arguments go to ASP.NET Core configuration, e.g. --urls http://localhost:5080 --Corpus:Path graph-seed.";

    /// <summary>Shared by <c>serve</c> and the root command, which serves by default.</summary>
    public static readonly Option<bool> Watch = new("--watch")
    {
        Description = "Reload the graph when corpus files change; an edit with errors is logged and the last good graph keeps serving.",
    };

    private const string Usage = "dtgraph serve [--watch] [--urls <address>] [--Section:Key <value>] (e.g. --urls http://localhost:5081)";

    public static Command Create()
    {
        var command = new Command("serve", Description) { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(Watch);
        command.SetAction(Run);
        command.WithUsage(Usage);
        return command;
    }

    public static async Task<int> Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var command = parseResult.CommandResult.Command;
        if (Cli.StrayArgument(parseResult.UnmatchedTokens, atRoot: command is RootCommand) is { } stray)
        {
            return Cli.Fail(command, stray + (command is RootCommand ? " (commands: serve, validate, new, export, seed)" : string.Empty));
        }

        string[] watch = parseResult.GetValue(Watch) ? ["--Corpus:Watch=true"] : [];

        // appsettings.json ships beside dtgraph.dll; the working directory is the user's (dotnet run, the
        // installed tool, a container), so the content root is the application's folder unless given.
        string[] contentRoot = parseResult.UnmatchedTokens.Any(t => t.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            ? []
            : [$"--contentRoot={AppContext.BaseDirectory}"];

        // A failed start is reported once, below, in one line where it is the user's to fix; the host's own
        // "Hosting failed to start" event would repeat it with a stack trace.
        string[] quietStartFailure = ["--Serilog:MinimumLevel:Override:Microsoft.Extensions.Hosting.Internal.Host=Fatal"];

        var app = GraphHost.Build([.. contentRoot, .. quietStartFailure, .. parseResult.UnmatchedTokens, .. watch]);
        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                Console.Error.WriteLine($"dtgraph: error: {ServeAddresses.InUse(e, app.Configuration)}");
                return 1;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The reasons, not a stack trace: start-up failures are configuration (a refused Neo4j version, bad options).
                Console.Error.WriteLine($"dtgraph: error: the server did not start: {Reasons(e)}");
                return 1;
            }

            ServeAddresses.LogReady(app);
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static string Reasons(Exception e)
    {
        var reasons = new List<string>();
        for (var inner = e; inner is not null && reasons.Count < 5; inner = inner.InnerException)
        {
            if (!reasons.Contains(inner.Message, StringComparer.Ordinal))
            {
                reasons.Add(inner.Message);
            }
        }

        return string.Join(" <- ", reasons);
    }
}
