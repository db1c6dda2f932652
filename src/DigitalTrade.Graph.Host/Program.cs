using System.CommandLine;
using DigitalTrade.Graph.Host.Commands;

var root = new RootCommand("DigitalTrade.Graph: a GraphQL knowledge graph of China's digital trade, served from a Markdown corpus.")
{
    ServeCommand.Create(),
    ValidateCommand.Create(),
    NewCommand.Create(),
    ExportCommand.Create(),
    SeedCommand.Create(),
    HealthcheckCommand.Create(),
};

// With no command, serve: `dotnet run --project src/DigitalTrade.Graph.Host` starts the API.
root.TreatUnmatchedTokensAsErrors = false;
root.Options.Add(ServeCommand.Watch);
root.SetAction(ServeCommand.Run);
root.WithUsage("dtgraph [serve|validate|new|export|seed] …; with no command, serve (options: --watch, --urls <address>, --Section:Key <value>)");
return await Cli.InvokeAsync(root, args);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
