using System.CommandLine;
using DigitalTrade.Graph.Host.Hosting;
using DigitalTrade.Graph.Stores.Neo4j;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>seed --neo4j [--corpus graph-seed]</c>: validates the corpus, then writes it to Neo4j as a new generation beside the served one and switches to it in one small transaction.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var neo4j = new Option<bool>("--neo4j") { Description = "Seed the Neo4j database named by Neo4j:Uri / NEO4J_URI (the only target so far)." };
        var corpus = new Option<string>("--corpus") { Description = "The corpus folder.", DefaultValueFactory = _ => "graph-seed" };
        var command = new Command("seed", "Validate the corpus and write it to a graph database; the previous graph serves until the new one is complete.")
        {
            neo4j,
            corpus,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.WithUsage("dtgraph seed --neo4j [--corpus <folder>] [--Neo4j:Uri <http address>] (targets: --neo4j; the server from Neo4j:Uri or NEO4J_URI)");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (Cli.StrayArgument(parseResult.UnmatchedTokens, atRoot: false) is { } stray)
            {
                return Cli.Fail(command, stray);
            }

            if (!parseResult.GetValue(neo4j))
            {
                return Cli.Fail(command, "name the target database (targets: --neo4j)");
            }

            var folder = parseResult.GetValue(corpus)!;
            using var progress = TerminalProgress.ForConsole();
            var result = CorpusLocation.Load(folder, progress: progress.For<Corpus.CorpusLoadProgress>(p => ("files read", p.FilesRead, p.FileCount)));
            progress.Clear();
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Out.WriteLine(diagnostic);
            }

            if (result.Snapshot is not { } snapshot)
            {
                Console.Error.WriteLine($"{folder}: {result.ErrorCount} errors; nothing seeded");
                return 1;
            }

            // The web host's configuration (appsettings, environment, --Neo4j:Uri …) without starting a server.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = [.. parseResult.UnmatchedTokens],
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddNeo4jGraphStore(builder.Configuration);
            await using var services = builder.Services.BuildServiceProvider();
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Neo4jOptions>>().Value;
            if (options.Uri is null)
            {
                return Cli.Fail(command, "no Neo4j server: set Neo4j:Uri or NEO4J_URI (e.g. http://localhost:7474)");
            }

            Console.Out.WriteLine($"seeding {snapshot.Entities.Count} entities and {snapshot.AllRelations.Count} relations (version {snapshot.Version}) into {options}");
            try
            {
                await services.GetRequiredService<Neo4jSeeder>().SeedAsync(snapshot, progress.For<SeedProgress>(p => (p.Phase, p.Done, p.Total)), cancellationToken);
            }
            catch (Neo4jQueryException e)
            {
                progress.Clear();
                Console.Error.WriteLine($"seed failed, nothing committed; the previous graph keeps serving: {e.Message}");
                return 1;
            }

            progress.Clear();
            Console.Out.WriteLine($"seeded version {snapshot.Version}");
            return 0;
        });
        return command;
    }
}
