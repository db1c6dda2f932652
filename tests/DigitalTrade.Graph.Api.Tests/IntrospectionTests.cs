using System.Text.Json.Nodes;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Issues 11 and 18: the introspection queries real clients send are answered at the default
/// limits — graphql-js's getIntrospectionQuery (GraphiQL, GraphQL Code Generator, graphql-inspector,
/// Apollo tooling) with and without every option, and Python gql's default query (vendored: gql
/// cannot be installed here) — while introspection cannot be used to amplify.
/// </summary>
public sealed class IntrospectionTests(GraphApiFactory api) : IClassFixture<GraphApiFactory>
{
    [Theory]
    [InlineData("graphql-js-16.15.0-introspection.graphql")]
    [InlineData("graphql-js-16.15.0-introspection-all-options.graphql")]
    [InlineData("gql-4.0.0-default-introspection.graphql")]
    public async Task Client_introspection_queries_are_answered_in_full(string file)
    {
        var (status, body) = await api.PostAsync(Fixture(file), accept: "application/json");

        Assert.True(status == 200 && body["errors"] is null, body.ToJsonString()[..Math.Min(2000, body.ToJsonString().Length)]);
        var schema = body["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray();
        Assert.Equal("Query", (string?)schema["queryType"]!["name"]);
        var agreement = types.Single(t => (string?)t!["name"] == "Agreement")!;
        Assert.Contains(agreement["fields"]!.AsArray(), f => (string?)f!["name"] == "parties");
        Assert.Contains(agreement["interfaces"]!.AsArray(), i => (string?)i!["name"] == "Entity");
        var nodes = types.Single(t => (string?)t!["name"] == "Query")!["fields"]!.AsArray().Single(f => (string?)f!["name"] == "nodes")!;
        Assert.Equal(("NON_NULL", "LIST", "NON_NULL", "ID"), (
            (string?)nodes["args"]![0]!["type"]!["kind"], (string?)nodes["args"]![0]!["type"]!["ofType"]!["kind"],
            (string?)nodes["args"]![0]!["type"]!["ofType"]!["ofType"]!["kind"], (string?)nodes["args"]![0]!["type"]!["ofType"]!["ofType"]!["ofType"]!["name"]));
        var skip = schema["directives"]!.AsArray().Single(d => (string?)d!["name"] == "skip")!;
        Assert.Equal("if", (string?)skip["args"]![0]!["name"]);
    }

    [Fact]
    public async Task The_draft_fields_graphql_js_asks_for_are_served()
    {
        var data = await api.QueryAsync("""
            {
              __schema {
                description
                directives { name isRepeatable args(includeDeprecated: true) { name isDeprecated deprecationReason } }
              }
              string: __type(name: "String") { specifiedByURL }
              filter: __type(name: "EntityFilter") { isOneOf inputFields(includeDeprecated: true) { name isDeprecated } }
              query: __type(name: "Query") { fields { name args(includeDeprecated: false) { name } } }
            }
            """);

        Assert.All(data["__schema"]!["directives"]!.AsArray(), d => Assert.False((bool)d!["isRepeatable"]!));
        Assert.Null(data["string"]!["specifiedByURL"]);
        Assert.False((bool)data["filter"]!["isOneOf"]!);
        Assert.Contains(data["filter"]!["inputFields"]!.AsArray(), f => (string?)f!["name"] == "province");
    }

    [Fact]
    public async Task Nesting_introspection_lists_to_amplify_is_refused_before_execution()
    {
        var (status, body) = await api.PostAsync("{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }");

        Assert.Equal(422, status);
        Assert.Equal(("LIMIT_EXCEEDED", "cost"), ((string?)body["errors"]![0]!["extensions"]!["code"], (string?)body["errors"]![0]!["extensions"]!["limit"]));
    }

    private static string Fixture(string file) =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "DigitalTrade.Graph.Api.Tests", "Fixtures", file));
}
