using System.Globalization;
using System.Text;
using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Search.Tests;

/// <summary>
/// An index built by a reload that keeps the previous index's unchanged shards answers every search exactly as an
/// index built from nothing for the same snapshot: hits in order, scores to the bit, totals, facets, highlights,
/// cursors and suggestions, after any sequence of edits.
/// </summary>
public sealed class IncrementalIndexTests(ShippedIndex shipped, ITestOutputHelper output) : IClassFixture<ShippedIndex>
{
    /// <summary>Small shards, so the shipped corpus (460 entities) spreads over 16 of them and an edit touches few.</summary>
    private const int PerShard = 16;

    private static readonly string[] Words = ["data", "digital", "trade", "platform", "cloud", "quantum", "数字", "贸易", "数据", "海南", "跨境", "服务", "平台", "zhejiang"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void After_random_edits_an_index_that_keeps_unchanged_shards_answers_exactly_like_one_built_from_nothing(int seed)
    {
        var random = new Random(seed);
        var entities = shipped.Snapshot.Entities.ToList();
        var queries = Queries(random);
        var previous = SearchIndex.Build(Snapshot(entities, 0), null, PerShard);
        Assert.True(previous.ShardCount >= 8, $"{previous.ShardCount} shards");

        // The query set exercises what it should: suggestions for a query that finds nothing, later pages, a kinds filter.
        var answers = queries.Select(q => Answer(previous, q)).ToList();
        Assert.Contains(answers, a => a.Contains("\n  suggestions ", StringComparison.Ordinal) && !a.Contains("\n  suggestions \n", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Contains("page 2: total", StringComparison.Ordinal) && a.Contains("previous True", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Contains("<em>", StringComparison.Ordinal));
        var kept = 0;
        try
        {
            for (var step = 1; step <= 10; step++)
            {
                var edits = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Edit(random, entities)).ToList();
                var snapshot = Snapshot(entities, step);
                var incremental = SearchIndex.Build(snapshot, previous, PerShard);
                using var fresh = SearchIndex.Build(snapshot, null, PerShard);
                kept += incremental.SharedShards(previous);
                output.WriteLine($"step {step}: {string.Join(", ", edits)}; {incremental.SharedShards(previous)} of {incremental.ShardCount} shards kept");

                // The previous index still answers after a reload shares its shards, until it is disposed.
                Assert.Equal(Answer(previous, queries[0]), Answer(previous, queries[0]));
                previous.Dispose();
                previous = incremental;
                foreach (var query in queries)
                {
                    Assert.Equal(Answer(fresh, query), Answer(incremental, query));
                }
            }
        }
        finally
        {
            previous.Dispose();
        }

        // Not a test of rebuilding everything: most shards are kept across the steps.
        Assert.True(kept > 10 * 8, $"{kept} shards kept over 10 steps");
    }

    [Fact]
    public void A_reload_with_nothing_changed_keeps_every_shard_and_one_edit_rebuilds_one()
    {
        var entities = shipped.Snapshot.Entities.ToList();
        using var first = SearchIndex.Build(Snapshot(entities, 0), null, PerShard);
        using var same = SearchIndex.Build(Snapshot(entities, 1), first, PerShard);
        Assert.Equal(first.ShardCount, same.SharedShards(first));

        var at = entities.FindIndex(e => e.Key == "provinces/hainan");
        entities[at] = entities[at] with { Summary = new LocalizedText("海南省。", "Hainan province.") };
        using var edited = SearchIndex.Build(Snapshot(entities, 2), same, PerShard);
        Assert.Equal(edited.ShardCount - 1, edited.SharedShards(same));
    }

    [Fact]
    public void Shards_find_what_one_index_finds_named_entities_and_mentions_included()
    {
        // Names are looked up shard by shard: the entities a query names (and so those that mention them) must not change.
        using var sharded = SearchIndex.Build(shipped.Snapshot, null, PerShard);
        var all = new PageRequest(shipped.Snapshot.Entities.Count, null);
        foreach (var text in Judgements.Load().Select(j => j.Query).Concat(["中关村", "digital economy partnership", "杭州", "DEPA", "海南自由"]))
        {
            var one = shipped.Index.Search(new SearchQuery(text), all, TestContext.Current.CancellationToken);
            var many = sharded.Search(new SearchQuery(text), all, TestContext.Current.CancellationToken);
            Assert.Equal(one.Hits.TotalCount, many.Hits.TotalCount);
            Assert.Equal(one.Facets.OrderBy(f => f.Key), many.Facets.OrderBy(f => f.Key));
            Assert.Equal(one.Hits.Items.Select(i => i.Node.Entity.Key).Order(StringComparer.Ordinal), many.Hits.Items.Select(i => i.Node.Entity.Key).Order(StringComparer.Ordinal));
            Assert.Equal(one.Hits.Items.Count > 0 ? one.Hits.Items[0].Node.Entity.Key : null, many.Hits.Items.Count > 0 ? many.Hits.Items[0].Node.Entity.Key : null);
        }
    }

    [Fact]
    public void Equal_copies_of_the_entities_keep_their_shards_and_a_changed_text_among_them_does_not()
    {
        var entities = shipped.Snapshot.Entities.ToList();
        using var first = SearchIndex.Build(Snapshot(entities, 0), null, PerShard);

        // New objects with equal texts (a start from the cache, then a full read), and one whose narrative differs only in Markdown.
        var copies = entities.Select(e => e with { }).ToList();
        var at = copies.FindIndex(e => e.Key == "provinces/hainan");
        copies[at] = copies[at] with { Narrative = new Narrative("*other markdown*", copies[at].Narrative.Html, copies[at].Narrative.Text) { Zh = copies[at].Narrative.Zh, En = copies[at].Narrative.En } };
        using var copied = SearchIndex.Build(Snapshot(copies, 1), first, PerShard);
        Assert.Equal(first.ShardCount, copied.SharedShards(first));

        var changed = copies.Select(e => e with { }).ToList();
        changed[at] = changed[at] with { Narrative = Narrative.Bilingual(changed[at].Narrative.In(Language.Zh) with { Text = "海南。" }, changed[at].Narrative.In(Language.En)) };
        using var edited = SearchIndex.Build(Snapshot(changed, 2), copied, PerShard);
        Assert.Equal(edited.ShardCount - 1, edited.SharedShards(copied));
        Assert.False(SearchShard.SameIndexed(copies[at], changed[at]));
        Assert.True(SearchShard.SameIndexed(entities[at], copies[at]));
    }

    [Fact]
    public void The_shipped_corpus_is_one_shard_and_a_large_one_many()
    {
        Assert.Equal(1, shipped.Index.ShardCount);
        Assert.Equal(1, ShardPlan.CountFor(2047, ShardPlan.EntitiesPerShard));
        Assert.Equal(64, ShardPlan.CountFor(100_000, ShardPlan.EntitiesPerShard));
        Assert.Equal(ShardPlan.MaxShards, ShardPlan.CountFor(10_000_000, ShardPlan.EntitiesPerShard));
    }

    [Fact]
    public void An_empty_snapshot_is_an_index_that_finds_nothing()
    {
        using var index = SearchIndex.Build(Snapshot([], 0));
        var results = index.Search(new SearchQuery("data"), new PageRequest(10, null), TestContext.Current.CancellationToken);
        Assert.Equal(0, results.Hits.TotalCount);
        Assert.Empty(results.Suggestions);
    }

    [Fact]
    public void Files_saved_from_a_sharded_index_open_to_the_same_answers_and_a_wrong_set_is_refused()
    {
        // 3,000 entities: two shards at the shipped shard size.
        var entities = Enumerable.Range(0, 3_000).Select(i => shipped.Snapshot.Entities[i % shipped.Snapshot.Entities.Count] with { Key = $"cases/c{i:0000}" }).ToList();
        var snapshot = Snapshot(entities, 0);
        using var built = SearchIndex.Build(snapshot);
        Assert.Equal(2, built.ShardCount);
        using var opened = SearchIndex.Open(snapshot, built.Files);
        foreach (var query in Queries(new Random(7)).Take(40))
        {
            Assert.Equal(Answer(built, query), Answer(opened, query));
        }

        var files = built.Files;
        Assert.Throws<InvalidDataException>(() => SearchIndex.Open(snapshot, files.Where(f => !f.Key.StartsWith("1/", StringComparison.Ordinal)).ToDictionary()));
        Assert.Throws<InvalidDataException>(() => SearchIndex.Open(snapshot, files.Append(new("7/extra", [1])).ToDictionary()));

        // The same counts, other keys: documents would be bound to the wrong entities.
        var renamed = Snapshot([.. entities.Select(e => e with { Key = e.Key + "x" })], 1);
        Assert.ThrowsAny<Exception>(() => SearchIndex.Open(renamed, files).Dispose());
    }

    private static GraphSnapshot Snapshot(IEnumerable<Entity> entities, int step) =>
        GraphSnapshot.Create("v" + step.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, entities, []);

    /// <summary>One random edit of the kinds a corpus sees; returns what it did.</summary>
    private static string Edit(Random random, List<Entity> entities)
    {
        var at = random.Next(entities.Count);
        var entity = entities[at];
        var word = Words[random.Next(Words.Length)];
        switch (random.Next(7))
        {
            case 0:
                entities[at] = entity with { Name = new LocalizedText(entity.Name.Zh + word, entity.Name.En + " " + word) };
                return $"renamed {entity.Key}";
            case 1:
                var zh = new Narrative(word, word, entity.Narrative.In(Language.Zh).Text + word + "。");
                var en = new Narrative(word, word, word + " " + entities[random.Next(entities.Count)].Narrative.In(Language.En).Text);
                entities[at] = entity with { Narrative = Narrative.Bilingual(zh, en) };
                return $"narrative of {entity.Key}";
            case 2:
                entities[at] = entity with { Aliases = [.. entity.Aliases, word.ToUpperInvariant()], Summary = new LocalizedText(word, word + " summary") };
                return $"alias and summary of {entity.Key}";
            case 3:
                // A key that sorts early or late moves the key rank of many others.
                var key = (random.Next(2) == 0 ? "aaa/" : "zzz/") + "added-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
                entities.Add(entity with { Key = key, Name = new LocalizedText(word + "新", "New " + word) });
                return $"added {key}";
            case 4 when entities.Count > 100:
                entities.RemoveAt(at);
                return $"removed {entity.Key}";
            case 5:
                // Every file read again into new objects, as after a start from the snapshot cache; one text changed among them.
                for (var i = 0; i < entities.Count; i++)
                {
                    entities[i] = entities[i] with { };
                }

                entities[at] = entities[at] with { Summary = new LocalizedText(word + "。", word) };
                return $"copied every entity, summary of {entity.Key}";
            default:
                var renamed = "aab/" + entity.Key.Replace('/', '-');
                entities[at] = entity with { Key = renamed };
                return $"moved {entity.Key} to {renamed}";
        }
    }

    /// <summary>The judged queries, random words and pairs, kinds filters, later pages by cursor, and queries that find nothing (suggestions).</summary>
    private static List<(string Text, EntityKind[]? Kinds, int First, int Pages)> Queries(Random random)
    {
        var kinds = Enum.GetValues<EntityKind>();
        var queries = Judgements.Load().Select(j => (j.Query, (EntityKind[]?)null, 10, 1)).ToList();
        for (var i = 0; i < 30; i++)
        {
            var text = random.Next(3) == 0 ? Words[random.Next(Words.Length)] + " " + Words[random.Next(Words.Length)] : Words[random.Next(Words.Length)];
            queries.Add((text, random.Next(3) == 0 ? [kinds[random.Next(kinds.Length)], kinds[random.Next(kinds.Length)]] : null, random.Next(1, 8), 3));
        }

        queries.Add(("platfrom quantumm", null, 10, 1));
        queries.Add(("zhejaing", null, 10, 1));
        queries.Add(("qqxqz platfrom", null, 10, 1));
        queries.Add(("数字 quantum 海南", [EntityKind.Case], 10, 1));
        queries.Add(("data", null, 100, 2));
        return queries;
    }

    /// <summary>Everything a search answers, scores as their bits, over the given number of pages.</summary>
    private static string Answer(SearchIndex index, (string Text, EntityKind[]? Kinds, int First, int Pages) query)
    {
        var text = new StringBuilder();
        string? after = null;
        for (var page = 0; page < query.Pages; page++)
        {
            var results = index.Search(new SearchQuery(query.Text, query.Kinds?.ToHashSet()), new PageRequest(query.First, after), TestContext.Current.CancellationToken);
            text.Append(CultureInfo.InvariantCulture, $"{query.Text} page {page}: total {results.Hits.TotalCount} next {results.Hits.HasNextPage} previous {results.Hits.HasPreviousPage}\n");
            foreach (var item in results.Hits.Items)
            {
                var hit = item.Node;
                text.Append(CultureInfo.InvariantCulture, $"  {hit.Entity.Key} {BitConverter.SingleToInt32Bits(hit.Score):x8} {item.Cursor} {string.Join(" | ", hit.Highlights.Select(h => h.Field + ": " + h.Snippet))}\n");
            }

            text.Append("  facets ").AppendJoin(", ", results.Facets.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}")).Append('\n');
            text.Append("  suggestions ").AppendJoin(", ", results.Suggestions.Select(s => s.Text + "=" + s.Entity.Key)).Append('\n');
            after = results.Hits.Items.Count > 0 ? results.Hits.Items[^1].Cursor : after;
        }

        return text.ToString();
    }
}
