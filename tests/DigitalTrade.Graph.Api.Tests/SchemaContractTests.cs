using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>schema.graphql is the contract: the schema the server serves must be exactly it.</summary>
public sealed class SchemaContractTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    [Fact]
    public void The_served_schema_is_the_schema_file()
    {
        var file = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema.graphql"));
        var served = api.Services.GetRequiredService<ISchema>().Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true });

        Assert.Equal(Canonical(file), Canonical(served));
    }

    [Fact]
    public async Task The_schema_file_is_downloadable_as_written()
    {
        using var client = api.CreateClient();

        var text = await client.GetStringAsync("/graphql/schema.graphql", TestContext.Current.CancellationToken);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema.graphql")), text);
    }

    [Fact]
    public async Task Introspection_lists_every_entity_type_as_an_implementation_of_Entity()
    {
        var data = await api.QueryAsync("{ __type(name: \"Entity\") { possibleTypes { name } } }");

        Assert.Equal(
            ["Agreement", "Case", "City", "Economy", "Event", "Indicator", "Organization", "Policy", "Province", "ServiceExportBase", "Zone"],
            data["__type"]!["possibleTypes"]!.AsArray().Select(t => (string?)t!["name"]).Order(StringComparer.Ordinal));
    }

    /// <summary>Definitions sorted by name and printed one way, so only meaning is compared, not layout.</summary>
    private static string Canonical(string sdl)
    {
        var document = Parser.Parse(sdl);
        document.Definitions = [.. document.Definitions
            .Where(d => d is not GraphQLSchemaDefinition)
            .OrderBy(d => (d as INamedNode)?.Name.StringValue, StringComparer.Ordinal)];
        using var writer = new StringWriter();
        new SDLPrinter().PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }
}
