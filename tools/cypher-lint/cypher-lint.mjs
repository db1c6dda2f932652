// Checks Cypher statements with Neo4j's own parser and semantic analyzer (lintCypherQuery of
// @neo4j-cypher/language-support) against the schema of our graph — labels, relationship types, property keys,
// parameters — and against the procedures and functions every supported Neo4j offers (neo4j-signatures.json,
// built from Neo4j's reference pages by build-signatures.mjs). Each statement is linted as Cypher 5 (the default
// language of 5.26 and 2025.x) and as Cypher 25 (what a 2025.06+ database may default to). Any diagnostic,
// warning or error, fails the check.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

export const languages = ['CYPHER 5', 'CYPHER 25'];

const signatures = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'neo4j-signatures.json'), 'utf8'));

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
    'graph', 'key', 'kind', 'nameZh', 'nameEn', 'nameEnSort', 'aliases', 'aliasesText', 'summaryZh', 'summaryEn',
    'narrativeText', 'status', 'category', 'level', 'theme', 'dateNames', 'dateStarts', 'dateEnds',
    'observedEconomies', 'haystack', 'doc',
  ];
  const pointerProperties = ['id', 'generation', 'version', 'createdAt'];
  const generationProperties = [
    'id', 'version', 'createdAt', 'state', 'startedAt', 'seededAt', 'supersededAt', 'retainSeconds', 'format',
    'bookmarks', 'kindNames', 'kindCounts', 'typeNames', 'typeCounts',
  ];
  const relationProperties = ['date', 'role', 'note', 'sourceSection', 'sourceTable', 'sourceNote', 'origin'];
  // Keys of the maps the statements build and read back (row.from, e.typeRank, hit.score, …).
  const mapKeys = ['from', 'to', 'properties', 'typeRank', 'type', 'direction', 'other', 'score', 'sort', 'seconds'];
  const parameters = {
    keys: [], rows: [], graph: '', generation: '', version: '', createdAt: '', retainSeconds: 0, format: 0,
    kindNames: [], kindCounts: [], typeNames: [], typeCounts: [], bookmarks: [], abandonedAfterSeconds: 0,
    batchSize: 0, name: '',
    direction: 0, types: [], kinds: [], typeRanks: {}, afterType: 0, afterDirection: 0, afterOther: '', first: 0,
    province: '', statuses: [], levels: [], categories: [], themes: [], members: [], economy: '',
    dateField: '', dateFrom: '', dateTo: '', words: [], relatedKey: '', relatedType: '', relatedDirection: 0,
    order: '', descending: false, afterSort: '', afterKey: '',
    query: '', offset: 0,
  };
  return {
    labels: ['Entity', 'GraphVersion', 'GraphGeneration'],
    relationshipTypes,
    propertyKeys: [...new Set([...entityProperties, ...pointerProperties, ...generationProperties, ...relationProperties, ...mapKeys])],
    parameters,
    procedures: signatures.procedures,
    functions: signatures.functions,
  };
}

/** Lints each statement in each language; returns the diagnostics, each with the statement's name and language. */
export function lintStatements(statements, schema) {
  const found = [];
  for (const language of languages) {
    const scoped = { ...schema, defaultLanguage: language };
    for (const { name, text } of statements) {
      const result = lintCypherQuery(text, scoped);
      for (const d of result.diagnostics ?? result) {
        const at = d.range ? ` (line ${d.range.start.line + 1}, column ${d.range.start.character + 1})` : '';
        found.push({ name, language, message: `${d.message}${at}`, severity: d.severity });
      }
    }
  }
  return found;
}

/** The statements of every CypherStatements*.cs file of the Neo4j store, in file order. */
export function loadRepository(root) {
  const folder = `${root}/src/DigitalTrade.Graph.Stores.Neo4j`;
  const files = readdirSync(folder).filter((f) => /^CypherStatements.*\.cs$/.test(f)).sort();
  const statements = files.flatMap((f) => extractStatements(readFileSync(`${folder}/${f}`, 'utf8')));
  const relationTypes = extractRelationTypes(readFileSync(`${root}/src/DigitalTrade.Graph.Model/RelationType.cs`, 'utf8'));
  return { files, statements, schema: graphSchema(relationTypes) };
}
