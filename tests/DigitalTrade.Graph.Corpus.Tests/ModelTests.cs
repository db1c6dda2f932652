using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Corpus.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData("2024", "2024", "YEAR")]
    [InlineData("2024-05", "2024-05", "MONTH")]
    [InlineData("2024-05-21", "2024-05-21", "DAY")]
    public void Partial_dates_keep_the_precision_the_report_gives(string text, string printed, string precision)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(printed, date.ToString());
        Assert.Equal(precision, date.Precision);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2023-02-29")]
    [InlineData("24")]
    [InlineData("2024年5月")]
    [InlineData("")]
    public void Impossible_dates_are_refused(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Theory]
    [InlineData("2024", true)]
    [InlineData("2024-H1", true)]
    [InlineData("2024-Q3", true)]
    [InlineData("2020/2024", true)]
    [InlineData("2024-01/2024-11", true)]
    [InlineData("2024/2020", false)]
    [InlineData("2024/2024-05", false)]
    [InlineData("2024-Q5", false)]
    public void Periods_are_dates_halves_quarters_or_spans(string text, bool valid) => Assert.Equal(valid, Periods.IsValid(text));

    [Fact]
    public void Pages_follow_keyset_cursors_and_refuse_foreign_ones()
    {
        var entities = Enumerable.Range(1, 5).Select(i => Entity($"economies/e{i}")).ToList();
        var snapshot = GraphSnapshot.Create("v1", DateTimeOffset.UnixEpoch, entities, []);

        var first = snapshot.List(EntityFilter.All, EntityOrder.Key, new PageRequest(2, null));
        var second = snapshot.List(EntityFilter.All, EntityOrder.Key, new PageRequest(2, first.Items[^1].Cursor));
        var last = snapshot.List(EntityFilter.All, EntityOrder.Key, new PageRequest(2, second.Items[^1].Cursor));

        Assert.Equal(["economies/e1", "economies/e2"], first.Items.Select(i => i.Node.Key));
        Assert.Equal(["economies/e3", "economies/e4"], second.Items.Select(i => i.Node.Key));
        Assert.Equal(["economies/e5"], last.Items.Select(i => i.Node.Key));
        Assert.True(first.HasNextPage);
        Assert.False(last.HasNextPage);
        Assert.True(last.HasPreviousPage);
        Assert.Equal(5, last.TotalCount);
        var error = Assert.Throws<GraphQueryException>(() => snapshot.List(EntityFilter.All, EntityOrder.Key, new PageRequest(2, "bm90LWEtY3Vyc29y")));
        Assert.Equal("INVALID_CURSOR", error.Code);
        Assert.Equal("INVALID_PAGE_SIZE", Assert.Throws<GraphQueryException>(() => PageRequest.Create(101, null)).Code);
    }

    [Fact]
    public void A_snapshot_refuses_relations_to_missing_entities()
    {
        var relation = new Relation("economies/e1", RelationType.PartyTo, "agreements/none", RelationProperties.None);

        Assert.Throws<ArgumentException>(() => GraphSnapshot.Create("v1", DateTimeOffset.UnixEpoch, [Entity("economies/e1")], [relation]));
    }

    /// <summary>Large graphs check endpoints on every core: the same refusal (not an AggregateException) and the same one string per key.</summary>
    [Fact]
    public void A_large_snapshot_checks_every_endpoint_and_keeps_one_string_per_key()
    {
        var entities = Enumerable.Range(0, 1_000).Select(i => Entity($"economies/e{i:D4}")).ToList();
        var relations = Enumerable.Range(0, 60_000)
            .Select(i => new Relation(new string($"economies/e{i % 1_000:D4}".AsSpan()), RelationType.Mentions, new string($"economies/e{(i + 1) % 1_000:D4}".AsSpan()), RelationProperties.None))
            .ToList();

        var snapshot = GraphSnapshot.Create("v1", DateTimeOffset.UnixEpoch, entities, relations);
        Assert.All(snapshot.AllRelations, r => Assert.Same(snapshot.Find(r.To)!.Key, r.To));
        Assert.All(snapshot.AllRelations, r => Assert.Same(snapshot.Find(r.From)!.Key, r.From));

        relations[41_234] = relations[41_234] with { To = "agreements/none" };
        var refused = Assert.Throws<ArgumentException>(() => GraphSnapshot.Create("v1", DateTimeOffset.UnixEpoch, entities, relations));
        Assert.Contains("agreements/none", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A snapshot made from the one it replaces shares its key positions only for the same keys, and finds its own entities.</summary>
    [Fact]
    public void A_snapshot_made_from_the_one_before_finds_its_own_entities()
    {
        var keys = Enumerable.Range(0, 300).Select(i => $"economies/e{i:D3}").ToList();
        var before = GraphSnapshot.Create("v1", DateTimeOffset.UnixEpoch, keys.Select(Entity), []);
        var edited = keys.Select(Entity).ToList();
        edited[7] = edited[7] with { Name = new LocalizedText("改", "Edited") };
        var fewer = keys.Where((_, i) => i != 100).Select(Entity).Append(Entity("economies/e999")).ToList();

        foreach (var (entities, what) in new[] { (edited, "same keys"), (fewer, "a key removed and one added"), (edited.AsEnumerable().Reverse().ToList(), "same keys, given unsorted") })
        {
            var now = GraphSnapshot.Create("v2", DateTimeOffset.UnixEpoch, entities, [], before);
            Assert.All(entities, e => Assert.Same(e, now.Find(e.Key)));
            Assert.True(now.Find("economies/e100") is null == (what == "a key removed and one added"), what);
        }
    }

    /// <summary>
    /// A watch reload's snapshot updates the edges of the snapshot it replaces (only entities at either end of a changed
    /// relation get new lists): after every step of random relation edits, every entity's edges and adjacency equal those of a
    /// snapshot built from nothing.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Edges_updated_from_the_snapshot_before_equal_edges_built_anew(int seed)
    {
        var random = new Random(seed);
        var entities = Enumerable.Range(0, 200).Select(i => Entity($"economies/e{i:D3}")).ToList();
        var types = new[] { RelationType.Mentions, RelationType.PartyTo, RelationType.Involves, RelationType.LocatedIn };
        Relation Any() => new(entities[random.Next(200)].Key, types[random.Next(types.Length)], entities[random.Next(200)].Key, RelationProperties.None);
        var relations = Enumerable.Range(0, 1_500).Select(_ => Any()).Where(r => r.From != r.To).DistinctBy(r => (r.From, r.Type, r.To)).ToList();
        var before = GraphSnapshot.Create("v0", DateTimeOffset.UnixEpoch, entities, relations);
        before.Prepare();

        for (var step = 1; step <= 12; step++)
        {
            // A stretch replaced (one file's relations), sometimes at the start or the end, sometimes emptied or grown.
            var at = random.Next(step % 4 == 0 ? 1 : relations.Count);
            var length = Math.Min(random.Next(0, 40), relations.Count - at);
            var replacement = Enumerable.Range(0, random.Next(0, 40)).Select(_ => Any()).ToList();
            if (step % 5 == 0)
            {
                replacement = [.. relations.Skip(at).Take(length).Select(r => r with { })]; // equal values, new objects
            }

            relations = [.. relations.Take(at).Concat(replacement).Concat(relations.Skip(at + length))];
            relations = [.. relations.Where(r => r.From != r.To).DistinctBy(r => (r.From, r.Type, r.To))];
            var updated = GraphSnapshot.Create($"v{step}", DateTimeOffset.UnixEpoch, entities, relations, before);
            var fresh = GraphSnapshot.Create($"v{step}", DateTimeOffset.UnixEpoch, entities, relations);
            for (var i = 0; i < entities.Count; i++)
            {
                var key = entities[i].Key;
                Assert.Equal(fresh.EdgesOf(key).Select(e => (e.Relation, e.Direction)), updated.EdgesOf(key).Select(e => (e.Relation, e.Direction)));
                Assert.Equal(fresh.AdjacencyOf(i).Others.ToArray(), updated.AdjacencyOf(i).Others.ToArray());
                Assert.Equal(fresh.AdjacencyOf(i).Types.ToArray(), updated.AdjacencyOf(i).Types.ToArray());
            }

            before = updated;
        }
    }

    [Fact]
    public void The_relation_vocabulary_is_documented_in_the_editors_guide()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "graph-seed", "README.md"));
        var schema = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema.graphql"));

        Assert.All(RelationTypes.All, type =>
        {
            Assert.Contains($"| `{type.Name}` |", guide, StringComparison.Ordinal);
            Assert.Contains($"  {type.Name}\n", schema, StringComparison.Ordinal);
        });
    }

    private static Entity Entity(string key) =>
        new(key, EntityKind.Economy, new LocalizedText(key, key), [], null, Narrative.Empty, [], [], []);
}
