using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using DigitalTrade.Graph.Stores.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>
/// Paths prefer facts: typed relations before narrative mentions, one path per node sequence with every relation of
/// each step, hubs last. Checked on the shipped corpus against an independent brute-force enumeration of all paths.
/// </summary>
public sealed class PathRankingTests(ShippedCorpusFactory api) : IClassFixture<ShippedCorpusFactory>
{
    private const string PathFields = "length narrativeSteps nodes { key } steps { from to relations { type direction fromNarrative } } edges { from to type }";

    private GraphSnapshot Graph => api.Services.GetRequiredService<EmbeddedGraphStore>().Current!;

    [Fact]
    public async Task How_Hainan_is_connected_to_DEPA_is_answered_first_through_the_pilot_measures()
    {
        var data = await api.QueryAsync($$"""{ paths(from: "provinces/hainan", to: "agreements/depa") { {{PathFields}} } }""");

        var first = data["paths"]![0]!;
        Assert.Equal(["provinces/hainan", "policies/hainan-depa-pilot-measures", "agreements/depa"], Keys(first["nodes"]));
        Assert.Equal(0, (int)first["narrativeSteps"]!);
        var last = first["steps"]![1]!["relations"]!.AsArray();
        Assert.Equal(("IMPLEMENTS", "OUTGOING", false), ((string?)last[0]!["type"], (string?)last[0]!["direction"], (bool)last[0]!["fromNarrative"]!));
        Assert.Equal(("APPLIES_TO", "INCOMING"), ((string?)first["steps"]![0]!["relations"]![0]!["type"], (string?)first["steps"]![0]!["relations"]![0]!["direction"]));

        // The narrative link "DEPA mentions Hainan" is a true connection but not a fact: never ahead of typed paths.
        Assert.DoesNotContain(data["paths"]!.AsArray(), p => p!["length"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task Each_path_is_a_distinct_node_sequence_with_every_relation_between_its_steps()
    {
        var data = await api.QueryAsync($$"""{ paths(from: "provinces/hainan", to: "agreements/depa", first: 10) { {{PathFields}} } }""");

        var paths = data["paths"]!.AsArray();
        Assert.Equal(10, paths.Count);
        Assert.Equal(paths.Count, paths.Select(p => string.Join('>', Keys(p!["nodes"]))).Distinct().Count());
        foreach (var path in paths)
        {
            var nodes = Keys(path!["nodes"]);
            var steps = path["steps"]!.AsArray();
            Assert.Equal(nodes.Count - 1, steps.Count);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i]!;
                Assert.Equal((nodes[i], nodes[i + 1]), ((string?)step["from"], (string?)step["to"]));

                // Every stored relation between the two nodes, typed first, each with its direction as stored.
                var stored = Graph.EdgesOf(nodes[i]!).Where(e => e.OtherKey == nodes[i + 1]).ToList();
                Assert.Equal(
                    stored.Select(e => $"{e.Relation.Type.Info().Name} {(e.Direction == RelationDirection.Outgoing ? "OUTGOING" : "INCOMING")}"),
                    step["relations"]!.AsArray().Select(r => $"{r!["type"]} {r["direction"]}"));
                Assert.DoesNotContain(step["relations"]!.AsArray().SkipWhile(r => !(bool)r!["fromNarrative"]!), r => !(bool)r!["fromNarrative"]!);

                // The deprecated edges keep working: the step's first relation, stored direction.
                var edge = path["edges"]![i]!;
                Assert.Equal((string?)step["relations"]![0]!["type"], (string?)edge["type"]);
                Assert.Contains((string?)edge["from"], new[] { nodes[i], nodes[i + 1] });
            }
        }
    }

    [Fact]
    public async Task Typed_paths_rank_before_narrative_ones_then_by_length()
    {
        var data = await api.QueryAsync($$"""{ paths(from: "provinces/hainan", to: "agreements/depa", maxHops: 2, first: 20) { {{PathFields}} } }""");

        var paths = data["paths"]!.AsArray();
        var order = paths.Select(p => ((int)p!["narrativeSteps"]!, (int)p["length"]!)).ToList();
        Assert.Equal(order.Order(), order);
        Assert.Contains(order, o => o.Item1 > 0); // narrative paths are there, after the facts
        Assert.Contains(paths, p => Keys(p!["nodes"]).SequenceEqual(["provinces/hainan", "agreements/depa"]) && (int)p["narrativeSteps"]! == 1);
    }

    [Fact]
    public async Task Mentions_and_excluded_types_can_be_left_out()
    {
        var data = await api.QueryAsync($$"""
            {
              facts: paths(from: "provinces/hainan", to: "agreements/depa", maxHops: 3, first: 20, includeMentions: false) { {{PathFields}} }
              noPlace: paths(from: "provinces/hainan", to: "agreements/depa", maxHops: 3, first: 20, excludeRelationTypes: [LOCATED_IN, MENTIONS]) { {{PathFields}} }
              onlyNarrative: paths(from: "provinces/hainan", to: "agreements/depa", maxHops: 1, relationTypes: [MENTIONS]) { {{PathFields}} }
              excludedWins: paths(from: "provinces/hainan", to: "agreements/depa", relationTypes: [MENTIONS], excludeRelationTypes: [MENTIONS]) { length }
            }
            """);

        Assert.NotEmpty(data["facts"]!.AsArray());
        Assert.All(Relations(data["facts"]), r => Assert.NotEqual("MENTIONS", r));
        Assert.NotEmpty(data["noPlace"]!.AsArray());
        Assert.All(Relations(data["noPlace"]), r => Assert.True(r is not "LOCATED_IN" and not "MENTIONS", r));
        Assert.DoesNotContain(data["noPlace"]!.AsArray(), p => Keys(p!["nodes"]).Contains("economies/china"));
        Assert.Equal(["provinces/hainan", "agreements/depa"], Keys(Assert.Single(data["onlyNarrative"]!.AsArray())!["nodes"]));
        Assert.All(Relations(data["onlyNarrative"]), r => Assert.Equal("MENTIONS", r));
        Assert.Empty(data["excludedWins"]!.AsArray());
    }

    /// <summary>The finder's k best equal the k best of every simple path, enumerated by brute force and ranked by the documented order.</summary>
    [Theory]
    [InlineData(4, false, 8, "", "")]
    [InlineData(3, true, 5, "", "")]
    [InlineData(2, true, 10, "", "")]
    [InlineData(3, true, 5, "", "LOCATED_IN")]
    [InlineData(4, false, 5, "POLICY,CASE,ZONE,CITY,SERVICE_EXPORT_BASE", "")]
    public void The_best_paths_are_the_best_of_all_simple_paths(int maxHops, bool includeMentions, int k, string through, string exclude)
    {
        var graph = Graph;
        var random = new Random(20250612 + maxHops + k);
        var entities = graph.Entities;
        var compared = 0;
        for (var attempt = 0; attempt < 80 && compared < 20; attempt++)
        {
            // Ends within reach of each other (most random pairs are not, within two hops).
            var from = entities[random.Next(entities.Count)].Key;
            var reach = Reach(graph, from, maxHops);
            var to = reach[random.Next(reach.Count)];
            if (attempt == 0)
            {
                (from, to) = ("provinces/hainan", "agreements/depa");
            }

            if (from == to)
            {
                continue;
            }

            var query = new PathQuery(from, to, maxHops, ThroughKinds: Kinds(through), First: k)
            {
                IncludeMentions = includeMentions,
                ExcludeTypes = exclude.Length == 0 ? null : exclude.Split(',').Select(t => RelationTypes.FromName(t)!.Type).ToHashSet(),
            };
            var expected = BruteForce(graph, query).Take(k).Select(p => string.Join(" > ", p)).ToList();
            var actual = graph.Paths(query).Select(p => string.Join(" > ", p.Nodes.Select(n => n.Key))).ToList();
            Assert.Equal(expected, actual);
            compared += expected.Count > 1 ? 1 : 0;
        }

        Assert.True(compared >= 4, $"only {compared} pairs with several paths were compared");
    }

    private static List<string> Reach(GraphSnapshot graph, string from, int hops)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var frontier = new List<string> { from };
        for (var i = 0; i < hops; i++)
        {
            frontier = [.. frontier.SelectMany(graph.EdgesOf).Select(e => e.OtherKey).Where(seen.Add)];
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }

    private static HashSet<EntityKind>? Kinds(string names) =>
        names.Length == 0 ? null : [.. names.Split(',').Select(n => EntityKinds.FromEnumValue(n)!.Kind)];

    /// <summary>Every simple path within the bounds, ranked: narrative-only steps, length, hub cost of the nodes between, node keys.</summary>
    private static IEnumerable<List<string>> BruteForce(GraphSnapshot graph, PathQuery query)
    {
        var cache = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal);
        Dictionary<string, bool> Neighbours(string key)
        {
            if (cache.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var edge in graph.EdgesOf(key).Where(e => e.OtherKey != key && query.Follows(e.Relation.Type)))
            {
                result[edge.OtherKey] = result.GetValueOrDefault(edge.OtherKey) || edge.Relation.Type != RelationType.Mentions;
            }

            return cache[key] = result;
        }

        var found = new List<List<string>>();
        var path = new List<string> { query.From };
        void Walk(string node)
        {
            var neighbours = Neighbours(node);
            if (neighbours.ContainsKey(query.To))
            {
                found.Add([.. path, query.To]);
            }

            if (path.Count > query.MaxHops - 1)
            {
                return;
            }

            foreach (var next in neighbours.Keys.Where(n => n != query.To && !path.Contains(n)
                && (query.ThroughKinds is not { Count: > 0 } through || through.Contains(graph.Find(n)!.Kind))))
            {
                path.Add(next);
                Walk(next);
                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(query.From);
        long Hub(string key) => (long)Math.Round(1000 * Math.Log2(1 + Neighbours(key).Count));
        int Narrative(List<string> p) => Enumerable.Range(0, p.Count - 1).Count(i => !Neighbours(p[i])[p[i + 1]]);
        return found
            .Select(p => (Path: p, Narrative: Narrative(p), Hub: p.Skip(1).SkipLast(1).Sum(Hub)))
            .OrderBy(x => x.Narrative).ThenBy(x => x.Path.Count).ThenBy(x => x.Hub)
            .ThenBy(x => string.Join('\u0001', x.Path), StringComparer.Ordinal)
            .Select(x => x.Path);
    }

    private static List<string?> Keys(JsonNode? list) => [.. list!.AsArray().Select(n => (string?)n!["key"])];

    private static IEnumerable<string?> Relations(JsonNode? paths) =>
        paths!.AsArray().SelectMany(p => p!["steps"]!.AsArray()).SelectMany(s => s!["relations"]!.AsArray()).Select(r => (string?)r!["type"]);
}
