using DigitalTrade.Graph.Model;

namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Every Cypher statement the Neo4j store sends, in one place so tools/cypher-lint checks them all
/// against our schema. Values always travel as parameters: no statement is ever built from user text.
/// </summary>
/// <remarks>
/// The graph in Neo4j: one <c>:Entity</c> node per entity (key, kind, the filtered facets as properties,
/// the whole entity as the JSON property <c>doc</c>), one relationship per relation with its type from
/// <see cref="RelationTypes"/>, and one <c>:GraphVersion {id: 'current'}</c> node naming the seeded version.
/// </remarks>
public static class CypherStatements
{
    // Schema, created before any data and kept across seeds.
    public const string CreateKeyConstraint = """
        CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE
        """;

    public const string CreateVersionConstraint = """
        CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (g:GraphVersion) REQUIRE g.id IS UNIQUE
        """;

    public const string CreateKindIndex = """
        CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)
        """;

    /// <summary>The CJK analyzer splits Chinese into character bigrams, so 数据跨境 finds 数据跨境流动.</summary>
    public const string CreateTextIndex = """
        CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
        FOR (n:Entity) ON EACH [n.nameZh, n.nameEn, n.aliasesText, n.summaryZh, n.summaryEn, n.narrativeText]
        OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } }
        """;

    public const string AwaitIndexes = """
        CALL db.awaitIndexes($timeoutSeconds)
        """;

    // Seeding: all in one explicit transaction, so readers see the old graph or the new one, never a mix.
    public const string DeleteRemovedEntities = """
        MATCH (n:Entity) WHERE NOT n.key IN $keys
        DETACH DELETE n
        """;

    public const string DeleteRemovedRelations = """
        MATCH (a:Entity)-[r]->(b:Entity)
        WHERE NOT (a.key + '|' + type(r) + '|' + b.key) IN $relationIds
        DELETE r
        """;

    /// <summary><c>SET n = row</c> replaces every property, so a fact removed from the corpus goes too.</summary>
    public const string MergeEntities = """
        UNWIND $rows AS row
        MERGE (n:Entity {key: row.key})
        SET n = row
        """;

    public const string MergePartyTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:PARTY_TO]->(b) SET r = row.properties
        """;

    public const string MergeAppliedTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:APPLIED_TO]->(b) SET r = row.properties
        """;

    public const string MergeMemberOf = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:MEMBER_OF]->(b) SET r = row.properties
        """;

    public const string MergeIssuedBy = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:ISSUED_BY]->(b) SET r = row.properties
        """;

    public const string MergeAppliesTo = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:APPLIES_TO]->(b) SET r = row.properties
        """;

    public const string MergeImplements = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:IMPLEMENTS]->(b) SET r = row.properties
        """;

    public const string MergeAmends = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:AMENDS]->(b) SET r = row.properties
        """;

    public const string MergeLocatedIn = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:LOCATED_IN]->(b) SET r = row.properties
        """;

    public const string MergePartOf = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:PART_OF]->(b) SET r = row.properties
        """;

    public const string MergeInvolves = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:INVOLVES]->(b) SET r = row.properties
        """;

    public const string MergeUses = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:USES]->(b) SET r = row.properties
        """;

    public const string MergeDataFrom = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:DATA_FROM]->(b) SET r = row.properties
        """;

    public const string MergeMentions = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:MENTIONS]->(b) SET r = row.properties
        """;

    public const string MergeHeldIn = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:HELD_IN]->(b) SET r = row.properties
        """;

    public const string MergeOrganizedBy = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:ORGANIZED_BY]->(b) SET r = row.properties
        """;

    public const string MergeProduced = """
        UNWIND $rows AS row
        MATCH (a:Entity {key: row.from}) MATCH (b:Entity {key: row.to})
        MERGE (a)-[r:PRODUCED]->(b) SET r = row.properties
        """;

    /// <summary>Written last in the seed transaction: the version switches with the data it names.</summary>
    public const string SetVersion = """
        MERGE (g:GraphVersion {id: 'current'})
        SET g.version = $version, g.createdAt = $createdAt, g.seededAt = $seededAt
        """;

    /// <summary>Removes everything the store wrote (the contract tests clean their throwaway database with it).</summary>
    public const string DeleteGraph = """
        MATCH (n) WHERE n:Entity OR n:GraphVersion
        DETACH DELETE n
        """;

    // Reads: each takes all the keys of a batch at once.
    public const string ReadVersion = """
        OPTIONAL MATCH (g:GraphVersion {id: 'current'})
        RETURN g.version AS version, g.createdAt AS createdAt
        """;

    public const string GetEntities = """
        UNWIND $keys AS key
        OPTIONAL MATCH (n:Entity {key: key})
        RETURN key, n.doc AS doc
        """;

    /// <summary>
    /// A keyset page of each key's relations, ordered as the embedded store orders them (type, direction
    /// — outgoing 0 before incoming 1 — then the other key) and starting after the cursor's position.
    /// </summary>
    public const string GetRelations = """
        UNWIND $keys AS key
        MATCH (n:Entity {key: key})-[r]-(o:Entity)
        WITH key, r, o, CASE WHEN startNode(r) = n THEN 0 ELSE 1 END AS direction
        WHERE ($direction IS NULL OR direction = $direction)
          AND (size($types) = 0 OR type(r) IN $types)
          AND (size($kinds) = 0 OR o.kind IN $kinds)
        WITH key, r, o, direction, $typeRanks[type(r)] AS typeRank
        ORDER BY key, typeRank, direction, o.key
        WITH key, collect({
          typeRank: typeRank, type: type(r), direction: direction, other: o.key,
          from: startNode(r).key, to: endNode(r).key, properties: properties(r)
        }) AS edges
        WITH key, edges, [e IN edges WHERE $afterType IS NULL
          OR e.typeRank > $afterType
          OR (e.typeRank = $afterType AND (e.direction > $afterDirection
            OR (e.direction = $afterDirection AND e.other > $afterOther)))] AS rest
        RETURN key, size(edges) AS total, size(edges) - size(rest) AS skipped, rest[0..$first] AS page
        """;

    /// <summary>Places in a province up to three levels down, and what applies, acts or is held in any of them.</summary>
    public const string ProvinceMembers = """
        MATCH (p:Entity {key: $province})
        OPTIONAL MATCH (place:Entity)-[:LOCATED_IN|PART_OF*1..3]->(p)
        WITH p, collect(DISTINCT place) + [p] AS places
        UNWIND places AS place
        OPTIONAL MATCH (actor:Entity)-[:APPLIES_TO|INVOLVES|HELD_IN]->(place)
        WITH p, collect(DISTINCT place.key) + collect(DISTINCT actor.key) AS members
        RETURN [m IN members WHERE m <> p.key] AS members
        """;

    /// <summary>The entities matching a filter, with what ordering needs; the page is cut by the store.</summary>
    public const string ListEntities = """
        MATCH (n:Entity)
        WHERE (size($kinds) = 0 OR n.kind IN $kinds)
          AND (size($statuses) = 0 OR n.status IN $statuses)
          AND (size($levels) = 0 OR n.level IN $levels)
          AND (size($categories) = 0 OR n.category IN $categories)
          AND (size($themes) = 0 OR n.theme IN $themes)
          AND ($members IS NULL OR n.key IN $members)
          AND ($economy IS NULL OR $economy IN n.observedEconomies)
          AND (($dateFrom IS NULL AND $dateTo IS NULL)
            OR any(i IN range(0, size(n.dateNames) - 1) WHERE ($dateField IS NULL OR n.dateNames[i] = $dateField)
              AND ($dateFrom IS NULL OR n.dateEnds[i] >= $dateFrom)
              AND ($dateTo IS NULL OR n.dateStarts[i] <= $dateTo)))
          AND all(word IN $words WHERE any(text IN n.haystack WHERE text CONTAINS word))
          AND ($relatedKey IS NULL OR EXISTS {
            MATCH (n)-[r]-(o:Entity {key: $relatedKey})
            WHERE ($relatedType IS NULL OR type(r) = $relatedType)
              AND ($relatedDirection IS NULL OR (CASE WHEN startNode(r) = n THEN 0 ELSE 1 END) = $relatedDirection)
          })
        RETURN n.key AS key, n.nameZh AS nameZh, n.nameEn AS nameEn, n.dateNames AS dateNames, n.dateStarts AS dateStarts
        """;

    /// <summary>One breadth-first level: every relation at the given keys, of the given types, with both endpoints' kinds.</summary>
    public const string ExpandLevel = """
        UNWIND $keys AS key
        MATCH (n:Entity {key: key})-[r]-(o:Entity)
        WHERE size($types) = 0 OR type(r) IN $types
        WITH DISTINCT r
        MATCH (a:Entity)-[r]->(b:Entity)
        RETURN a.key AS from, a.kind AS fromKind, type(r) AS type, b.key AS to, b.kind AS toKind, properties(r) AS properties
        """;

    /// <summary>Full-text hits, best first (ties by key), one page with the documents, the total, and the matches per kind before the kinds filter.</summary>
    public const string Search = """
        CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
        WITH node, score ORDER BY score DESC, node.key
        WITH collect({key: node.key, kind: node.kind, score: score}) AS matches
        WITH [h IN matches WHERE size($kinds) = 0 OR h.kind IN $kinds] AS hits,
             [k IN reduce(seen = [], h IN matches | CASE WHEN h.kind IN seen THEN seen ELSE seen + h.kind END)
               | {kind: k, count: size([h IN matches WHERE h.kind = k])}] AS facets
        WITH size(hits) AS total, facets, hits[$offset..$end] AS page
        UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS hit
        OPTIONAL MATCH (n:Entity {key: hit.key})
        RETURN total, facets, hit.key AS key, hit.score AS score, n.doc AS doc
        """;

    public const string CountEntities = """
        MATCH (n:Entity)
        RETURN n.kind AS kind, count(*) AS count
        """;

    public const string CountRelations = """
        MATCH (:Entity)-[r]->(:Entity)
        RETURN type(r) AS type, count(*) AS count
        """;

    /// <summary>The merge statement for each relation type (a type cannot be a parameter before Neo4j 5.26).</summary>
    public static string MergeRelations(RelationType type) => type switch
    {
        RelationType.PartyTo => MergePartyTo,
        RelationType.AppliedTo => MergeAppliedTo,
        RelationType.MemberOf => MergeMemberOf,
        RelationType.IssuedBy => MergeIssuedBy,
        RelationType.AppliesTo => MergeAppliesTo,
        RelationType.Implements => MergeImplements,
        RelationType.Amends => MergeAmends,
        RelationType.LocatedIn => MergeLocatedIn,
        RelationType.PartOf => MergePartOf,
        RelationType.Involves => MergeInvolves,
        RelationType.Uses => MergeUses,
        RelationType.DataFrom => MergeDataFrom,
        RelationType.Mentions => MergeMentions,
        RelationType.HeldIn => MergeHeldIn,
        RelationType.OrganizedBy => MergeOrganizedBy,
        RelationType.Produced => MergeProduced,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No merge statement for this relation type."),
    };
}
