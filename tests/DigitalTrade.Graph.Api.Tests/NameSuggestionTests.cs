using System.Diagnostics;
using DigitalTrade.Graph.Model;
using FsCheck;
using FsCheck.Fluent;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>The model's "did you mean": exact where it answers, bounded where it refuses, shared by corpus and API.</summary>
public sealed class NameSuggestionTests
{
    [Fact]
    public void The_bounded_distance_is_the_edit_distance_up_to_its_bound()
    {
        var letters = Gen.Elements('a', 'b', 'c', '海', '南', '/');
        var text = Gen.ArrayOf(letters).Select(a => new string(a)).Where(s => s.Length <= 12);
        Prop.ForAll(text.ToArbitrary(), text.ToArbitrary(), Gen.Choose(0, 6).ToArbitrary(), (a, b, max) =>
            KeySuggestions.Distance(a, b, max) == Math.Min(Levenshtein(a, b), max + 1)).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Huge_text_costs_nothing_per_candidate()
    {
        var huge = new string('x', 10_000);
        var keys = Enumerable.Range(0, 10_000).Select(i => $"provinces/p{i}").ToList();
        var watch = Stopwatch.StartNew();

        Assert.Null(KeySuggestions.Closest(huge, keys));
        Assert.Equal(" (did you mean 'provinces/p42'?)", KeySuggestions.Hint("provinces/p42x", keys));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
    }

    [Fact]
    public void Names_resolve_after_folding_case_width_spaces_and_title_quotes()
    {
        var names = new EntityNames(
        [
            Entity("provinces/hainan", EntityKind.Province, "海南省", "Hainan", "海南"),
            Entity("cities/shenzhen", EntityKind.City, "深圳市", "Shenzhen"),
            Entity("policies/data-rules", EntityKind.Policy, "数据出境安全评估办法", "Measures for Security Assessment of Data Exports"),
            Entity("organizations/shenzhen", EntityKind.Organization, "深圳市政府", "Shenzhen Municipal Government"),
        ]);

        Assert.Equal(("provinces/hainan", NameMatchKind.Name), One(names.Resolve("  HAINAN ")));
        Assert.Equal(("provinces/hainan", NameMatchKind.ShortName), One(names.Resolve("Hainan Province")));
        Assert.Equal(("provinces/hainan", NameMatchKind.Name), One(names.Resolve("海南省")));
        Assert.Equal(("cities/shenzhen", NameMatchKind.ShortName), One(names.Resolve("深圳")));
        Assert.Equal(("policies/data-rules", NameMatchKind.Name), One(names.Resolve("《数据出境安全评估办法》")));
        Assert.Equal(("policies/data-rules", NameMatchKind.Name), One(names.Resolve("measures\u3000for security assessment of data exports")));
        Assert.Equal(("provinces/hainan", NameMatchKind.Key), One(names.Resolve("ＰＲＯＶＩＮＣＥＳ／ＨＡＩＮＡＮ")));
        Assert.Equal(("organizations/shenzhen", NameMatchKind.Slug), One(names.Resolve("shenzhen", new HashSet<EntityKind> { EntityKind.Organization })));
        Assert.Empty(names.Resolve("数据市").Matches);

        // A suffix only comes off places: 深圳市政府 is not 深圳市 without 政府, nor a policy without 办法.
        Assert.Empty(names.Resolve("数据出境安全评估").Matches);

        var misspelt = names.Resolve("Shenzen");
        Assert.Empty(misspelt.Matches);
        Assert.Equal("cities/shenzhen", misspelt.Suggestions[0].Key);
        Assert.Equal(1, misspelt.Suggestions[0].Distance);
        Assert.Empty(names.Resolve(new string('x', 100_000)).Suggestions);
    }

    /// <summary>A store without its own name index (Neo4j today) resolves through the interface's default: the same answers.</summary>
    [Fact]
    public async Task The_default_resolution_of_a_store_answers_like_the_snapshot_index()
    {
        var graph = DigitalTrade.Graph.Corpus.CorpusLoader.Load(Path.Combine(RepositoryRoot.Path, "graph-seed")).Snapshot!;
        var store = new DigitalTrade.Graph.Stores.Embedded.EmbeddedGraphStore();
        store.Publish(graph);
        IGraphView view = new WithoutNameIndex(await store.OpenViewAsync(TestContext.Current.CancellationToken));
        string[] asked = ["海南", "Shenzhen", "zhejaing", "provinces/zhejiang", "nothing like it"];

        var answers = await view.ResolveNamesAsync(asked, null, TestContext.Current.CancellationToken);

        Assert.Equal(
            asked.Select(n => graph.Names.Resolve(n)).Select(r => string.Join(',', r.All.Select(m => $"{m.Key}:{m.MatchedBy}:{m.Distance}"))),
            answers.Select(r => string.Join(',', r.All.Select(m => $"{m.Key}:{m.MatchedBy}:{m.Distance}"))));
        Assert.Equal("provinces/hainan", answers[0].Matches[0].Key);
    }

    private static (string, NameMatchKind) One(NameResolution resolution)
    {
        var match = Assert.Single(resolution.Matches);
        return (match.Key, match.MatchedBy);
    }

    private static Entity Entity(string key, EntityKind kind, string zh, string en, params string[] aliases) =>
        new(key, kind, new LocalizedText(zh, en), aliases, null, Narrative.Empty, [], [], []);

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Delegates everything but name resolution, which falls back to the interface's default.</summary>
    private sealed class WithoutNameIndex(IGraphView inner) : IGraphView
    {
        public string Version => inner.Version;

        public Task<IReadOnlyList<Entity?>> GetEntitiesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.GetEntitiesAsync(keys, cancellationToken);

        public Task<IReadOnlyList<Page<RelationEdge>>> GetRelationsAsync(IReadOnlyList<string> keys, RelationFilter filter, PageRequest page, CancellationToken cancellationToken) =>
            inner.GetRelationsAsync(keys, filter, page, cancellationToken);

        public Task<Page<Entity>> ListEntitiesAsync(EntityFilter filter, EntityOrder order, PageRequest page, CancellationToken cancellationToken) =>
            inner.ListEntitiesAsync(filter, order, page, cancellationToken);

        public Task<Neighborhood?> GetNeighborhoodAsync(NeighborhoodQuery query, CancellationToken cancellationToken) => inner.GetNeighborhoodAsync(query, cancellationToken);

        public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken) => inner.FindPathsAsync(query, cancellationToken);

        public Task<SearchResults> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) => inner.SearchAsync(query, page, cancellationToken);

        public Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken) => inner.GetStatisticsAsync(cancellationToken);
    }
}
