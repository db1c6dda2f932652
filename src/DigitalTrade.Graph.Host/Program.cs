using System.CommandLine;
using DigitalTrade.Graph.Host.Commands;

var root = new RootCommand("DigitalTrade.Graph: a GraphQL knowledge graph of China's digital trade, served from a Markdown corpus.")
{
    ServeCommand.Create(),
    ValidateCommand.Create(),
    NewCommand.Create(),
    ExportCommand.Create(),
    SeedCommand.Create(),
};

// With no command, serve: `dotnet run --project src/DigitalTrade.Graph.Host` starts the API.
root.TreatUnmatchedTokensAsErrors = false;
root.Options.Add(ServeCommand.Watch);
root.SetAction(ServeCommand.Run);
return await root.Parse(args).InvokeAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
