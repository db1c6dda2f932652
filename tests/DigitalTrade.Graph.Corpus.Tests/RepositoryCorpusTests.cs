namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>The corpus the project ships must load without errors: it is what `serve` publishes.</summary>
public sealed class RepositoryCorpusTests
{
    [Fact]
    public void The_shipped_corpus_has_no_errors()
    {
        var result = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed"), displayRoot: "graph-seed");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics.Where(d => d.IsError).Take(50)));
        Assert.NotNull(result.Snapshot!.Find("agreements/depa"));
    }
}
