using System.Globalization;
using System.Text.Json.Nodes;
using DigitalTrade.Graph.Model;
using SchemaDefinitions = DigitalTrade.Graph.Stores.Neo4j.Schema.SchemaDefinitions;
using SchemaObjectKind = DigitalTrade.Graph.Stores.Neo4j.Schema.SchemaObjectKind;

namespace DigitalTrade.Graph.Stores.Neo4j.Tests;

/// <summary>What each of our statements does in the fake: the Cypher's meaning, written in C#.</summary>
public sealed partial class FakeNeo4j
{
    private static string S(JsonObject p, string name) => p[name]!.GetValue<string>();

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private JsonObject? Generation(string? id) => id is not null && Generations.TryGetValue(id, out var g) ? g : null;

    private void Define()
    {
        On(CypherStatements.ReadCurrent, ["generation", "pointerVersion", "version", "createdAt", "state", "bookmarks", "retainSeconds", "kindNames", "kindCounts", "typeNames", "typeCounts"], _ =>
        {
            if (Current is null)
            {
                return [];
            }

            var g = Generation(Text(Current["generation"]));
            return [[Current["generation"], Current["version"], g?["version"], g?["createdAt"], g?["state"], g?["bookmarks"], g?["retainSeconds"], g?["kindNames"], g?["kindCounts"], g?["typeNames"], g?["typeCounts"]]];
        });
        On(CypherStatements.GetEntities, ["key", "doc"], p =>
            p["keys"]!.AsArray().Select(k => k!.GetValue<string>())
                .Select(k => new object?[] { k, Nodes.FirstOrDefault(n => n.Graph == S(p, "graph") && n.Key == k)?.Properties["doc"] }));

        On(CypherStatements.ReadNames, ["key", "kind", "nameZh", "nameEn", "aliases"], p =>
            NodesOf(S(p, "graph")).Select(n => new object?[] { n.Key, n.Properties["kind"], n.Properties["nameZh"], n.Properties["nameEn"], n.Properties["aliases"] }).ToList());
        On(CypherStatements.GetRelations, ["key", "total", "rest", "page"], p =>
        {
            var graph = S(p, "graph");
            var types = p["types"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();
            var kinds = p["kinds"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();
            var direction = p["direction"]?.GetValue<int>();
            var ranks = p["typeRanks"]!.AsObject();
            (int Type, int Direction, string Other)? after = p["afterType"] is null ? null : (Type: p["afterType"]!.GetValue<int>(), Direction: p["afterDirection"]!.GetValue<int>(), Other: S(p, "afterOther"));
            var rows = new List<object?[]>();
            foreach (var key in p["keys"]!.AsArray().Select(k => k!.GetValue<string>()))
            {
                if (Nodes.FirstOrDefault(n => n.Graph == graph && n.Key == key) is not { } node)
                {
                    continue;
                }

                var edges = Relationships
                    .Where(r => r.From == node || r.To == node)
                    .Select(r => (Rel: r, Rank: ranks[r.Type]!.GetValue<int>(), Direction: r.From == node ? 0 : 1, Other: r.From == node ? r.To : r.From))
                    .Where(e => types.Contains(e.Rel.Type) && kinds.Contains(Text(e.Other.Properties["kind"])!) && (direction is null || e.Direction == direction))
                    .OrderBy(e => e.Rank).ThenBy(e => e.Direction).ThenBy(e => e.Other.Key, StringComparer.Ordinal)
                    .ToList();
                var rest = edges.Where(e => after is not { } a || e.Rank > a.Type || (e.Rank == a.Type && (e.Direction > a.Direction || (e.Direction == a.Direction && string.CompareOrdinal(e.Other.Key, a.Other) > 0)))).ToList();
                var page = new JsonArray([.. rest.Take(p["first"]!.GetValue<int>()).Select(e => (JsonNode)new JsonObject
                {
                    ["typeRank"] = e.Rank,
                    ["type"] = e.Rel.Type,
                    ["direction"] = e.Direction,
                    ["other"] = e.Other.Key,
                    ["from"] = e.Rel.From.Key,
                    ["to"] = e.Rel.To.Key,
                    ["properties"] = e.Rel.Properties.DeepClone(),
                })]);
                rows.Add([key, edges.Count, rest.Count, page]);
            }

            return rows;
        });

        DefineSeed();
        DefineCleanup();
        DefineSchema();
    }

    private void DefineSeed()
    {
        On(CypherStatements.BeginGeneration, ["id"], p =>
        {
            var g = (JsonObject)p.DeepClone();
            g["id"] = g["generation"]!.DeepClone();
            g.Remove("generation");
            g["state"] = "writing";
            g["startedAt"] = Now.ToString("O");
            Generations[S(p, "generation")] = g;
            return [[S(p, "generation")]];
        });
        On(CypherStatements.WriteEntities, ["written"], p =>
        {
            var generation = S(p, "generation");
            var written = 0;
            foreach (var row in p["rows"]!.AsArray().Select(r => (JsonObject)r!))
            {
                var key = row["key"]!.GetValue<string>();
                var node = Nodes.FirstOrDefault(n => n.Graph == generation && n.Key == key);
                if (node is null)
                {
                    node = new Node(generation, key, []);
                    Nodes.Add(node);
                }

                node.Properties.Clear();
                foreach (var (name, value) in row)
                {
                    node.Properties[name] = value?.DeepClone();
                }

                written++;
            }

            return [[written]];
        });
        foreach (var type in RelationTypes.All)
        {
            On(CypherStatements.WriteRelations(type.Type), ["written"], p =>
            {
                var generation = S(p, "generation");
                var written = 0;
                foreach (var row in p["rows"]!.AsArray().Select(r => (JsonObject)r!))
                {
                    var from = Nodes.FirstOrDefault(n => n.Graph == generation && n.Key == row["from"]!.GetValue<string>());
                    var to = Nodes.FirstOrDefault(n => n.Graph == generation && n.Key == row["to"]!.GetValue<string>());
                    if (from is null || to is null)
                    {
                        continue;
                    }

                    Relationships.RemoveAll(r => r.Type == type.Name && r.From == from && r.To == to);
                    Relationships.Add(new Relationship(type.Name, from, to, (JsonObject)row["properties"]!.DeepClone()));
                    written++;
                }

                return [[written]];
            });
        }

        On(CypherStatements.CountGenerationEntities, ["kind", "count"], p =>
            NodesOf(S(p, "generation")).GroupBy(n => Text(n.Properties["kind"])).Select(g => new object?[] { g.Key, g.Count() }));
        On(CypherStatements.CountGenerationRelations, ["type", "count"], p =>
            Relationships.Where(r => r.From.Graph == S(p, "generation")).GroupBy(r => r.Type).Select(g => new object?[] { g.Key, g.Count() }));
        On(CypherStatements.SwitchGeneration, ["previous", "previousVersion"], p =>
        {
            var g = Generation(S(p, "generation"));
            if (g is null || Text(g["state"]) != "writing")
            {
                return [];
            }

            Current ??= new JsonObject { ["id"] = "current" };
            var previous = Text(Current["generation"]);
            var previousVersion = Text(Current["version"]);
            if (Generation(previous) is { } old)
            {
                old["state"] = "superseded";
                old["supersededAt"] = Now.ToString("O");
            }

            g["state"] = "current";
            g["seededAt"] = Now.ToString("O");
            g["bookmarks"] = p["bookmarks"]!.DeepClone();
            Current["generation"] = g["id"]!.DeepClone();
            Current["version"] = g["version"]!.DeepClone();
            Current["createdAt"] = g["createdAt"]!.DeepClone();
            return [[previous, previousVersion]];
        });
    }

    private void DefineCleanup()
    {
        On(CypherStatements.ExpiredGenerations, ["id", "state", "version"], p =>
        {
            var abandoned = TimeSpan.FromSeconds(p["abandonedAfterSeconds"]!.GetValue<long>());
            return Generations.Values
                .Where(g => Text(g["id"]) != S(p, "generation") && (
                    Text(g["state"]) == "deleting"
                    || (Text(g["state"]) == "superseded" && DateTimeOffset.Parse(Text(g["supersededAt"])!, CultureInfo.InvariantCulture) + TimeSpan.FromSeconds(g["retainSeconds"]!.GetValue<long>()) < Now)
                    || (Text(g["state"]) == "writing" && DateTimeOffset.Parse(Text(g["startedAt"])!, CultureInfo.InvariantCulture) + abandoned < Now)))
                .Select(g => new object?[] { Text(g["id"]), Text(g["state"]), Text(g["version"]) })
                .ToList();
        });
        On(CypherStatements.MarkDeleting, ["id"], p =>
        {
            if (Generation(S(p, "generation")) is not { } g || Text(g["state"]) == "current")
            {
                return [];
            }

            g["state"] = "deleting";
            return [[S(p, "generation")]];
        });
        On(CypherStatements.DeleteGenerationBatch, ["deleted"], p => [[DeleteNodes(S(p, "generation"), p["batchSize"]!.GetValue<int>())]]);
        On(CypherStatements.DeleteLegacyBatch, ["deleted"], p => [[DeleteNodes(null, p["batchSize"]!.GetValue<int>())]]);
        On(CypherStatements.DeleteGenerationRecord, [], p =>
        {
            if (Generation(S(p, "generation")) is { } g && Text(g["state"]) == "deleting")
            {
                Generations.Remove(S(p, "generation"));
            }

            return [];
        });
        On(CypherStatements.DeleteGraph, [], _ =>
        {
            Nodes.Clear();
            Relationships.Clear();
            Generations.Clear();
            Current = null;
            return [];
        });
    }

    private int DeleteNodes(string? generation, int batchSize)
    {
        var batch = NodesOf(generation).Take(batchSize).ToList();
        Relationships.RemoveAll(r => batch.Contains(r.From) || batch.Contains(r.To));
        Nodes.RemoveAll(batch.Contains);
        return batch.Count;
    }

    private void DefineSchema()
    {
        On(CypherStatements.ShowConstraints, Fixtures.ConstraintFields, _ =>
            Schema.Where(e => e.IsConstraint).Select(e => Fixtures.ConstraintRow(e.Name, e.Label, e.Properties, e.Type)).ToList());
        On(CypherStatements.ShowIndexes, Fixtures.IndexFields, _ =>
            Schema.Select(e => e.IsConstraint
                ? Fixtures.IndexRow(e.Name, "RANGE", e.Label, e.Properties, owningConstraint: e.Name, state: e.State)
                : Fixtures.IndexRow(e.Name, e.Type, e.Label, e.Properties, analyzer: e.Analyzer, eventuallyConsistent: e.EventuallyConsistent, state: e.State)).ToList());
        foreach (var wanted in SchemaDefinitions.Wanted)
        {
            On(wanted.CreateStatement, [], _ =>
            {
                // IF NOT EXISTS: nothing happens when the name is taken, or the same schema is covered under another name.
                var sameSchema = Schema.Any(e => e.Label == wanted.Label && e.Properties.SequenceEqual(wanted.Properties) && e.IsConstraint == wanted.IsConstraint);
                if (!Schema.Any(e => e.Name == wanted.Name) && !sameSchema)
                {
                    Schema.Add(new SchemaEntry(wanted.Name, wanted.IsConstraint, wanted.IsConstraint ? "UNIQUENESS" : wanted.Kind == SchemaObjectKind.FullTextIndex ? "FULLTEXT" : "RANGE", wanted.Label, [.. wanted.Properties], wanted.Analyzer, false, NewIndexState));
                }

                return [];
            });
        }

        On(CypherStatements.DropIndex, [], p => { Schema.RemoveAll(e => e.Name == S(p, "name") && !e.IsConstraint); return []; });
        On(CypherStatements.DropConstraint, [], p => { Schema.RemoveAll(e => e.Name == S(p, "name") && e.IsConstraint); return []; });
    }
}
