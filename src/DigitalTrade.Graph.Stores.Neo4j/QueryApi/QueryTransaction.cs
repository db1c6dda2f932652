namespace DigitalTrade.Graph.Stores.Neo4j.QueryApi;

/// <summary>An explicit transaction: statements run in it see each other; nothing is visible to others until commit.</summary>
public sealed class QueryTransaction : IAsyncDisposable
{
    private readonly Neo4jQueryClient _client;
    private bool _finished;

    internal QueryTransaction(Neo4jQueryClient client, string id, string? affinity, DateTimeOffset? expires)
    {
        _client = client;
        Id = id;
        Affinity = affinity;
        Expires = expires;
    }

    public string Id { get; }

    /// <summary>The <c>neo4j-cluster-affinity</c> value: sent back so a cluster routes us to the member holding the transaction.</summary>
    public string? Affinity { get; }

    /// <summary>When the server rolls the transaction back unless it hears from us; each request extends it.</summary>
    public DateTimeOffset? Expires { get; internal set; }

    public Task<QueryResult> RunAsync(CypherQuery query, CancellationToken cancellationToken) =>
        _client.RunInTransactionAsync(this, query, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _client.CommitAsync(this, cancellationToken);
        _finished = true;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await _client.RollbackAsync(this, cancellationToken);
    }

    /// <summary>Rolls back a transaction that was neither committed nor rolled back; the server would expire it anyway.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            await _client.RollbackAsync(this, CancellationToken.None);
        }
        catch (Neo4jQueryException)
        {
            // Already gone (expired or unreachable): the server discards it on its own.
        }
    }
}
