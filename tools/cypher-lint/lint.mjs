// `node lint.mjs`: lints every statement in the CypherStatements*.cs files; exit code 1 on any diagnostic.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadRepository, lintStatements, languages } from './cypher-lint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { files, statements, schema } = loadRepository(root);
if (statements.length === 0) {
  console.error('cypher-lint: no statements found in CypherStatements*.cs');
  process.exit(1);
}

const diagnostics = lintStatements(statements, schema);
for (const d of diagnostics) {
  console.error(`CypherStatements.${d.name} [${d.language}]: ${d.message}`);
}

const procedures = languages.map((l) => `${Object.keys(schema.procedures[l]).length} (${l})`).join(', ');
console.log(`cypher-lint: ${statements.length} statements from ${files.join(', ')}, each as ${languages.join(' and ')}, `
  + `checked against ${schema.labels.length} labels, ${schema.relationshipTypes.length} relationship types, `
  + `${schema.propertyKeys.length} property keys, ${procedures} procedures and `
  + `${Object.keys(schema.functions['CYPHER 5']).length} functions: ${diagnostics.length} diagnostics`);
process.exit(diagnostics.length === 0 ? 0 : 1);
