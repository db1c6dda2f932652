// `node lint.mjs`: lints every statement in CypherStatements.cs; exit code 1 on any diagnostic.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadRepository, lintStatements } from './cypher-lint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { statements, schema } = loadRepository(root);
if (statements.length === 0) {
  console.error('cypher-lint: no statements found in CypherStatements.cs');
  process.exit(1);
}

const diagnostics = lintStatements(statements, schema);
for (const d of diagnostics) {
  console.error(`CypherStatements.${d.name}: ${d.message}`);
}

console.log(`cypher-lint: ${statements.length} statements checked against ${schema.labels.length} labels, `
  + `${schema.relationshipTypes.length} relationship types, ${schema.propertyKeys.length} property keys: `
  + `${diagnostics.length} diagnostics`);
process.exit(diagnostics.length === 0 ? 0 : 1);
