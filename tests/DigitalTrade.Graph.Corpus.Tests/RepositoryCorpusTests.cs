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

    [Fact]
    public void Every_entity_has_both_names_a_bilingual_summary_sources_and_a_narrative_that_links_onwards()
    {
        var snapshot = CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!;
        var linking = snapshot.OfType(Model.RelationType.Mentions).Select(r => r.From).ToHashSet(StringComparer.Ordinal);

        Assert.All(snapshot.Entities, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Name.Zh) || string.IsNullOrWhiteSpace(e.Name.En), e.Key);
            Assert.True(e.Summary is { Zh.Length: > 0, En.Length: > 0 }, $"{e.Key} needs a summary in both languages");
            Assert.True(e.Sources.Count > 0, $"{e.Key} needs sources");
            Assert.True(linking.Contains(e.Key), $"{e.Key}: the narrative links to no other entity");
        });
    }
}
