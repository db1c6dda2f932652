using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Neo4j.QueryApi;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// The name index (<see cref="EntityNames"/>) of each generation, built once per process from the names alone
/// (<see cref="CypherStatements.ReadNames"/>) and kept while the generation is among the two most recently used:
/// a generation never changes, so its index never goes stale. Concurrent first callers share one load.
/// </summary>
internal sealed class GenerationNames(Neo4jQueryClient client)
{
    private const int Kept = 2;
    private readonly Lock _lock = new();
    private readonly List<(string Generation, Lazy<Task<EntityNames>> Names)> _loaded = [];

    public async Task<EntityNames> ForAsync(GraphGeneration generation, CancellationToken cancellationToken)
    {
        Lazy<Task<EntityNames>> entry;
        lock (_lock)
        {
            var index = _loaded.FindIndex(l => l.Generation == generation.Id);
            if (index >= 0)
            {
                entry = _loaded[index].Names;
                _loaded.RemoveAt(index);
            }
            else
            {
                entry = new Lazy<Task<EntityNames>>(() => LoadAsync(generation));
            }

            _loaded.Insert(0, (generation.Id, entry));
            if (_loaded.Count > Kept)
            {
                _loaded.RemoveAt(Kept);
            }
        }

        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Neo4jQueryException)
        {
            // A failed load is not kept: the next caller tries again.
            lock (_lock)
            {
                _loaded.RemoveAll(l => ReferenceEquals(l.Names, entry));
            }

            throw;
        }
    }

    /// <summary>Not cancelled by the first caller: others may be waiting for it; the client's request timeout bounds it.</summary>
    private async Task<EntityNames> LoadAsync(GraphGeneration generation)
    {
        var result = await client.RunAsync(
            new CypherQuery(CypherStatements.ReadNames, new Dictionary<string, object?>(StringComparer.Ordinal) { ["graph"] = generation.Id }),
            AccessMode.Read,
            generation.Bookmarks,
            CancellationToken.None);
        var entities = new List<Entity>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            if (EntityKinds.FromName(row.GetString("kind") ?? string.Empty) is not { } kind)
            {
                continue;
            }

            entities.Add(new Entity(
                row.GetRequiredString("key"), kind.Kind, new LocalizedText(row.GetString("nameZh") ?? string.Empty, row.GetString("nameEn") ?? string.Empty),
                row.GetStrings("aliases"), null, Narrative.Empty, [], [], []));
        }

        return new EntityNames(entities);
    }
}
