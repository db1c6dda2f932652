using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The served executer (planned validation, fields collected once per document and type, pure fields read without
/// GraphQL.NET's resolve machinery) answers byte for byte what GraphQL.NET's own validator and serial strategy answer,
/// on the shipped corpus: the benchmark's documents over entities of every kind, directives, aliases, fragments on
/// interfaces, errors with paths, and each request twice (the second from the prepared document).
/// </summary>
public sealed partial class PlannedExecutionTests
{
    [System.Text.RegularExpressions.GeneratedRegex("\"requestId\":\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex RequestId();

    private const string Linked = """
        query Linked($key: String!) {
          entity(key: $key) {
            key kind name { zh en } summary { zh en } narrative { html }
            ... on Agreement { parties { key name { zh en } ... on Economy { agreements { key name { en } } } } implementedBy { key name { zh } } }
            ... on Policy { issuers { key name { zh en } } appliesTo { key kind name { zh } } implements { key name { zh } } }
            ... on Province { serviceExportBases { key name { zh } city { key } } cases { key name { zh } } cities { key name { zh } } }
            ... on Case { province { key } bases { key name { zh } } policies { key name { zh } } partners { key kind name { en } } }
            ... on Indicator { table unit series { id name { zh } } }
            relations(first: 10) { totalCount edges { type direction node { key kind name { zh en } __typename } } }
          }
        }
        """;

    private const string Neighborhood = """
        query Neighborhood($key: String!, $depth: Int) {
          neighborhood(key: $key, depth: $depth, limit: 100) { truncated center { key } nodes { key kind name { zh en } ...Id } edges { from to type fromNarrative } }
        }
        fragment Id on Node { id __typename }
        """;

    private const string Paths = """
        query Paths($a: String!, $b: String!) {
          paths(from: $a, to: $b, maxHops: 4, first: 3) { length nodes { key name { en } } edges { from to type } }
        }
        """;

    private const string Directives = """
        query Directives($key: String!, $withName: Boolean!, $skipEdges: Boolean!) {
          neighborhood(key: $key, depth: 1, limit: 20) { nodes { key name @include(if: $withName) { zh en } } edges @skip(if: $skipEdges) { from to } }
          again: entity(key: $key) { k: key name { en } }
        }
        """;

    [Fact]
    public async Task Answers_are_those_of_GraphQL_NETs_own_validator_and_strategy()
    {
        await using var served = new Factory(reference: false);
        await using var reference = new Factory(reference: true);
        var keys = await SampleKeysAsync(served);
        Assert.True(keys.Count >= 20, $"only {keys.Count} keys sampled");

        var requests = new List<(string Query, object Variables)>();
        foreach (var key in keys)
        {
            requests.Add((Linked, new { key }));
            requests.Add((Neighborhood, new { key, depth = 2 }));
        }

        for (var i = 0; i + 1 < keys.Count; i += 2)
        {
            requests.Add((Paths, new { a = keys[i], b = keys[i + 1] }));
        }

        requests.Add((Directives, new { key = keys[0], withName = true, skipEdges = false }));
        requests.Add((Directives, new { key = keys[1], withName = false, skipEdges = true }));
        requests.Add((Linked, new { key = "agreements/no-such-agreement" })); // an error with a path and suggestions
        requests.Add((Neighborhood, new { key = keys[0], depth = "two" })); // a variable that cannot be coerced
        requests.Add((Neighborhood, new { key = "economies/nowhere", depth = 1 }));

        var compared = 0;
        foreach (var (query, variables) in requests)
        {
            for (var round = 0; round < 2; round++)
            {
                var expected = await Post(reference, query, variables);
                var actual = await Post(served, query, variables);
                Assert.True(expected == actual, $"{JsonSerializer.Serialize(variables)} round {round}:\nexpected {expected}\nactual   {actual}");
                compared++;
            }
        }

        Assert.Equal(requests.Count * 2, compared);
    }

    /// <summary>Up to three entities of every kind, and the most connected ones.</summary>
    private static async Task<List<string>> SampleKeysAsync(Factory api)
    {
        var kinds = new[] { "AGREEMENT", "POLICY", "ORGANIZATION", "ECONOMY", "PROVINCE", "CITY", "ZONE", "SERVICE_EXPORT_BASE", "CASE", "EVENT", "INDICATOR" };
        var keys = new List<string> { "economies/china", "agreements/depa", "provinces/zhejiang" };
        foreach (var kind in kinds)
        {
            var body = JsonNode.Parse((await Post(api, "query($k: [EntityKind!]) { entities(kinds: $k, first: 3) { edges { node { key } } } }", new { k = new[] { kind } }))[4..])!;
            keys.AddRange(body["data"]!["entities"]!["edges"]!.AsArray().Select(e => (string)e!["node"]!["key"]!));
        }

        return keys;
    }

    private static async Task<string> Post(Factory api, string query, object variables)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return $"{(int)response.StatusCode} {RequestId().Replace(body, "\"requestId\":\"…\"")}"; // each server names its own requests
    }

    /// <summary>The shipped corpus, response cache off (every request executed); the reference uses GraphQL.NET's validator and serial strategy.</summary>
    private sealed class Factory(bool reference) : GraphApiFactory(
        Path.Combine(RepositoryRoot.Path, "graph-seed"), settings: new Dictionary<string, string> { ["GraphQL:ResponseCache:Enabled"] = "false" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (reference)
            {
                builder.ConfigureTestServices(services => services.AddSingleton<IDocumentExecuter>(_ => new DocumentExecuter(
                    new GraphQLDocumentBuilder(),
                    new DocumentValidator(),
                    new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)]),
                    [])));
            }
        }
    }
}
