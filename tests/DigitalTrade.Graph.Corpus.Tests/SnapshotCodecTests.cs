using System.Collections;
using System.Reflection;
using System.Text.Json;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Search;
using DigitalTrade.Graph.Stores.Embedded.Cache;

namespace DigitalTrade.Graph.Corpus.Tests;

/// <summary>
/// The cache's binary form names each Model field by hand; these tests fill every public property of every
/// record it carries (found by reflection, so a field added later is filled too) and expect it back, so a
/// field the codec forgets fails here instead of vanishing from a restarted server.
/// </summary>
public sealed class SnapshotCodecTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dtg-codec-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_public_property_of_every_record_survives_the_cache()
    {
        var filler = new Filler();
        var a = filler.Make<Entity>() with { Key = "a-entity" };
        var b = filler.Make<Entity>() with { Key = "b-entity", Kind = EntityKind.Policy };
        var relation = filler.Make<Relation>() with { From = a.Key, To = b.Key };
        var issue = filler.Make<CorpusIssue>();
        var snapshot = GraphSnapshot.Create("0123456789abcdef", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(8)), [b, a], [relation]);

        var cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
        var file = cache.FileFor(_folder);
        Assert.Null(cache.TryWrite(file, "key", new CachedGraph(snapshot, SearchIndex.Build(snapshot), [issue], 7)));
        var read = cache.TryRead(file, "key", snapshot.Version);

        var graph = Assert.IsType<CachedGraph>(read.Graph, exactMatch: true);
        Assert.Equal(Json(snapshot.Entities), Json(graph.Snapshot.Entities));
        Assert.Equal(Json(snapshot.AllRelations), Json(graph.Snapshot.AllRelations));
        Assert.Equal(Json(new[] { issue }), Json(graph.Issues));
        Assert.Equal(snapshot.CreatedAt, graph.Snapshot.CreatedAt);
        Assert.Equal(snapshot.CreatedAt.Offset, graph.Snapshot.CreatedAt.Offset);
        Assert.Equal(7, graph.FileCount);

        // The filler reached every property: no null, empty list or default enum left in what was written.
        // (Only a narrative's blocks inside a block are left null: the filler stops there.)
        var empty = Empty(JsonDocument.Parse(Json(a)).RootElement, "entity").ToList();
        Assert.NotEmpty(empty);
        Assert.All(empty, path => Assert.Matches(@"\.(Zh|En)\.(Zh|En)$", path));
    }

    [Fact]
    public void A_relation_endpoint_is_the_entity_key_string_itself_after_a_read()
    {
        var filler = new Filler();
        var a = filler.Make<Entity>() with { Key = "a-entity" };
        var b = filler.Make<Entity>() with { Key = "b-entity", Kind = EntityKind.Policy };
        var snapshot = GraphSnapshot.Create("0123456789abcdef", DateTimeOffset.UnixEpoch, [a, b], [new Relation(new string("a-entity"), RelationType.Mentions, "b-entity", RelationProperties.None)]);
        var cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
        var file = cache.FileFor(_folder);
        Assert.Null(cache.TryWrite(file, "key", new CachedGraph(snapshot, SearchIndex.Build(snapshot), [], 2)));

        var graph = cache.TryRead(file, "key", snapshot.Version).Graph!;

        var relation = Assert.Single(graph.Snapshot.AllRelations);
        Assert.Same(graph.Snapshot.Find("a-entity")!.Key, relation.From);
        Assert.Same(graph.Snapshot.Find("b-entity")!.Key, relation.To);
    }

    [Fact]
    public void Thousands_of_entities_and_relations_decoded_on_every_core_come_back_in_order()
    {
        // More entities and relations than one decoding task takes (1,024 and 16,384), with uneven record sizes, so the
        // per-core chunks, their seams and the entity position table are all exercised.
        var filler = new Filler();
        var random = new Random(15);
        var entities = Enumerable.Range(0, 2600).Select(i => filler.Make<Entity>() with
        {
            Key = $"e-{i:D5}",
            Kind = (EntityKind)(i % Enum.GetValues<EntityKind>().Length),
            Aliases = [.. Enumerable.Range(0, random.Next(0, 4)).Select(a => $"alias {i} {a}")],
        }).ToList();
        var relations = Enumerable.Range(0, 40_000).Select(i => filler.Make<Relation>() with
        {
            From = entities[random.Next(entities.Count)].Key,
            To = entities[random.Next(entities.Count)].Key,
            Type = (RelationType)(i % Enum.GetValues<RelationType>().Length),
            Properties = i % 3 == 0 ? RelationProperties.None : filler.Make<RelationProperties>(),
        }).ToList();
        var snapshot = GraphSnapshot.Create("fedcba9876543210", DateTimeOffset.UnixEpoch, entities, relations);
        var cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
        var file = cache.FileFor(_folder);
        Assert.Null(cache.TryWrite(file, "key", new CachedGraph(snapshot, SearchIndex.Build(snapshot), [], 2600)));

        var graph = Assert.IsType<CachedGraph>(cache.TryRead(file, "key", snapshot.Version).Graph, exactMatch: true);

        Assert.Equal(Json(snapshot.Entities), Json(graph.Snapshot.Entities));
        Assert.Equal(Json(snapshot.AllRelations), Json(graph.Snapshot.AllRelations));
    }

    [Fact]
    public void Narratives_joined_from_their_blocks_or_only_nearly_come_back_exactly()
    {
        // The writer recognises a narrative that is Narrative.Bilingual of its blocks by comparing in place and writes
        // only the blocks; anything it does not recognise is written whole. Both kinds, and the empty-block edge cases
        // of the join, must come back equal (a narrative taken for joined when it is not would come back changed).
        var zh = new Narrative("中文。", "<p>中文。</p>", "中文。");
        var en = new Narrative("English.", "<p>English.</p>", "English.");
        var empty = Narrative.Empty;
        Narrative[] narratives =
        [
            Narrative.Bilingual(zh, en),
            Narrative.Bilingual(empty, en),
            Narrative.Bilingual(zh, empty),
            Narrative.Bilingual(empty, empty),
            Narrative.Bilingual(zh, en) with { Markdown = "中文。\nEnglish." },
            Narrative.Bilingual(zh, en) with { Html = "<p>English.</p><p>中文。</p>" },
            Narrative.Bilingual(zh, en) with { Text = "中文。 English." },
            Narrative.Bilingual(zh, en) with { Markdown = "中文。\n\nEnglish!" },
            Narrative.Bilingual(zh, en) with { Markdown = "中文！\n\nEnglish." },
            Narrative.Bilingual(zh, en) with { Markdown = "中文。\r\rEnglish." },
            Narrative.Bilingual(empty, en) with { Markdown = "\n\nEnglish." },
            new Narrative("中文。", "<p>中文。</p>", "中文。") { Zh = zh },
        ];
        var filler = new Filler();
        var entities = narratives.Select((n, i) => filler.Make<Entity>() with { Key = $"n-{i:D2}", Narrative = n }).ToList();
        var snapshot = GraphSnapshot.Create("0123456789abcdef", DateTimeOffset.UnixEpoch, entities, []);
        var cache = new SnapshotCache(new SnapshotCacheOptions { Path = _folder });
        var file = cache.FileFor(_folder);
        Assert.Null(cache.TryWrite(file, "key", new CachedGraph(snapshot, SearchIndex.Build(snapshot), [], entities.Count)));

        var graph = cache.TryRead(file, "key", snapshot.Version).Graph!;

        Assert.All(snapshot.Entities, e => Assert.Equal(Json(e.Narrative), Json(graph.Snapshot.Find(e.Key)!.Narrative)));
        Assert.All(snapshot.Entities, e => Assert.Equal(e.Narrative, graph.Snapshot.Find(e.Key)!.Narrative));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The paths of null values and empty lists in a JSON value.</summary>
    private static IEnumerable<string> Empty(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => [path],
        JsonValueKind.Array when element.GetArrayLength() == 0 => [path],
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Empty(e, $"{path}[{i}]")),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Empty(p.Value, $"{path}.{p.Name}")),
        _ => [],
    };

    /// <summary>Builds a record with every constructor parameter and settable property given a distinct, non-default value.</summary>
    private sealed class Filler
    {
        private readonly List<Type> _making = [];
        private int _next;

        public T Make<T>() => (T)Make(typeof(T), 0)!;

        private object? Make(Type type, int depth)
        {
            _next++;
            if (type == typeof(string))
            {
                return $"text {_next} 文本";
            }

            if (type == typeof(int))
            {
                return _next;
            }

            if (type == typeof(bool))
            {
                return true;
            }

            if (type == typeof(PartialDate))
            {
                return new PartialDate(2000 + (_next % 50), 3, 4);
            }

            if (type.IsEnum)
            {
                var values = Enum.GetValues(type);
                return values.GetValue(values.Length - 1);
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return Make(underlying, depth);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                var item = type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                list.Add(Make(item, depth + 1));
                list.Add(Make(item, depth + 1));
                return list;
            }

            if (_making.Count(t => t == type) >= 2)
            {
                return null; // a record that holds its own type (a narrative's language blocks) stops at the second level
            }

            _making.Add(type);

            var constructor = type.GetConstructors().Where(c => c.GetParameters() is not [var p] || p.ParameterType != type).MaxBy(c => c.GetParameters().Length)
                ?? throw new InvalidOperationException($"{type} has no constructor to fill");
            var instance = constructor.Invoke([.. constructor.GetParameters().Select(p => Make(p.ParameterType, depth + 1))]);
            var parameters = constructor.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && !parameters.Contains(p.Name)))
            {
                property.SetValue(instance, Make(property.PropertyType, depth + 1));
            }

            _making.RemoveAt(_making.Count - 1);
            return instance;
        }
    }
}
