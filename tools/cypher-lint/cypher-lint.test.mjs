// The lint's own test: it must pass our statements and fail broken ones, or its green means nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { extractStatements, lintStatements, loadRepository } from './cypher-lint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { statements, schema } = loadRepository(root);

function lintOne(text) {
  return lintStatements([{ name: 'Probe', text }], schema);
}

test('finds every statement of CypherStatements.cs, the merge for each relation type among them', () => {
  assert.ok(statements.length >= 30, `only ${statements.length} statements found`);
  for (const type of schema.relationshipTypes) {
    assert.ok(statements.some((s) => s.text.includes(`[r:${type}]`)), `no merge statement for ${type}`);
  }
});

test('the shipped statements have no diagnostics', () => {
  assert.deepEqual(lintStatements(statements, schema), []);
});

test('a syntax error fails', () => {
  const found = lintOne('MATCH (n:Entity RETURN n');
  assert.ok(found.length > 0);
  assert.match(found.map((d) => d.message).join(), /Invalid input/);
});

test('a misspelt label, relationship type or property fails', () => {
  assert.match(lintOne('MATCH (n:Entty) RETURN n.key').map((d) => d.message).join(), /Entty/);
  assert.match(lintOne('MATCH (:Entity)-[r:PARTY_OF]->(:Entity) RETURN r').map((d) => d.message).join(), /PARTY_OF/);
  assert.match(lintOne('MATCH (n:Entity) RETURN n.nameJa').map((d) => d.message).join(), /nameJa/);
});

test('an undeclared parameter fails', () => {
  assert.match(lintOne('MATCH (n:Entity {key: $kee}) RETURN n').map((d) => d.message).join(), /kee/);
});

test('extracts raw and regular C# string constants', () => {
  const found = extractStatements('public const string A = """\n    RETURN 1\n    """;\nconst string B = "RETURN \\"x\\"";');
  assert.deepEqual(found, [{ name: 'A', text: 'RETURN 1' }, { name: 'B', text: 'RETURN "x"' }]);
});
