// The lint's own test: it must pass our statements and fail broken ones, or its green means nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { extractStatements, lintStatements, loadRepository, languages } from './cypher-lint.mjs';
import { parseFunctions, parseProcedures, procedureTables } from './build-signatures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { statements, schema } = loadRepository(root);

function lintOne(text) {
  return lintStatements([{ name: 'Probe', text }], schema);
}

function messages(text) {
  return lintOne(text).map((d) => `${d.language}: ${d.message}`).join('\n');
}

test('finds every statement of the CypherStatements files, the write for each relation type among them', () => {
  assert.ok(statements.length >= 35, `only ${statements.length} statements found`);
  for (const type of schema.relationshipTypes) {
    assert.ok(statements.some((s) => s.text.includes(`[r:${type}]`)), `no write statement for ${type}`);
  }
  for (const name of ['ReadCurrent', 'GetRelations', 'ListEntities', 'Search', 'SwitchGeneration', 'ShowIndexes']) {
    assert.ok(statements.some((s) => s.name === name), `${name} not found`);
  }
});

test('the shipped statements have no diagnostics in either language', () => {
  assert.deepEqual(lintStatements(statements, schema), []);
});

test('a syntax error fails', () => {
  assert.match(messages('MATCH (n:Entity RETURN n'), /Invalid input/);
});

test('a misspelt label, relationship type or property fails', () => {
  assert.match(messages('MATCH (n:Entty) RETURN n.key'), /Entty/);
  assert.match(messages('MATCH (:Entity)-[r:PARTY_OF]->(:Entity) RETURN r'), /PARTY_OF/);
  assert.match(messages('MATCH (n:Entity) RETURN n.nameJa'), /nameJa/);
});

test('a variable used outside its scope fails (the semantic analyzer runs, not just the parser)', () => {
  assert.match(messages('MATCH (n:Entity) CALL () { RETURN n.key AS k } RETURN k'), /Variable `n` not defined/);
});

test('an undeclared parameter fails', () => {
  assert.match(messages('MATCH (n:Entity {key: $kee}) RETURN n'), /kee/);
});

test('a procedure removed in Neo4j 5 fails: db.index.fulltext.createNodeIndex', () => {
  const found = messages("CALL db.index.fulltext.createNodeIndex('entity_text', ['Entity'], ['nameZh'])");
  for (const language of languages) {
    assert.match(found, new RegExp(`${language}: Procedure db\\.index\\.fulltext\\.createNodeIndex is not present`));
  }
});

test('a misspelt procedure fails: db.index.fulltext.queryNodez', () => {
  const found = messages("CALL db.index.fulltext.queryNodez('entity_text', $query) YIELD node RETURN node.key");
  for (const language of languages) {
    assert.match(found, new RegExp(`${language}: Procedure db\\.index\\.fulltext\\.queryNodez is not present`));
  }
});

test('a procedure from a plugin or of Enterprise only fails; Community built-ins pass', () => {
  assert.match(messages("CALL apoc.help('x')"), /apoc\.help is not present/);
  assert.match(messages('CALL dbms.cluster.routing.getRoutingTable({})'), /not present/);
  assert.equal(messages("CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score RETURN node.key, score"), '');
  assert.equal(messages('CALL db.awaitIndexes()'), '');
});

test('a procedure removed from Cypher 25 fails there only', () => {
  const found = lintOne("CALL db.index.vector.createNodeIndex('v', 'Entity', 'key', 3, 'cosine')");
  assert.deepEqual(found.map((d) => d.language), ['CYPHER 25']);
});

test('wrong procedure arguments and yields fail', () => {
  assert.match(messages("CALL db.index.fulltext.queryNodes('entity_text') YIELD node RETURN node"), /required number of arguments/);
  assert.match(messages("CALL db.index.fulltext.queryNodes('entity_text', $query, {}, 4) YIELD node RETURN node"), /too many arguments/);
  assert.match(messages("CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD nod RETURN nod"), /Unknown procedure output/);
});

test('a misspelt, misused or deprecated function fails', () => {
  assert.match(messages('MATCH (n:Entity) RETURN sizee(n.aliases)'), /Function sizee is not present/);
  assert.match(messages('MATCH (n:Entity) RETURN count(n, 1)'), /Too many parameters/);
  assert.match(messages('MATCH (n:Entity) RETURN id(n)'), /deprecated/);
});

test('deprecated syntax fails (a CALL subquery importing with WITH)', () => {
  assert.match(messages('MATCH (n:Entity) CALL { WITH n RETURN n.key AS k } RETURN k'), /deprecated/);
});

test('extracts raw and regular C# string constants', () => {
  const found = extractStatements('public const string A = """\n    RETURN 1\n    """;\nconst string B = "RETURN \\"x\\"";');
  assert.deepEqual(found, [{ name: 'A', text: 'RETURN 1' }, { name: 'B', text: 'RETURN "x"' }]);
});

test('the signature builder keeps Community procedures of both releases and drops the rest', () => {
  const page = (sections) => sections.join('\n\n');
  const section = (name, labels, syntax, rows = []) => [
    labels ? `[role=${labels.map((l) => `label--${l}`).join(' ')}]` : '',
    `[[procedure_${name.replaceAll('.', '_')}]]`,
    `=== ${name}()`,
    '', '.Details', '|===',
    `| *Syntax* 3+m| ${syntax}`,
    '| *Description* 3+a| A procedure.',
    ...(rows.length ? [`.${rows.length + 1}+| *Input arguments* | *Name* | *Type* | *Description*`, ...rows] : []),
    '| *Mode* 3+| READ', '|===',
  ].join('\n');
  const old = parseProcedures(page([
    section('db.kept', null, 'db.kept(a [, b ])', ['| `a` | `STRING` | first', '| `b` | `MAP` | second']),
    section('db.enterprise', ['enterprise-edition'], 'db.enterprise()'),
    section('db.gone', null, 'db.gone()'),
    section('db.notIn25', null, 'db.notIn25()'),
  ]));
  const current = parseProcedures(page([
    section('db.kept', ['deprecated-2025.01'], 'db.kept(a [, b ])', ['| `a` | `STRING` | first', '| `b` | `MAP` | second']),
    section('db.enterprise', ['enterprise-edition'], 'db.enterprise()'),
    section('db.brandNew', ['new-2025.03'], 'db.brandNew()'),
    section('db.notIn25', ['removed-cypher-25'], 'db.notIn25()'),
  ]));
  const tables = procedureTables(old, current);
  assert.deepEqual(Object.keys(tables['CYPHER 5']).sort(), ['db.kept', 'db.notIn25']);
  assert.deepEqual(Object.keys(tables['CYPHER 25']), ['db.kept']);
  const kept = tables['CYPHER 5']['db.kept'];
  assert.equal(kept.option.deprecated, true);
  assert.equal(kept.argumentDescription[0].default, undefined);
  assert.match(kept.argumentDescription[1].default, /type=MAP/);
});

test('the function table comes from the Cypher Manual and marks aggregations and deprecations', () => {
  const functions = parseFunctions([
    '== Aggregating functions', '|===',
    '1.1+| xref::functions/aggregating.adoc#functions-count[`count()`]',
    '| `count(input :: ANY) :: INTEGER`', '| Returns the number of values or rows.',
    '== Scalar functions', '|===',
    '1.1+| xref::functions/scalar.adoc#functions-id[`id()`]',
    '| `id(input :: NODE) :: INTEGER`', '| label:deprecated[] Returns the id of a `NODE`.',
  ].join('\n'));
  assert.equal(functions.count.aggregating, true);
  assert.equal(functions.id.isDeprecated, true);
  assert.equal(functions.id.aggregating, false);
});

test('the vendored table names its sources and holds what the statements call', () => {
  const table = JSON.parse(readFileSync(path.join(here, 'neo4j-signatures.json'), 'utf8'));
  assert.match(table.sources.procedures526, /^neo4j\/docs-operations@[0-9a-f]{40}:/);
  assert.match(table.sources.functions, /^neo4j\/docs-cypher@[0-9a-f]{40}:/);
  for (const language of languages) {
    assert.ok(table.procedures[language]['db.index.fulltext.queryNodes']);
    assert.equal(table.procedures[language]['db.index.fulltext.createNodeIndex'], undefined);
    for (const fn of ['count', 'collect', 'size', 'type', 'startNode', 'endNode', 'properties', 'datetime', 'duration', 'reduce', 'range']) {
      assert.ok(table.functions[language][fn], `${fn} missing from ${language}`);
    }
  }
});
