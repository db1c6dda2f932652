namespace DigitalTrade.Graph.Stores.Neo4j;

/// <summary>
/// The schema: created when missing, compared with what exists (<c>SHOW</c>) and recreated when it differs,
/// since <c>IF NOT EXISTS</c> matches by name and would keep an old definition silently.
/// </summary>
public static partial class CypherStatements
{
    /// <summary>A key is unique within a generation; generations side by side share keys.</summary>
    public const string CreateEntityKeyConstraint = """
        CREATE CONSTRAINT entity_graph_key IF NOT EXISTS FOR (n:Entity) REQUIRE (n.graph, n.key) IS UNIQUE
        """;

    public const string CreateVersionConstraint = """
        CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (g:GraphVersion) REQUIRE g.id IS UNIQUE
        """;

    public const string CreateGenerationConstraint = """
        CREATE CONSTRAINT graph_generation_id IF NOT EXISTS FOR (g:GraphGeneration) REQUIRE g.id IS UNIQUE
        """;

    /// <summary>Listing by kind within a generation seeks on both properties.</summary>
    public const string CreateKindIndex = """
        CREATE INDEX entity_graph_kind IF NOT EXISTS FOR (n:Entity) ON (n.graph, n.kind)
        """;

    /// <summary>The CJK analyzer splits Chinese into character bigrams, so 数据跨境 finds 数据跨境流动.</summary>
    public const string CreateTextIndex = """
        CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
        FOR (n:Entity) ON EACH [n.nameZh, n.nameEn, n.aliasesText, n.summaryZh, n.summaryEn, n.narrativeText]
        OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } }
        """;

    public const string ShowConstraints = """
        SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties
        RETURN name, type, entityType, labelsOrTypes, properties
        """;

    public const string ShowIndexes = """
        SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options, owningConstraint, state, populationPercent
        RETURN name, type, entityType, labelsOrTypes, properties, options, owningConstraint, state, populationPercent
        """;

    public const string DropIndex = """
        DROP INDEX $name IF EXISTS
        """;

    public const string DropConstraint = """
        DROP CONSTRAINT $name IF EXISTS
        """;
}
