using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>What a seed sends: schema first, then one transaction of batched merges that commits or leaves nothing.</summary>
public sealed class SeederTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static GraphSnapshot Graph(int cases)
    {
        static Entity Make(string key, EntityKind kind) =>
            new(key, kind, new LocalizedText(key, key), [], null, Narrative.Empty, [], [], []);
        var entities = new List<Entity> { Make("provinces/hainan", EntityKind.Province), Make("agreements/depa", EntityKind.Agreement) };
        var relations = new List<Relation>();
        for (var i = 0; i < cases; i++)
        {
            entities.Add(Make($"cases/c{i:D3}", EntityKind.Case));
            relations.Add(new Relation($"cases/c{i:D3}", RelationType.LocatedIn, "provinces/hainan", RelationProperties.None));
            relations.Add(new Relation($"cases/c{i:D3}", RelationType.Uses, "agreements/depa", RelationProperties.None));
        }

        return GraphSnapshot.Create("v7", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), entities, relations);
    }

    private static (FakeQueryApi Api, Neo4jSeeder Seeder) Seeder(Func<RecordedRequest, HttpResponseMessage?>? fail = null)
    {
        var api = new FakeQueryApi(r => fail?.Invoke(r) ?? (r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse("""{ "transaction": { "id": "s1", "expires": "2030-01-01T00:00:00Z" } }""")!, (Neo4jQueryClient.AffinityHeader, "member-2"))
            : FakeQueryApi.Json(HttpStatusCode.Accepted, JsonNode.Parse("""{ "data": { "fields": [], "values": [] }, "bookmarks": ["FB:seeded"] }""")!)));
        var options = FakeQueryApi.TestOptions();
        options.SeedBatchSize = 10;
        return (api, new Neo4jSeeder(api.Client(options), Options.Create(options), TimeProvider.System, new ListLogger<Neo4jSeeder>()));
    }

    [Fact]
    public async Task Schema_comes_first_then_one_transaction_of_batched_merges_that_switches_the_version_last()
    {
        var (api, seeder) = Seeder();
        var progress = new List<SeedProgress>();

        await seeder.SeedAsync(Graph(25), new InlineProgress(progress), Token);

        var statements = api.Requests.Select(r => r.Statement).ToList();
        Assert.Equal(Neo4jSeeder.SchemaStatements, statements.Take(4));
        Assert.All(Neo4jSeeder.SchemaStatements, s => Assert.Contains("IF NOT EXISTS", s, StringComparison.Ordinal));
        Assert.Contains("fulltext.analyzer`: 'cjk'", CypherStatements.CreateTextIndex, StringComparison.Ordinal);
        Assert.Equal("/db/graph/query/v2/tx", api.Requests[5].Path);

        var inTransaction = api.Requests.Skip(6).ToList();
        Assert.All(inTransaction, r => Assert.Equal("member-2", r.Headers[Neo4jQueryClient.AffinityHeader]));
        Assert.Equal(CypherStatements.DeleteRemovedEntities, inTransaction[0].Statement);
        Assert.Equal(27, inTransaction[0].Parameter("keys")!.AsArray().Count);
        Assert.Equal(CypherStatements.DeleteRemovedRelations, inTransaction[1].Statement);
        Assert.Contains("cases/c000|LOCATED_IN|provinces/hainan", inTransaction[1].Parameter("relationIds")!.AsArray().Select(x => x!.GetValue<string>()));

        // 27 entities in batches of 10; 25 relations of each of two types in batches of 10.
        Assert.Equal([10, 10, 7], inTransaction.Where(r => r.Statement == CypherStatements.MergeEntities).Select(r => r.Parameter("rows")!.AsArray().Count));
        Assert.Equal([10, 10, 5], inTransaction.Where(r => r.Statement == CypherStatements.MergeLocatedIn).Select(r => r.Parameter("rows")!.AsArray().Count));
        Assert.Equal(3, inTransaction.Count(r => r.Statement == CypherStatements.MergeUses));
        Assert.All(inTransaction.Where(r => r.Statement?.StartsWith("UNWIND $rows", StringComparison.Ordinal) == true), r => Assert.Contains("MERGE", r.Statement!, StringComparison.Ordinal));

        Assert.Equal(CypherStatements.SetVersion, inTransaction[^2].Statement);
        Assert.Equal("v7", inTransaction[^2].Parameter("version")!.GetValue<string>());
        Assert.Equal("/db/graph/query/v2/tx/s1/commit", inTransaction[^1].Path);
        Assert.Equal(("relations", 50, 50), (progress[^2].Phase, progress[^2].Done, progress[^2].Total));
        Assert.Equal("committed", progress[^1].Phase);
    }

    [Fact]
    public async Task Seeding_twice_sends_the_same_requests_so_it_leaves_the_same_graph()
    {
        var (first, firstSeeder) = Seeder();
        var (second, secondSeeder) = Seeder();
        var graph = Graph(12);

        await firstSeeder.SeedAsync(graph, null, Token);
        await secondSeeder.SeedAsync(graph, null, Token);

        // Only seededAt (when) differs; every statement and row is identical, and all are MERGE or SET n = row.
        static IEnumerable<string> Sent(FakeQueryApi api) => api.Requests.Select(r => r.Path + " " + r.Body?["statement"] + " " + r.Body?["parameters"]?["rows"]);
        Assert.Equal(Sent(first), Sent(second));
    }

    [Fact]
    public async Task A_seed_that_fails_midway_rolls_back_and_commits_nothing()
    {
        var (api, seeder) = Seeder(r => r.Statement == CypherStatements.MergeUses
            ? FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.ClientError.Schema.ConstraintValidationFailed", "already exists")
            : null);

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => seeder.SeedAsync(Graph(5), null, Token));

        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", error.Code);
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Requests, r => r.Statement == CypherStatements.SetVersion);
        Assert.Equal((HttpMethod.Delete, "/db/graph/query/v2/tx/s1"), (api.Requests[^1].Method, api.Requests[^1].Path));
    }

    [Fact]
    public async Task A_cancelled_seed_rolls_back_too()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var (api, seeder) = Seeder(r =>
        {
            if (r.Statement == CypherStatements.MergeEntities)
            {
                cancel.Cancel();
            }

            return null;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => seeder.SeedAsync(Graph(30), null, cancel.Token));

        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
        Assert.Equal(HttpMethod.Delete, api.Requests[^1].Method);
    }

    private sealed class InlineProgress(List<SeedProgress> seen) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => seen.Add(value);
    }
}
