using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>The real host (`dtgraph serve`) with the given settings, queried over HTTP.</summary>
public sealed class ContractHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ContractHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>POSTs a query that must succeed; returns the whole response body (data and extensions).</summary>
    public async Task<JsonNode> PostAsync(string query)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.True(response.IsSuccessStatusCode && body["errors"] is null, $"status {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}

/// <summary>The corpus the project ships, loaded once: what both stores must answer from.</summary>
public static class ShippedCorpus
{
    private static readonly Lazy<GraphSnapshot> Loaded = new(() =>
        CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot
        ?? throw new InvalidOperationException("The shipped corpus does not validate."));

    public static GraphSnapshot Snapshot => Loaded.Value;

    public static string Folder => Path.Combine(RepositoryRoot.Path, "graph-seed");
}

/// <summary>A store the contract runs against; <see cref="Host"/> skips the test when the store cannot run here.</summary>
public interface IContractStore
{
    ContractHost Host();
}

public sealed class EmbeddedContractStore : IContractStore, IAsyncDisposable
{
    private readonly ContractHost _host = new(new Dictionary<string, string?> { ["Store:Kind"] = "embedded", ["Corpus:Path"] = ShippedCorpus.Folder });

    public ContractHost Host() => _host;

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>
/// Neo4j named by NEO4J_URI (and NEO4J_DATABASE, NEO4J_USER, NEO4J_PASSWORD): seeded with the shipped corpus
/// before the tests and emptied after them, so point it at a throwaway database. Without NEO4J_URI every
/// test of the Neo4j contract is reported as skipped, with the reason.
/// </summary>
public sealed class Neo4jContractStore : IContractStore, IAsyncLifetime
{
    public const string NotConfigured =
        "NEO4J_URI is not set: no Neo4j server here, so the Neo4j half of the contract did not run "
        + "(start one with `docker compose up -d neo4j` and set NEO4J_URI=http://localhost:7474 NEO4J_PASSWORD=…)";

    private readonly bool _configured = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NEO4J_URI"));
    private ContractHost? _host;
    private ServiceProvider? _services;

    public ContractHost Host()
    {
        if (!_configured)
        {
            Assert.Skip(NotConfigured);
        }

        return _host!;
    }

    public async ValueTask InitializeAsync()
    {
        if (!_configured)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddNeo4jGraphStore(builder.Configuration);
        _services = builder.Services.AddLogging().BuildServiceProvider();
        await _services.GetRequiredService<Neo4jSeeder>().SeedAsync(ShippedCorpus.Snapshot, null, CancellationToken.None);
        _host = new ContractHost(new Dictionary<string, string?> { ["Store:Kind"] = "neo4j" });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.GetRequiredService<Neo4jQueryClient>().RunAsync(new CypherQuery(CypherStatements.DeleteGraph), AccessMode.Write, CancellationToken.None);
            await _services.DisposeAsync();
        }
    }
}
