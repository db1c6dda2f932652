using System.Net;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using DigitalTrade.Graph.Stores.Neo4j.Schema;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>
/// Seeding in generations against the stateful fake: one version per request while a seed commits, bookmarks
/// handed from the seeding process to the serving one, failed seeds that leave nothing visible, retention.
/// </summary>
public sealed class GenerationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Entity Make(string key, EntityKind kind, string nameEn) =>
        new(key, kind, new LocalizedText(key, nameEn), [], null, Narrative.Empty, [], [], []);

    /// <summary>A small graph; <paramref name="depaName"/> tells the versions apart, <paramref name="extra"/> adds an entity.</summary>
    internal static GraphSnapshot Graph(string version, string depaName, int cases = 3, string? extra = null)
    {
        var entities = new List<Entity> { Make("provinces/hainan", EntityKind.Province, "Hainan"), Make("agreements/depa", EntityKind.Agreement, depaName) };
        var relations = new List<Relation>();
        for (var i = 0; i < cases; i++)
        {
            entities.Add(Make($"cases/c{i:D3}", EntityKind.Case, $"Case {i}"));
            relations.Add(new Relation($"cases/c{i:D3}", RelationType.LocatedIn, "provinces/hainan", RelationProperties.None));
            relations.Add(new Relation($"cases/c{i:D3}", RelationType.Uses, "agreements/depa", RelationProperties.None));
        }

        if (extra is not null)
        {
            entities.Add(Make(extra, EntityKind.Policy, "Extra"));
        }

        return GraphSnapshot.Create(version, new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), entities, relations);
    }

    private static Neo4jOptions Options(int batch = 10)
    {
        var options = FakeQueryApi.TestOptions();
        options.SeedBatchSize = batch;
        options.VersionCacheDuration = TimeSpan.Zero;
        options.IndexPollInterval = TimeSpan.FromMilliseconds(1);
        return options;
    }

    internal static Neo4jSeeder Seeder(FakeNeo4j server, Neo4jOptions? options = null, Neo4jQueryClient? client = null)
    {
        options ??= Options();
        client ??= server.Client(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return new Neo4jSeeder(
            client,
            new Neo4jServerCheck(client, wrapped, TimeProvider.System, new ListLogger<Neo4jServerCheck>()),
            new Neo4jSchemaMigrator(client, wrapped, TimeProvider.System, new ListLogger<Neo4jSchemaMigrator>()),
            wrapped,
            TimeProvider.System,
            new ListLogger<Neo4jSeeder>());
    }

    internal static Neo4jGraphStore Store(FakeNeo4j server, TimeProvider? time = null, Neo4jOptions? options = null)
    {
        options ??= Options();
        var client = server.Client(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return new Neo4jGraphStore(client, new Neo4jServerCheck(client, wrapped, TimeProvider.System, new ListLogger<Neo4jServerCheck>()), wrapped, time ?? TimeProvider.System, new ListLogger<Neo4jGraphStore>());
    }

    private static async Task<string?> NameOf(IGraphView view, string key) => (await view.GetEntitiesAsync([key], Token))[0]?.Name.En;

    [Fact]
    public async Task A_seeded_graph_is_served_with_the_counts_recorded_beside_it()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token);

        var view = await Store(server).OpenViewAsync(Token);
        var statistics = await view.GetStatisticsAsync(Token);

        Assert.Equal("v1", view.Version);
        Assert.Equal("DEPA one", await NameOf(view, "agreements/depa"));
        Assert.Equal((5, 6), (statistics.EntityCount, statistics.RelationCount));
        Assert.Equal(3, statistics.EntitiesByKind[EntityKind.Case]);
        Assert.Equal(3, statistics.RelationsByType[RelationType.Uses]);
    }

    [Fact]
    public async Task A_request_keeps_reading_its_version_when_a_seed_commits_between_two_of_its_calls()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token);
        var store = Store(server);
        var request = await store.OpenViewAsync(Token);
        Assert.Equal("DEPA one", await NameOf(request, "agreements/depa"));

        // Between two calls of the same request, another seed commits a changed graph.
        await Seeder(server).SeedAsync(Graph("v2", "DEPA two", cases: 4, extra: "policies/new"), null, Token);

        Assert.Equal("DEPA one", await NameOf(request, "agreements/depa"));
        Assert.Null(await NameOf(request, "policies/new"));
        Assert.Null(await NameOf(request, "cases/c003"));
        Assert.Equal(("v1", 5), (request.Version, (await request.GetStatisticsAsync(Token)).EntityCount));

        // The next request reads the new version, all of it.
        var next = await store.OpenViewAsync(Token);
        Assert.Equal(("v2", "DEPA two", "Extra"), (next.Version, await NameOf(next, "agreements/depa"), await NameOf(next, "policies/new")));

        // Every read names its generation; the first request's reads all named the first one.
        var reads = server.Sent(CypherStatements.GetEntities).Select(r => r.Parameter("graph")!.GetValue<string>()).ToList();
        Assert.Equal(6, reads.Count);
        Assert.All(reads.Take(4), r => Assert.Equal(reads[0], r));
        Assert.All(reads.Skip(4), r => Assert.NotEqual(reads[0], r));
    }

    [Fact]
    public async Task The_seeds_bookmarks_are_stored_with_its_generation_and_sent_by_another_process_reading_it()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token);
        var switched = Assert.Single(server.Sent(CypherStatements.SwitchGeneration));
        var seedBookmark = switched.Parameter("bookmarks")![0]!.GetValue<string>();

        // What it stores is the bookmark of the seed's last write, the one the switch itself waited for.
        Assert.StartsWith("FB:fake-", seedBookmark, StringComparison.Ordinal);
        Assert.Equal(seedBookmark, switched.Body!["bookmarks"]![0]!.GetValue<string>());

        // `serve` is another process: a fresh client without bookmarks of its own.
        server.Requests.Clear();
        var view = await Store(server).OpenViewAsync(Token);
        await view.GetEntitiesAsync(["agreements/depa"], Token);
        await view.GetRelationsAsync(["agreements/depa"], RelationFilter.All, new PageRequest(5, null), Token);

        Assert.Null(server.Sent(CypherStatements.ReadCurrent)[0].Body!["bookmarks"]);
        Assert.All(
            server.Requests.Where(r => r.Statement is CypherStatements.GetEntities or CypherStatements.GetRelations),
            r => Assert.Equal([seedBookmark], r.Body!["bookmarks"]!.AsArray().Select(b => b!.GetValue<string>())));
    }

    [Fact]
    public async Task A_seed_that_fails_midway_leaves_the_served_graph_whole_and_deletes_what_it_wrote()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "DEPA one", cases: 30), null, Token);
        var served = server.Current!["generation"]!.GetValue<string>();
        var batches = 0;
        server.Intercept = r => r.Statement == CypherStatements.WriteLocatedIn && ++batches == 2
            ? FakeQueryApi.Error(HttpStatusCode.BadRequest, "Neo.TransientError.General.OutOfMemoryError", "There is not enough memory to perform the current task")
            : null;

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Seeder(server).SeedAsync(Graph("v2", "DEPA two", cases: 30), null, Token));

        Assert.Equal("Neo.TransientError.General.OutOfMemoryError", error.Code);
        Assert.Equal(served, server.Current!["generation"]!.GetValue<string>());
        Assert.Equal([served], server.Generations.Keys);
        Assert.All(server.Nodes, n => Assert.Equal(served, n.Graph));
        Assert.Empty(server.Sent(CypherStatements.SwitchGeneration).Skip(1));
        var view = await Store(server).OpenViewAsync(Token);
        Assert.Equal(("v1", "DEPA one", 32), (view.Version, await NameOf(view, "agreements/depa"), (await view.GetStatisticsAsync(Token)).EntityCount));
    }

    [Fact]
    public async Task What_a_failed_seed_could_not_delete_is_deleted_by_the_next_seed()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token);

        // The server goes away mid-seed: the write fails, and so does the cleanup after it.
        var away = false;
        server.Intercept = r =>
        {
            away |= r.Statement == CypherStatements.WriteUses;
            return away ? throw new HttpRequestException("Connection reset") : null;
        };
        await Assert.ThrowsAsync<Neo4jQueryException>(() => Seeder(server).SeedAsync(Graph("v2", "DEPA two"), null, Token));
        var orphan = Assert.Single(server.Generations.Values, g => g["state"]!.GetValue<string>() != "current");
        Assert.NotEmpty(server.NodesOf(orphan["id"]!.GetValue<string>()));

        // It is marked deleting already, or abandoned long enough: the next seed removes it.
        server.Intercept = null;
        server.Now += TimeSpan.FromHours(2);
        await Seeder(server).SeedAsync(Graph("v3", "DEPA three"), null, Token);

        Assert.DoesNotContain(orphan["id"]!.GetValue<string>(), server.Generations.Keys);
        Assert.Empty(server.NodesOf(orphan["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_batch_that_writes_fewer_rows_than_it_sent_stops_the_seed_before_the_switch()
    {
        var server = new FakeNeo4j();
        server.Intercept = r => r.Statement == CypherStatements.WriteUses
            ? FakeQueryApi.Result(["written"], [2])
            : null;

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token));

        Assert.Equal(Neo4jQueryException.SeedMismatch, error.Code);
        Assert.Contains("a batch of 3 USES wrote 2", error.Message, StringComparison.Ordinal);
        Assert.Null(server.Current);
        Assert.Empty(server.Nodes);
    }

    [Fact]
    public async Task A_recount_that_disagrees_with_the_snapshot_stops_the_seed_before_the_switch()
    {
        var server = new FakeNeo4j();
        server.Intercept = r => r.Statement == CypherStatements.CountGenerationEntities
            ? FakeQueryApi.Result(["kind", "count"], ["case", 3], ["province", 1])
            : null;

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token));

        Assert.Equal(Neo4jQueryException.SeedMismatch, error.Code);
        Assert.Contains("holds entities [case 3, province 1], relations [LOCATED_IN 3, USES 3]; expected entities [agreement 1, case 3, province 1]", error.Message, StringComparison.Ordinal);
        Assert.Null(server.Current);
    }

    [Fact]
    public async Task The_seed_writes_in_bounded_implicit_batches_and_switches_in_one_small_statement()
    {
        var server = new FakeNeo4j();

        await Seeder(server, Options(batch: 7)).SeedAsync(Graph("v1", "DEPA one", cases: 20), null, Token);

        var data = server.Requests.Where(r => r.Statement?.StartsWith("UNWIND $rows", StringComparison.Ordinal) == true).ToList();
        Assert.All(data, r => Assert.Equal("/db/graph/query/v2", r.Path));
        Assert.All(data, r => Assert.InRange(r.Parameter("rows")!.AsArray().Count, 1, 7));
        Assert.Equal([7, 7, 7, 1], server.Sent(CypherStatements.WriteEntities).Select(r => r.Parameter("rows")!.AsArray().Count));
        var switchAt = server.Requests.FindIndex(r => r.Statement == CypherStatements.SwitchGeneration);
        Assert.True(switchAt > server.Requests.FindLastIndex(r => r.Statement?.StartsWith("UNWIND $rows", StringComparison.Ordinal) == true));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/tx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seeding_twice_gives_the_same_served_graph()
    {
        var server = new FakeNeo4j();
        var graph = Graph("v1", "DEPA one");
        await Seeder(server).SeedAsync(graph, null, Token);
        var first = Content(server);
        await Seeder(server).SeedAsync(graph, null, Token);

        Assert.Equal(first, Content(server));
        Assert.Equal(2, server.Generations.Count);

        static List<string> Content(FakeNeo4j server)
        {
            var current = server.Current!["generation"]!.GetValue<string>();
            return [.. server.NodesOf(current).Select(n => n.Key + " " + n.Properties["doc"]!.ToJsonString())
                .Concat(server.Relationships.Where(r => r.From.Graph == current).Select(r => $"{r.From.Key} {r.Type} {r.To.Key} {r.Properties.ToJsonString()}"))
                .Order(StringComparer.Ordinal)];
        }
    }

    [Fact]
    public async Task Superseded_generations_are_kept_for_their_retention_then_deleted()
    {
        var server = new FakeNeo4j();
        var start = server.Now;
        await Seeder(server).SeedAsync(Graph("v1", "one"), null, Token);
        var first = server.Current!["generation"]!.GetValue<string>();
        await Seeder(server).SeedAsync(Graph("v2", "two"), null, Token);

        server.Now = start + TimeSpan.FromMinutes(10);
        await Seeder(server).SeedAsync(Graph("v3", "three"), null, Token);
        Assert.Contains(first, server.Generations.Keys);
        Assert.NotEmpty(server.NodesOf(first));

        server.Now = start + TimeSpan.FromMinutes(16);
        await Seeder(server).SeedAsync(Graph("v4", "four"), null, Token);
        Assert.DoesNotContain(first, server.Generations.Keys);
        Assert.Empty(server.NodesOf(first));
        Assert.Equal(["v2", "v3", "v4"], server.Generations.Values.Select(g => g["version"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_view_refuses_to_read_once_it_outlives_its_generations_retention()
    {
        var server = new FakeNeo4j();
        await Seeder(server).SeedAsync(Graph("v1", "one"), null, Token);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var view = await Store(server, clock).OpenViewAsync(Token);

        clock.Now += TimeSpan.FromMinutes(13);
        Assert.Equal("one", await NameOf(view, "agreements/depa"));

        clock.Now += TimeSpan.FromMinutes(2);
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => NameOf(view, "agreements/depa"));
        Assert.Equal(Neo4jQueryException.GenerationRetired, error.Code);
    }

    [Fact]
    public async Task A_database_seeded_by_the_previous_release_is_not_served_until_seeded_again_which_replaces_it()
    {
        var server = new FakeNeo4j
        {
            Current = new JsonObject { ["id"] = "current", ["version"] = "old-version" },
        };
        server.Schema.Add(new FakeNeo4j.SchemaEntry("entity_key", true, "UNIQUENESS", "Entity", ["key"]));
        server.Schema.Add(new FakeNeo4j.SchemaEntry("entity_kind", false, "RANGE", "Entity", ["kind"]));
        for (var i = 0; i < 25; i++)
        {
            server.Nodes.Add(new FakeNeo4j.Node(null, $"cases/old{i}", new() { ["kind"] = "case" }));
        }

        var status = await Store(server).GetStatusAsync(Token);
        Assert.False(status.Ready);
        Assert.Contains("seeded by an older release", status.Description, StringComparison.Ordinal);

        await Seeder(server).SeedAsync(Graph("v1", "DEPA one"), null, Token);

        Assert.True((await Store(server).GetStatusAsync(Token)).Ready);
        Assert.Empty(server.NodesOf(null));
        Assert.DoesNotContain(server.Schema, e => e.Name is "entity_key" or "entity_kind");
        Assert.Equal(SchemaDefinitions.Wanted.Select(w => w.Name).Order(), server.Schema.Select(e => e.Name).Order());
    }

    [Fact]
    public async Task The_shipped_corpus_seeds_whole_and_pages_relations_in_the_models_order_through_the_cursors()
    {
        var graph = ShippedCorpus.Snapshot;
        var server = new FakeNeo4j();
        await Seeder(server, Options(batch: 100)).SeedAsync(graph, null, Token);
        var view = await Store(server).OpenViewAsync(Token);

        var statistics = await view.GetStatisticsAsync(Token);
        Assert.Equal((graph.Entities.Count, graph.AllRelations.Count), (statistics.EntityCount, statistics.RelationCount));

        // The hub of the graph, seven at a time: the cursors the view writes must lead the server exactly on.
        const string key = "economies/china";
        var expected = graph.EdgesOf(key).Select(e => $"{e.OtherKey} {e.Relation.Type.Info().Name} {e.Direction}").ToList();
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await view.GetRelationsAsync([key], RelationFilter.All, new PageRequest(7, after), Token))[0];
            Assert.Equal(expected.Count, page.TotalCount);
            Assert.Equal(after is not null, page.HasPreviousPage);
            seen.AddRange(page.Items.Select(i => $"{(i.Node.Direction == RelationDirection.Outgoing ? i.Node.Relation.To : i.Node.Relation.From)} {i.Node.Relation.Type.Info().Name} {i.Node.Direction}"));
            after = page.HasNextPage ? page.Items[^1].Cursor : null;
        }
        while (after is not null);

        Assert.True(expected.Count > 50, $"{expected.Count} relations");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Names_resolve_as_the_snapshot_resolves_them_from_one_read_of_the_names_per_generation()
    {
        var graph = ShippedCorpus.Snapshot;
        var server = new FakeNeo4j();
        await Seeder(server, Options(batch: 200)).SeedAsync(graph, null, Token);
        var store = Store(server);
        string[] names = ["数字经济伙伴关系协定", "ＤＥＰＡ", "《数字经济伙伴关系协定》", "provinces/hainan", "hainan", "海南省", "agreements/depx", "Singapor", "nothing at all like this"];

        var first = await (await store.OpenViewAsync(Token)).ResolveNamesAsync(names, null, Token);
        var agreements = await (await store.OpenViewAsync(Token)).ResolveNamesAsync(names, new HashSet<EntityKind> { EntityKind.Agreement }, Token);

        static string Show(IEnumerable<NameResolution> resolutions) => string.Join(" | ", resolutions.Select(r =>
            $"{r.Name}: {string.Join(",", r.Matches.Select(m => $"{m.Key}/{m.MatchedBy}"))} ~ {string.Join(",", r.Suggestions.Select(m => $"{m.Key}/{m.Distance}"))}"));
        Assert.Equal(Show(names.Select(n => graph.Names.Resolve(n))), Show(first));
        Assert.Equal(Show(names.Select(n => graph.Names.Resolve(n, new HashSet<EntityKind> { EntityKind.Agreement }))), Show(agreements));
        Assert.Contains(first[0].Matches, m => m.Key == "agreements/depa");
        Assert.NotEmpty(first[6].Suggestions);

        // Two views of one generation: the names were read once, without documents.
        Assert.Single(server.Sent(CypherStatements.ReadNames));
        await Seeder(server).SeedAsync(Graph("v2", "DEPA two"), null, Token);
        var renamed = await (await store.OpenViewAsync(Token)).ResolveNamesAsync(["DEPA two"], null, Token);
        Assert.Equal("agreements/depa", Assert.Single(renamed[0].Matches).Key);
        Assert.Equal(2, server.Sent(CypherStatements.ReadNames).Count);
    }

    [Fact]
    public async Task Seeding_an_unsupported_server_writes_nothing()
    {
        var server = new FakeNeo4j { Discovery = Fixtures.Discovery("5.25.0") };

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => Seeder(server).SeedAsync(Graph("v1", "one"), null, Token));

        Assert.Equal(Neo4jQueryException.UnsupportedServer, error.Code);
        Assert.Equal(["/"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task An_unsupported_server_is_not_ready_with_the_reason()
    {
        var server = new FakeNeo4j { Discovery = Fixtures.Discovery519() };

        var status = await Store(server).GetStatusAsync(Token);

        Assert.False(status.Ready);
        Assert.Contains("5.19.0", status.Description, StringComparison.Ordinal);
        Assert.Contains("upgrade to Neo4j 5.26", status.Description, StringComparison.Ordinal);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
