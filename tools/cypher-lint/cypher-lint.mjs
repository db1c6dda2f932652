// Checks Cypher statements with Neo4j's own parser and semantic analyzer (lintCypherQuery of
// @neo4j-cypher/language-support) against the schema of our graph: labels, relationship types,
// property keys and parameters. Any diagnostic, warning or error, fails the check.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

/** Every `const string Name = """…""";` or `= "…";` in a C# source, in order. */
export function extractStatements(source) {
  const statements = [];
  const pattern = /const\s+string\s+(\w+)\s*=\s*(?:"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")\s*;/g;
  for (const match of source.matchAll(pattern)) {
    const text = match[2] ?? match[3].replace(/\\(.)/g, '$1');
    statements.push({ name: match[1], text: text.trim() });
  }
  return statements;
}

/** The relation types as RelationTypes defines them: `Define(RelationType.PartyTo, "PARTY_TO", …`. */
export function extractRelationTypes(source) {
  return [...source.matchAll(/Define\(RelationType\.\w+,\s*"([A-Z_]+)"/g)].map((m) => m[1]);
}

/** The database schema the statements are checked against. */
export function graphSchema(relationshipTypes) {
  const entityProperties = [
    'key', 'kind', 'nameZh', 'nameEn', 'aliases', 'aliasesText', 'summaryZh', 'summaryEn', 'narrativeText',
    'status', 'category', 'level', 'theme', 'dateNames', 'dateStarts', 'dateEnds', 'observedEconomies',
    'haystack', 'doc',
  ];
  const versionProperties = ['id', 'version', 'createdAt', 'seededAt'];
  const relationProperties = ['date', 'role', 'note', 'sourceSection', 'sourceTable', 'sourceNote', 'origin'];
  // Keys of the maps the statements build and read back (row.from, e.typeRank, hit.score, …).
  const mapKeys = ['from', 'to', 'properties', 'typeRank', 'type', 'direction', 'other', 'score'];
  const parameters = {
    keys: [], rows: [], relationIds: [], timeoutSeconds: 0, version: '', createdAt: '', seededAt: '',
    direction: 0, types: [], kinds: [], typeRanks: {}, afterType: 0, afterDirection: 0, afterOther: '', first: 0,
    province: '', statuses: [], levels: [], categories: [], themes: [], members: [], economy: '',
    dateField: '', dateFrom: '', dateTo: '', words: [], relatedKey: '', relatedType: '', relatedDirection: 0,
    query: '', offset: 0, end: 0,
  };
  return {
    labels: ['Entity', 'GraphVersion'],
    relationshipTypes,
    propertyKeys: [...new Set([...entityProperties, ...versionProperties, ...relationProperties, ...mapKeys])],
    parameters,
  };
}

/** Lints each statement; returns the diagnostics, each with the statement's name. */
export function lintStatements(statements, schema) {
  const found = [];
  for (const { name, text } of statements) {
    const result = lintCypherQuery(text, schema);
    for (const d of result.diagnostics ?? result) {
      const at = d.range ? ` (line ${d.range.start.line + 1}, column ${d.range.start.character + 1})` : '';
      found.push({ name, message: `${d.message}${at}`, severity: d.severity });
    }
  }
  return found;
}

export function loadRepository(root) {
  const statements = extractStatements(readFileSync(`${root}/src/DigitalTrade.Graph.Stores.Neo4j/CypherStatements.cs`, 'utf8'));
  const relationTypes = extractRelationTypes(readFileSync(`${root}/src/DigitalTrade.Graph.Model/RelationType.cs`, 'utf8'));
  return { statements, schema: graphSchema(relationTypes) };
}
