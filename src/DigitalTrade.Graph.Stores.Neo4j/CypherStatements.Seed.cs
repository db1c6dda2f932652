using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Seeding in generations: each statement is its own small implicit transaction (a batch of rows), so server
/// memory stays bounded however large the corpus; nothing a seed writes is read until the pointer is switched.
/// </summary>
public static partial class CypherStatements
{
    /// <summary>Opens a generation: its identity, the counts it must reach, and how long it stays readable once superseded.</summary>
    public const string BeginGeneration = """
        CREATE (g:GraphGeneration {
          id: $generation, version: $version, createdAt: $createdAt, state: 'writing', startedAt: datetime(),
          retainSeconds: $retainSeconds, format: $format,
          kindNames: $kindNames, kindCounts: $kindCounts, typeNames: $typeNames, typeCounts: $typeCounts
        })
        RETURN g.id AS id
        """;

    /// <summary><c>SET n = row</c> writes exactly the row's properties; the generation is set beside them.</summary>
    public const string WriteEntities = """
        UNWIND $rows AS row
        MERGE (n:Entity {graph: $generation, key: row.key})
        SET n = row, n.graph = $generation
        RETURN count(n) AS written
        """;

    public const string WritePartyTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:PARTY_TO]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteAppliedTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:APPLIED_TO]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteMemberOf = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:MEMBER_OF]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteIssuedBy = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:ISSUED_BY]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteAppliesTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:APPLIES_TO]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteImplements = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:IMPLEMENTS]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteAmends = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:AMENDS]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteLocatedIn = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:LOCATED_IN]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WritePartOf = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:PART_OF]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteInvolves = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:INVOLVES]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteUses = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:USES]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteDataFrom = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:DATA_FROM]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteMentions = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:MENTIONS]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteHeldIn = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:HELD_IN]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteOrganizedBy = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:ORGANIZED_BY]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    public const string WriteProduced = """
        UNWIND $rows AS row
        MATCH (a:Entity {graph: $generation, key: row.from})
        MATCH (b:Entity {graph: $generation, key: row.to})
        MERGE (a)-[r:PRODUCED]->(b) SET r = row.properties
        RETURN count(r) AS written
        """;

    /// <summary>What a generation holds, per kind (the (graph, kind) index answers it).</summary>
    public const string CountGenerationEntities = """
        MATCH (n:Entity)
        WHERE n.graph = $generation AND n.kind IS NOT NULL
        RETURN n.kind AS kind, count(*) AS count
        """;

    /// <summary>What a generation holds, per relation type (relationships never cross generations).</summary>
    public const string CountGenerationRelations = """
        MATCH (n:Entity)-[r]->()
        WHERE n.graph = $generation AND n.kind IS NOT NULL
        RETURN type(r) AS type, count(*) AS count
        """;

    /// <summary>
    /// The switch, one small transaction: the written generation becomes current (with the bookmarks of its
    /// writes, so readers in other processes wait for them), the previous one superseded (kept readable for its
    /// retention), the pointer moved. Only a generation still being written can be switched to.
    /// </summary>
    public const string SwitchGeneration = """
        MATCH (g:GraphGeneration {id: $generation})
        WHERE g.state = 'writing'
        MERGE (p:GraphVersion {id: 'current'})
        WITH g, p, p.generation AS previous, p.version AS previousVersion
        OPTIONAL MATCH (old:GraphGeneration {id: previous})
        FOREACH (o IN CASE WHEN old IS NULL THEN [] ELSE [old] END | SET o.state = 'superseded', o.supersededAt = datetime())
        SET g.state = 'current', g.seededAt = datetime(), g.bookmarks = $bookmarks,
          p.generation = g.id, p.version = g.version, p.createdAt = g.createdAt
        RETURN previous, previousVersion
        """;

    /// <summary>
    /// Generations that may go: superseded longer ago than their retention, abandoned by a seed that stopped
    /// writing long ago, or already being deleted. Never the current one, never <c>$generation</c> (the caller's own).
    /// </summary>
    public const string ExpiredGenerations = """
        MATCH (g:GraphGeneration)
        WHERE g.id <> $generation AND (
          g.state = 'deleting'
          OR (g.state = 'superseded' AND g.supersededAt + duration({seconds: g.retainSeconds}) < datetime())
          OR (g.state = 'writing' AND g.startedAt + duration({seconds: $abandonedAfterSeconds}) < datetime()))
        RETURN g.id AS id, g.state AS state, g.version AS version
        """;

    /// <summary>Marks a generation for deletion first, so a deletion cut short is finished by the next seed.</summary>
    public const string MarkDeleting = """
        MATCH (g:GraphGeneration {id: $generation})
        WHERE g.state <> 'current'
        SET g.state = 'deleting'
        RETURN g.id AS id
        """;

    /// <summary>One batch of a generation's nodes, with their relationships; repeated until nothing is left.</summary>
    public const string DeleteGenerationBatch = """
        MATCH (n:Entity)
        WHERE n.graph = $generation AND n.key IS NOT NULL
        WITH n LIMIT $batchSize
        DETACH DELETE n
        RETURN count(*) AS deleted
        """;

    public const string DeleteGenerationRecord = """
        MATCH (g:GraphGeneration {id: $generation})
        WHERE g.state = 'deleting'
        DELETE g
        """;

    /// <summary>Nodes written before generations existed (no <c>graph</c>), once a generation has replaced them.</summary>
    public const string DeleteLegacyBatch = """
        MATCH (n:Entity)
        WHERE n.graph IS NULL
        WITH n LIMIT $batchSize
        DETACH DELETE n
        RETURN count(*) AS deleted
        """;

    /// <summary>The write statement for each relation type: one literal type each, so the lint checks every name against the vocabulary.</summary>
    public static string WriteRelations(RelationType type) => type switch
    {
        RelationType.PartyTo => WritePartyTo,
        RelationType.AppliedTo => WriteAppliedTo,
        RelationType.MemberOf => WriteMemberOf,
        RelationType.IssuedBy => WriteIssuedBy,
        RelationType.AppliesTo => WriteAppliesTo,
        RelationType.Implements => WriteImplements,
        RelationType.Amends => WriteAmends,
        RelationType.LocatedIn => WriteLocatedIn,
        RelationType.PartOf => WritePartOf,
        RelationType.Involves => WriteInvolves,
        RelationType.Uses => WriteUses,
        RelationType.DataFrom => WriteDataFrom,
        RelationType.Mentions => WriteMentions,
        RelationType.HeldIn => WriteHeldIn,
        RelationType.OrganizedBy => WriteOrganizedBy,
        RelationType.Produced => WriteProduced,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No write statement for this relation type."),
    };
}
