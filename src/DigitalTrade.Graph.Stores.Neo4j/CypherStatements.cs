namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// Every Cypher statement the Neo4j store sends, in the <c>CypherStatements*.cs</c> files so tools/cypher-lint
/// checks them all against our schema and the procedures and functions of the supported Neo4j releases.
/// Values always travel as parameters: no statement is ever built from user text.
/// </summary>
/// <remarks>
/// The graph in Neo4j is kept in generations. Each seed writes a new generation beside the served one: one
/// <c>:Entity</c> node per entity (<c>graph</c> = the generation id, key, kind, the filtered facets as properties,
/// the whole entity as the JSON property <c>doc</c>), one relationship per relation between nodes of the same
/// generation, and a <c>:GraphGeneration</c> record (version, counts, state, the bookmarks of its writes). The
/// pointer <c>:GraphVersion {id: 'current'}</c> names the served generation and is switched in one small
/// transaction. Every read names its generation (<c>$graph</c>), so a request reads one version even while a
/// seed writes or switches; superseded generations are deleted only after they have been retained long enough.
/// Reads use both properties of the composite indexes (<c>graph</c>, then <c>kind</c> or <c>key</c>), so the
/// planner can seek instead of scanning.
/// </remarks>
public static partial class CypherStatements
{
    /// <summary>The served generation and what a view needs from it (counts, bookmarks, retention) in one round trip.</summary>
    public const string ReadCurrent = """
        MATCH (p:GraphVersion {id: 'current'})
        OPTIONAL MATCH (g:GraphGeneration {id: p.generation})
        RETURN p.generation AS generation, p.version AS pointerVersion, g.version AS version, g.createdAt AS createdAt,
          g.state AS state, g.bookmarks AS bookmarks, g.retainSeconds AS retainSeconds,
          g.kindNames AS kindNames, g.kindCounts AS kindCounts, g.typeNames AS typeNames, g.typeCounts AS typeCounts
        """;

    public const string GetEntities = """
        UNWIND $keys AS key
        OPTIONAL MATCH (n:Entity {graph: $graph, key: key})
        RETURN key, n.doc AS doc
        """;

    /// <summary>
    /// One keyset page of each key's relations, in the embedded store's order (type rank, direction — outgoing 0
    /// before incoming 1 — then the other key), after the cursor. Counted and cut in Cypher: per key, one pass
    /// counts the matching relations and those after the cursor, a second keeps only the first <c>$first</c>.
    /// <c>$types</c> and <c>$kinds</c> always list what is allowed (every type or kind when the caller set none).
    /// </summary>
    public const string GetRelations = """
        UNWIND $keys AS key
        MATCH (n:Entity {graph: $graph, key: key})
        CALL (n) {
          MATCH (n)-[r]-(o:Entity)
          WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 0 ELSE 1 END AS direction, o
          WHERE type IN $types AND o.kind IN $kinds AND ($direction IS NULL OR direction = $direction)
          WITH $typeRanks[type] AS typeRank, direction, o.key AS other
          RETURN count(*) AS total,
            count(CASE WHEN $afterType IS NULL OR typeRank > $afterType
              OR (typeRank = $afterType AND (direction > $afterDirection
                OR (direction = $afterDirection AND other > $afterOther))) THEN 1 END) AS rest
        }
        CALL (n) {
          MATCH (n)-[r]-(o:Entity)
          WITH r, o, type(r) AS type, CASE WHEN startNode(r) = n THEN 0 ELSE 1 END AS direction
          WHERE type IN $types AND o.kind IN $kinds AND ($direction IS NULL OR direction = $direction)
          WITH r, o, type, direction, $typeRanks[type] AS typeRank
          WHERE $afterType IS NULL OR typeRank > $afterType
            OR (typeRank = $afterType AND (direction > $afterDirection
              OR (direction = $afterDirection AND o.key > $afterOther)))
          WITH r, o, type, direction, typeRank ORDER BY typeRank, direction, o.key LIMIT $first
          RETURN collect({
            typeRank: typeRank, type: type, direction: direction, other: o.key,
            from: startNode(r).key, to: endNode(r).key, properties: properties(r)
          }) AS page
        }
        RETURN key, total, rest, page
        """;

    /// <summary>Places in a province up to three levels down, and what applies, acts or is held in any of them.</summary>
    public const string ProvinceMembers = """
        MATCH (p:Entity {graph: $graph, key: $province})
        OPTIONAL MATCH (place:Entity)-[:LOCATED_IN|PART_OF*1..3]->(p)
        WITH p, collect(DISTINCT place) + [p] AS places
        UNWIND places AS place
        OPTIONAL MATCH (actor:Entity)-[:APPLIES_TO|INVOLVES|HELD_IN]->(place)
        WITH p, collect(DISTINCT place.key) + collect(DISTINCT actor.key) AS members
        RETURN [m IN members WHERE m <> p.key] AS members
        """;

    /// <summary>
    /// One page of the entities matching a filter, in the model's order (<see cref="Model.Queries.EntityOrdering"/>),
    /// after the keyset cursor, with the total and how many rows follow the cursor. The kind predicate is always
    /// <c>n.kind IN $kinds</c> (every kind when the filter names none) beside <c>n.graph = $graph</c>, so the
    /// (graph, kind) index seeks; the other filters apply to what it finds. Sort keys: <c>''</c> (key order),
    /// <c>nameZh</c>, <c>nameEnSort</c> (upper-cased as the model does), or the earliest/latest start among the
    /// named dates (<c>'~'</c>, after every ISO date, when there is none). Descending order keeps undated last.
    /// The filter is written twice on purpose: one pass counts (streaming, nothing kept), the other keeps the
    /// top <c>$first</c> rows; sharing one pass would mean collecting every match on the server.
    /// </summary>
    public const string ListEntities = """
        CALL () {
          MATCH (n:Entity)
          WHERE n.graph = $graph AND n.kind IN $kinds
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
          WITH n, CASE $order
            WHEN 'nameZh' THEN n.nameZh
            WHEN 'nameEn' THEN n.nameEnSort
            WHEN 'dateAsc' THEN reduce(m = '~', i IN range(0, size(n.dateNames) - 1) |
              CASE WHEN ($dateField IS NULL OR n.dateNames[i] = $dateField) AND n.dateStarts[i] < m THEN n.dateStarts[i] ELSE m END)
            WHEN 'dateDesc' THEN reduce(m = '~', i IN range(0, size(n.dateNames) - 1) |
              CASE WHEN ($dateField IS NULL OR n.dateNames[i] = $dateField) AND (m = '~' OR n.dateStarts[i] > m) THEN n.dateStarts[i] ELSE m END)
            ELSE '' END AS sort
          RETURN count(*) AS total,
            count(CASE WHEN $afterKey IS NULL
              OR (sort = $afterSort AND n.key > $afterKey)
              OR (sort <> $afterSort AND CASE WHEN $descending
                THEN sort = '~' OR ($afterSort <> '~' AND sort < $afterSort)
                ELSE sort > $afterSort END) THEN 1 END) AS rest
        }
        CALL () {
          MATCH (n:Entity)
          WHERE n.graph = $graph AND n.kind IN $kinds
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
          WITH n, CASE $order
            WHEN 'nameZh' THEN n.nameZh
            WHEN 'nameEn' THEN n.nameEnSort
            WHEN 'dateAsc' THEN reduce(m = '~', i IN range(0, size(n.dateNames) - 1) |
              CASE WHEN ($dateField IS NULL OR n.dateNames[i] = $dateField) AND n.dateStarts[i] < m THEN n.dateStarts[i] ELSE m END)
            WHEN 'dateDesc' THEN reduce(m = '~', i IN range(0, size(n.dateNames) - 1) |
              CASE WHEN ($dateField IS NULL OR n.dateNames[i] = $dateField) AND (m = '~' OR n.dateStarts[i] > m) THEN n.dateStarts[i] ELSE m END)
            ELSE '' END AS sort
          WHERE $afterKey IS NULL
            OR (sort = $afterSort AND n.key > $afterKey)
            OR (sort <> $afterSort AND CASE WHEN $descending
              THEN sort = '~' OR ($afterSort <> '~' AND sort < $afterSort)
              ELSE sort > $afterSort END)
          WITH n, sort ORDER BY CASE WHEN $descending THEN sort = '~' ELSE false END,
            CASE WHEN $descending THEN sort END DESC,
            CASE WHEN $descending THEN null ELSE sort END,
            n.key
          LIMIT $first
          RETURN collect({key: n.key, sort: sort, doc: n.doc}) AS page
        }
        RETURN total, rest, page
        """;

    /// <summary>One breadth-first level: every relation at the given keys, of the given types, with both endpoints' kinds.</summary>
    public const string ExpandLevel = """
        UNWIND $keys AS key
        MATCH (n:Entity {graph: $graph, key: key})-[r]-(o:Entity)
        WHERE type(r) IN $types
        WITH DISTINCT r
        MATCH (a:Entity)-[r]->(b:Entity)
        RETURN a.key AS from, a.kind AS fromKind, type(r) AS type, b.key AS to, b.kind AS toKind, properties(r) AS properties
        """;

    /// <summary>
    /// Full-text hits of the generation: the matches per kind before the kinds filter (facets; the total is
    /// their sum over the kinds asked for), and one page, best first (ties by key), cut in Cypher. Both passes
    /// stream the index's hits; only the page (<c>$offset</c> + <c>$first</c> rows at most) is kept in memory.
    /// </summary>
    public const string Search = """
        CALL () {
          CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node
          WHERE node.graph = $graph
          WITH node.kind AS kind, count(*) AS count
          RETURN collect({kind: kind, count: count}) AS facets
        }
        CALL () {
          CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
          WHERE node.graph = $graph AND node.kind IN $kinds
          WITH node, score ORDER BY score DESC, node.key SKIP $offset LIMIT $first
          RETURN collect({key: node.key, score: score, doc: node.doc}) AS page
        }
        RETURN facets, page
        """;

    /// <summary>
    /// For a search that found nothing: the entities whose names or aliases share any term with the query, or a
    /// spelling one edit away (<c>$query</c> restricts to those fields), best first, of the kinds asked for.
    /// </summary>
    public const string SearchSuggestions = """
        CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
        WHERE node.graph = $graph AND node.kind IN $kinds
        WITH node, score ORDER BY score DESC, node.key LIMIT $first
        RETURN node.doc AS doc
        """;

    /// <summary>
    /// Every entity's key, kind, names and aliases (no documents): what the store builds its per-generation name
    /// index from, once per generation and process. The (graph, kind) index finds the generation's nodes.
    /// </summary>
    public const string ReadNames = """
        MATCH (n:Entity)
        WHERE n.graph = $graph AND n.kind IS NOT NULL
        RETURN n.key AS key, n.kind AS kind, n.nameZh AS nameZh, n.nameEn AS nameEn, n.aliases AS aliases
        """;

    /// <summary>Removes everything the store wrote (the contract tests clean their throwaway database with it).</summary>
    public const string DeleteGraph = """
        MATCH (n) WHERE n:Entity OR n:GraphVersion OR n:GraphGeneration
        DETACH DELETE n
        """;
}
