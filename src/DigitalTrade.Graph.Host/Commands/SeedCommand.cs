using System.CommandLine;
using DigitalTrade.Graph.Host.Hosting;
using DigitalTrade.Graph.Stores.Neo4j;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Host.Commands;

/// <summary><c>seed --neo4j [--corpus graph-seed]</c>: validates the corpus, then writes it to Neo4j in one transaction.</summary>
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
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(neo4j))
            {
                Console.Error.WriteLine("seed: name the target database, e.g. `seed --neo4j`");
                return 2;
            }

            var folder = parseResult.GetValue(corpus)!;
            var result = CorpusLocation.Load(folder);
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
            var builder = WebApplication.CreateSlimBuilder([.. parseResult.UnmatchedTokens]);
            builder.Services.AddNeo4jGraphStore(builder.Configuration);
            await using var services = builder.Services.BuildServiceProvider();
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Neo4jOptions>>().Value;
            if (options.Uri is null)
            {
                Console.Error.WriteLine("seed: set Neo4j:Uri or NEO4J_URI (e.g. http://localhost:7474)");
                return 2;
            }

            Console.Out.WriteLine($"seeding {snapshot.Entities.Count} entities and {snapshot.AllRelations.Count} relations (version {snapshot.Version}) into {options}");
            try
            {
                await services.GetRequiredService<Neo4jSeeder>().SeedAsync(snapshot, new ConsoleProgress(), cancellationToken);
            }
            catch (Neo4jQueryException e)
            {
                Console.Error.WriteLine($"seed failed, nothing committed; the previous graph keeps serving: {e.Message}");
                return 1;
            }

            Console.Out.WriteLine($"seeded version {snapshot.Version}");
            return 0;
        });
        return command;
    }

    /// <summary>Prints each step as it happens, in order (Progress&lt;T&gt; would post to the thread pool and may reorder lines).</summary>
    private sealed class ConsoleProgress : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => Console.Out.WriteLine($"  {value.Phase}: {value.Done}/{value.Total}");
    }
}
