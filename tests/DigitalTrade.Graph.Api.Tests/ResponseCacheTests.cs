using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Api.Caching;
using DigitalTrade.Graph.Api.Telemetry;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// The response cache: repeats are answered without the store, never across graph versions (also while versions are
/// swapped under concurrent requests), never for errors, refusals or timeouts, always after the limits, within its bytes.
/// </summary>
public sealed class ResponseCacheTests
{
    private const string Depa = """query($key: String!) { entity(key: $key) { key name { en } ... on Agreement { parties { key } } } }""";

    [Fact]
    public async Task A_repeat_is_answered_from_the_cache_without_touching_the_store()
    {
        await using var api = new GraphApiFactory();
        var first = await api.PostAsync(Depa, new { key = "agreements/depa" });
        api.Store.Reset();

        var second = await api.PostAsync(Depa, new { key = "agreements/depa" });

        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        Assert.Equal(0, api.Store.TotalCalls);
        Assert.Equal(1, Cache(api).Count);

        // Other variables are another request: executed.
        await api.QueryAsync(Depa, new { key = "agreements/rcep" });
        Assert.True(api.Store.TotalCalls > 0);
    }

    [Fact]
    public async Task Variables_in_another_key_order_are_the_same_request()
    {
        await using var api = new GraphApiFactory();
        const string query = """query($a: String!, $b: String!) { a: entity(key: $a) { key } b: entity(key: $b) { key } }""";
        using var client = api.CreateClient();
        await Post(client, "{\"query\":" + JsonValue.Create(query).ToJsonString() + ",\"variables\":{\"a\":\"agreements/depa\",\"b\":\"agreements/rcep\"}}");
        api.Store.Reset();

        var (status, body) = await Post(client, "{\"query\":" + JsonValue.Create(query).ToJsonString() + ",\"variables\":{\"b\":\"agreements/rcep\",\"a\":\"agreements/depa\"}}");

        Assert.Equal(200, status);
        Assert.Equal("agreements/rcep", (string?)body["data"]!["b"]!["key"]);
        Assert.Equal(0, api.Store.TotalCalls);
    }

    [Fact]
    public async Task A_new_snapshot_between_two_identical_requests_is_answered_from_the_new_one()
    {
        await using var api = new GraphApiFactory();
        var store = api.Services.GetRequiredService<EmbeddedGraphStore>();
        var before = await api.QueryAsync(Depa, new { key = "agreements/depa" });
        Assert.Equal(1, Cache(api).Count);

        store.Publish(Renamed(store.Current!, "agreements/depa", "DEPA renamed", "v-renamed"));
        var after = await api.PostAsync(Depa, new { key = "agreements/depa" });

        Assert.Equal("Digital Economy Partnership Agreement", (string?)before["entity"]!["name"]!["en"]);
        Assert.Equal("DEPA renamed", (string?)after.Body["data"]!["entity"]!["name"]!["en"]);
        Assert.Equal("v-renamed", (string?)after.Body["extensions"]!["snapshotVersion"]);

        // The old version's entry was dropped when the new version showed up; only the new answer is held.
        Assert.Equal(1, Cache(api).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Under_concurrent_swaps_every_answer_is_of_the_version_it_names(bool snapshotStore)
    {
        await using var api = snapshotStore ? new SnapshotStoreFactory() : new GraphApiFactory();
        var store = api.Services.GetRequiredService<EmbeddedGraphStore>();
        var original = store.Current!;
        var versions = Enumerable.Range(0, 4).Select(i => Renamed(original, "agreements/depa", "name-" + i, "v" + i)).ToArray();
        store.Publish(versions[0]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var swapper = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                store.Publish(versions[i % versions.Length]);
                await Task.Delay(15, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        var mismatches = new List<string>();
        var answered = 0;
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = api.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await Post(client, "{\"query\":" + JsonValue.Create(Depa).ToJsonString() + ",\"variables\":{\"key\":\"agreements/depa\"}}");
                Assert.Equal(200, status);
                var version = (string)body["extensions"]!["snapshotVersion"]!;
                var name = (string)body["data"]!["entity"]!["name"]!["en"]!;
                Interlocked.Increment(ref answered);
                if (name != "name-" + version[1..])
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{version}: {name}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll([swapper, .. clients]);

        Assert.Empty(mismatches);
        Assert.True(answered > 20, $"only {answered} answers");
    }

    [Fact]
    public async Task Errors_refusals_and_volatile_answers_are_not_kept()
    {
        await using var api = new GraphApiFactory();

        // A field error (unknown key), a validation error, a limit refusal, and answers that depend on the last load.
        await api.PostAsync(Depa, new { key = "agreements/nope" });
        await api.PostAsync("{ entity(key: \"agreements/depa\") { nope } }");
        await api.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Range(0, 101).Select(i => "x" + i).ToArray() });
        await api.QueryAsync("{ corpus { version lastLoad { succeeded } } }");
        await api.QueryAsync("{ corpus { createdAt } }");

        Assert.Equal(0, Cache(api).Count);
    }

    [Fact]
    public async Task A_timeout_is_not_kept()
    {
        await using var api = new GraphApiFactory(Path.Combine(RepositoryRoot.Path, "graph-seed"), settings: new Dictionary<string, string> { ["GraphQL:ExecutionTimeout"] = "00:00:00.001" });
        const string heavy = """
            {
              n: neighborhood(key: "economies/china", depth: 3, limit: 500) { nodes { key } edges { from to } }
              p: paths(from: "bases/xiamen-software-park", to: "agreements/cptpp", maxHops: 6, first: 20) { length }
            }
            """;

        var (status, body) = await api.PostAsync(heavy);
        var again = await api.PostAsync(heavy);

        Assert.True(status == 504, body.ToJsonString());
        Assert.Equal(504, again.Status);
        Assert.Equal(0, Cache(api).Count);
    }

    [Fact]
    public async Task Limits_are_checked_for_every_request_even_when_its_document_is_cached()
    {
        await using var api = new GraphApiFactory();
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
        var few = new { ids = new[] { "QWdyZWVtZW50OmFncmVlbWVudHMvZGVwYQ" } };
        await api.QueryAsync(query, few);
        await api.QueryAsync(query, few);

        var (status, body) = await api.PostAsync(query, new { ids = Enumerable.Repeat("QWdyZWVtZW50OmFncmVlbWVudHMvZGVwYQ", 101).ToArray() });

        Assert.Equal(422, status);
        Assert.Equal("LIMIT_EXCEEDED", (string?)body["errors"]![0]!["extensions"]!["code"]);

        // And an aliased copy of the cached request over the alias limit is refused, not served from the cache's document.
        var aliases = string.Join(' ', Enumerable.Range(0, 31).Select(i => $"a{i}: corpus {{ version }}"));
        await api.QueryAsync("{ a0: corpus { version } }");
        Assert.Equal(422, (await api.PostAsync("{ " + aliases + " }")).Status);
    }

    [Fact]
    public async Task In_process_and_HTTP_requests_share_the_cache()
    {
        await using var api = new GraphApiFactory();
        var service = api.Services.GetRequiredService<IGraphQLService>();
        var inProcess = await service.ExecuteAsync(new GraphQLServiceRequest(Depa, null, "{\"key\":\"agreements/depa\"}"), TestContext.Current.CancellationToken);
        api.Store.Reset();

        var (status, body) = await api.PostAsync(Depa, new { key = "agreements/depa" });

        Assert.Equal((200, 200), (inProcess.Status, status));
        Assert.Equal(JsonNode.Parse(inProcess.Json.Span)!.ToJsonString(), body.ToJsonString());
        Assert.Equal(0, api.Store.TotalCalls);
    }

    [Fact]
    public async Task Switched_off_every_request_is_executed()
    {
        await using var api = new GraphApiFactory(ApiCorpus.Write(), settings: new Dictionary<string, string> { ["GraphQL:ResponseCache:Enabled"] = "false" });
        await api.QueryAsync(Depa, new { key = "agreements/depa" });
        api.Store.Reset();

        await api.QueryAsync(Depa, new { key = "agreements/depa" });

        Assert.True(api.Store.TotalCalls > 0);
        Assert.Equal(0, Cache(api).Count);
    }

    [Fact]
    public void The_cache_stays_within_its_bytes_and_keeps_no_answer_over_the_entry_limit()
    {
        using var cache = NewCache(sizeLimit: 1024 * 1024, maxEntry: 64 * 1024);
        var body = new byte[40 * 1024];

        for (var i = 0; i < 200; i++)
        {
            cache.Add("v1", "tag" + i, true, new CachedAnswer(body, "op"));
            Assert.True(cache.SizeBytes <= 1024 * 1024, $"{cache.SizeBytes} bytes after {i + 1} answers");
        }

        Assert.InRange(cache.Count, 1, 1024 * 1024 / (40 * 1024));
        cache.Add("v1", "huge", true, new CachedAnswer(new byte[65 * 1024], "op"));
        Assert.Null(cache.TryGet("v1", "huge", true));
    }

    [Fact]
    public void A_new_version_drops_the_old_one_and_an_older_view_neither_reads_nor_writes()
    {
        using var cache = NewCache(sizeLimit: 1024 * 1024, maxEntry: 64 * 1024);
        cache.Add("v1", "t", true, new CachedAnswer([1], "op"));
        Assert.NotNull(cache.TryGet("v1", "t", true));

        // v2 is served now: v1's answers go at once.
        Assert.Null(cache.TryGet("v2", "t", true));
        Assert.Equal(0, cache.Count);

        // A request still reading v1 finishes late: it must not bring v1 back or evict v2.
        cache.Add("v2", "t", true, new CachedAnswer([2], "op"));
        cache.Add("v1", "t", false, new CachedAnswer([1], "op"));
        Assert.Null(cache.TryGet("v1", "t", false));
        Assert.Equal([2], cache.TryGet("v2", "t", true)!.Json);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Hits_misses_and_size_are_metrics()
    {
        await using var api = new GraphApiFactory();
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GraphMetrics.Name && instrument.Name.StartsWith("graphql.cache.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await api.QueryAsync(Depa, new { key = "agreements/depa" });
        await api.QueryAsync(Depa, new { key = "agreements/depa" });
        await api.QueryAsync(Depa, new { key = "agreements/depa" });
        listener.RecordObservableInstruments();

        lock (measured)
        {
            Assert.True(measured.GetValueOrDefault("graphql.cache.hits") >= 2, string.Join(", ", measured));
            Assert.True(measured.GetValueOrDefault("graphql.cache.misses") >= 1, string.Join(", ", measured));
            Assert.True(measured.GetValueOrDefault("graphql.cache.size") > 0, string.Join(", ", measured));
        }
    }

    internal static ResponseCache Cache(GraphApiFactory api) => api.Services.GetRequiredService<ResponseCache>();

    internal static async Task<(int Status, JsonNode Body)> Post(HttpClient client, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
    }

    /// <summary>The same graph under another version, with one entity's English name changed.</summary>
    internal static GraphSnapshot Renamed(GraphSnapshot graph, string key, string english, string version) =>
        GraphSnapshot.Create(
            version,
            graph.CreatedAt,
            graph.Entities.Select(e => e.Key == key ? e with { Name = e.Name with { En = english } } : e),
            graph.AllRelations);

    private static ResponseCache NewCache(long sizeLimit, int maxEntry)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options.Create(new GraphApiOptions { ResponseCache = new ResponseCacheOptions { SizeLimitBytes = sizeLimit, MaxEntryBytes = maxEntry } });
        return new ResponseCache(options, new GraphMetrics(services.GetRequiredService<IMeterFactory>(), options));
    }
}

/// <summary>The host reading the embedded store itself (no counting wrapper): requests take the snapshot's direct path, and views know whether they are current.</summary>
public sealed class SnapshotStoreFactory : GraphApiFactory
{
    public SnapshotStoreFactory()
        : base(ApiCorpus.Write())
    {
    }

    internal SnapshotStoreFactory(string corpusPath, IReadOnlyDictionary<string, string>? settings = null)
        : base(corpusPath, settings: settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<EmbeddedGraphStore>()));
    }
}
