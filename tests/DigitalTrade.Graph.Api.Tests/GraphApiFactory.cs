using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The real host on Kestrel over a test corpus, with store calls counted.</summary>
public class GraphApiFactory : WebApplicationFactory<Program>
{
    public GraphApiFactory()
        : this(ApiCorpus.Write())
    {
    }

    internal GraphApiFactory(string corpusPath, bool watch = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        CorpusPath = corpusPath;
        Watch = watch;
        Settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    /// <summary>Configuration for this host, over the test defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public bool Watch { get; }

    public string CorpusPath { get; }

    public CountingGraphStore Store => Services.GetRequiredService<CountingGraphStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Corpus:Path", CorpusPath);
        builder.UseSetting("Corpus:Watch", Watch ? "true" : "false");

        // Tests send requests faster than a client should; the rate-limit tests switch it back on.
        builder.UseSetting("RateLimit:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new CountingGraphStore(sp.GetRequiredService<EmbeddedGraphStore>()));
            services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<CountingGraphStore>());
        });
    }

    /// <summary>POSTs a query and returns the status and the parsed body.</summary>
    public async Task<(int Status, JsonNode Body)> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    /// <summary>POSTs a query that must succeed and returns its data.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        var (status, body) = await PostAsync(query, variables);
        Assert.True(status == 200 && body["errors"] is null, $"status {status}: {body.ToJsonString()}");
        return body["data"]!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Only folders the tests wrote are removed: the repository itself may well live under /tmp.
        if (disposing && ApiCorpus.WroteFolder(CorpusPath))
        {
            try
            {
                Directory.Delete(CorpusPath, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}

/// <summary>The host over the corpus the project ships, shared by the tests that assert real facts.</summary>
public sealed class ShippedCorpusFactory : GraphApiFactory
{
    public ShippedCorpusFactory()
        : base(Path.Combine(RepositoryRoot.Path, "graph-seed"))
    {
    }
}

/// <summary>Counts the calls that reach the store, to prove batching.</summary>
public sealed class CountingGraphStore(IGraphStore inner) : IGraphStore
{
    private int _entityCalls;
    private int _relationCalls;
    private int _listCalls;

    public int EntityCalls => _entityCalls;

    public int RelationCalls => _relationCalls;

    public int TotalCalls => _entityCalls + _relationCalls + _listCalls;

    public void Reset() => _entityCalls = _relationCalls = _listCalls = 0;

    public async ValueTask<IGraphView> OpenViewAsync(CancellationToken cancellationToken) =>
        new CountingView(this, await inner.OpenViewAsync(cancellationToken));

    public ValueTask<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) => inner.GetStatusAsync(cancellationToken);

    private sealed class CountingView(CountingGraphStore counts, IGraphView inner) : IGraphView
    {
        public string Version => inner.Version;

        public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._entityCalls);
            return inner.GetEntitiesAsync(keys, cancellationToken);
        }

        public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._relationCalls);
            return inner.GetRelationsAsync(keys, filter, page, cancellationToken);
        }

        public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._listCalls);
            return inner.ListEntitiesAsync(filter, order, page, cancellationToken);
        }

        public Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._listCalls);
            return inner.GetNeighborhoodAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._listCalls);
            return inner.FindPathsAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<NameResolution>> ResolveNamesAsync(IReadOnlyList<string> names, IReadOnlySet<EntityKind>? kinds, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._listCalls);
            return inner.ResolveNamesAsync(names, kinds, cancellationToken);
        }

        public Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts._listCalls);
            return inner.SearchAsync(query, page, cancellationToken);
        }

        public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) => inner.GetStatisticsAsync(cancellationToken);
    }
}
