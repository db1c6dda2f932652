using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>
/// The shipped corpus seeded into the stateful fake and read back through the store: every entity comes back
/// whole (each narrative's language blocks, every source with its origin and reference, dates given and not
/// given) and every relation with its properties, so nothing the corpus says is lost on the way through Neo4j rows.
/// </summary>
public sealed class ShippedRoundTripTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Lazy<Task<IGraphView>> Seeded = new(async () =>
    {
        var server = new FakeNeo4j();
        await GenerationTests.Seeder(server).SeedAsync(ShippedCorpus.Snapshot, null, CancellationToken.None);
        return await GenerationTests.Store(server).OpenViewAsync(CancellationToken.None);
    });

    [Fact]
    public async Task Every_entity_comes_back_with_both_narrative_blocks_and_all_its_provenance()
    {
        var view = await Seeded.Value;
        var graph = ShippedCorpus.Snapshot;

        var read = await view.GetEntitiesAsync([.. graph.Entities.Select(e => e.Key)], Token);

        Assert.Equal(graph.Entities.Count, read.Count);
        Assert.All(graph.Entities.Zip(read), pair =>
        {
            var (expected, actual) = pair;
            Assert.NotNull(actual);
            Assert.Equal(EntityRows.Serialize(expected), EntityRows.Serialize(actual));
            Assert.Equal(expected.Narrative.In(Language.Zh).Markdown, actual.Narrative.In(Language.Zh).Markdown);
            Assert.Equal(expected.Narrative.In(Language.En).Html, actual.Narrative.In(Language.En).Html);
        });

        // The comparison above would pass on an empty corpus: the shipped one has bilingual narratives to lose.
        Assert.True(read.Count(e => e!.Narrative.En is { Markdown.Length: > 0 }) > 300);
    }

    [Fact]
    public async Task Every_relation_comes_back_with_its_properties()
    {
        var view = await Seeded.Value;
        var graph = ShippedCorpus.Snapshot;
        var seen = new List<Relation>();
        foreach (var entity in graph.Entities)
        {
            string? after = null;
            do
            {
                var page = (await view.GetRelationsAsync([entity.Key], new RelationFilter(Direction: RelationDirection.Outgoing), new PageRequest(PageRequest.MaxPageSize, after), Token))[0];
                seen.AddRange(page.Items.Select(i => i.Node.Relation));
                after = page.HasNextPage ? page.Items[^1].Cursor : null;
            }
            while (after is not null);
        }

        static string Describe(Relation r) => $"{r.From} {r.Type} {r.To} {r.Properties}";
        Assert.Equal(graph.AllRelations.Select(Describe).Order(StringComparer.Ordinal), seen.Select(Describe).Order(StringComparer.Ordinal));
    }
}
