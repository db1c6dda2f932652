using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>The shipped corpus and its search index, loaded once for the tests that share it.</summary>
public sealed class ShippedIndex : IDisposable
{
    public ShippedIndex()
    {
        var result = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed"), displayRoot: "graph-seed");
        Snapshot = result.Snapshot ?? throw new InvalidOperationException("graph-seed does not load: " + string.Join('\n', result.Diagnostics.Take(5)));
        Index = SearchIndex.Build(Snapshot);
    }

    public GraphSnapshot Snapshot { get; }

    public SearchIndex Index { get; }

    /// <summary>Every match, best first, and the total the engine reports.</summary>
    public (IReadOnlyList<string> Keys, int Total) All(string query)
    {
        var page = Index.Search(new SearchQuery(query), new PageRequest(Snapshot.Entities.Count, null), TestContext.Current.CancellationToken).Hits;
        return ([.. page.Items.Select(i => i.Node.Entity.Key)], page.TotalCount);
    }

    public void Dispose() => Index.Dispose();
}
