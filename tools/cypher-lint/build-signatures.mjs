// Builds neo4j-signatures.json: the procedures and functions a statement may call on every supported Neo4j
// (5.26 and later, Community and Enterprise), from Neo4j's own reference pages, for lintCypherQuery.
//
//   git -C <docs-operations> show 5.x:modules/ROOT/pages/procedures/built-in-procedures.adoc > /tmp/procedures-5.26.adoc
//   git -C <docs-operations> show dev:modules/ROOT/pages/procedures/built-in-procedures.adoc > /tmp/procedures-current.adoc
//   git -C <docs-cypher> show dev:modules/ROOT/pages/functions/index.adoc > /tmp/functions.adoc
//   node build-signatures.mjs /tmp/procedures-5.26.adoc /tmp/procedures-current.adoc /tmp/functions.adoc \
//     "neo4j/docs-operations@<5.x commit>" "neo4j/docs-operations@<dev commit>" "neo4j/docs-cypher@<commit>"
//
// Rules: a procedure is callable when both the 5.26 page and the current page list it and neither marks it
// Enterprise-only (statements must run on Community too). In the CYPHER 25 table, procedures the current page
// marks removed in Cypher 25 are left out; Cypher-25-only ones are not in the 5.26 page, so never included.
// Deprecation marks make the lint warn (and so fail). Optional arguments (in [ ] in the syntax) get a default.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every `=== name()` section of a built-in-procedures.adoc page, with its labels and details table. */
export function parseProcedures(adoc) {
  const lines = adoc.split('\n');
  const found = new Map();
  for (let i = 0; i < lines.length; i++) {
    const heading = /^=== ([\w.]+)\(\)\s*$/.exec(lines[i]);
    if (!heading) continue;
    const name = heading[1];
    // Labels sit in a [role=…] line just above the [[anchor]] above the heading.
    let labels = [];
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      const role = /^\[role=([^\]]*)\]/.exec(lines[j]);
      if (role) { labels = [...role[1].matchAll(/label--([\w.-]+)/g)].map((m) => m[1]); break; }
    }
    const body = [];
    for (let j = i + 1; j < lines.length && !/^=== /.test(lines[j]); j++) body.push(lines[j]);
    found.set(name, { name, labels, ...parseDetails(name, body) });
  }
  return found;
}

function parseDetails(name, body) {
  const syntax = (body.find((l) => l.startsWith('| *Syntax*')) ?? '').replace(/^\| \*Syntax\* 3\+m\| /, '').trim();
  const description = (body.find((l) => l.startsWith('| *Description*')) ?? '').replace(/^\| \*Description\* 3\+a\| /, '').trim();
  const mode = ((body.find((l) => l.startsWith('| *Mode*')) ?? '').replace(/^\| \*Mode\* 3\+\| /, '').trim() || 'DEFAULT');
  const replaced = /\[`([\w.]+)\(\)`\]/.exec(body.find((l) => l.startsWith('| *Replaced by*')) ?? '');
  const table = (title) => {
    const start = body.findIndex((l) => l.includes(`*${title}*`));
    if (start < 0) return [];
    const rows = [];
    for (let j = start + 1; j < body.length; j++) {
      const row = /^\| `([^`]+)` \| `([^`]+)` \| ?(.*)$/.exec(body[j]);
      if (!row) break;
      rows.push({ name: row[1], type: row[2].replace(/\\\|/g, '|'), description: row[3].trim() });
    }
    return rows;
  };
  // Arguments after a '[' in the syntax are optional: `queryNodes(indexName, queryString [, options ])`.
  const inside = /\((.*?)\)/.exec(syntax)?.[1] ?? '';
  const optionalFrom = inside.indexOf('[');
  const optional = new Set(optionalFrom < 0 ? [] : inside.slice(optionalFrom).replace(/[[\],]/g, ' ').split(/\s+/).filter(Boolean));
  const args = table('Input arguments').map((a) => ({
    isDeprecated: false,
    description: a.description,
    name: a.name,
    type: a.type,
    ...(optional.has(a.name) ? { default: `DefaultParameterValue{value=null, type=${a.type}}` } : {}),
  }));
  const returns = table('Return arguments').map((r) => ({ isDeprecated: false, description: r.description, name: r.name, type: r.type }));
  const signature = `${name}(${args.map((a) => `${a.name}${a.default ? ' = null' : ''} :: ${a.type}`).join(', ')})`
    + (returns.length ? ` :: (${returns.map((r) => `${r.name} :: ${r.type}`).join(', ')})` : '');
  return { syntax, description, mode, deprecatedBy: replaced?.[1], args, returns, signature };
}

function procedureEntry(p, deprecated) {
  return {
    name: p.name,
    description: p.description,
    mode: ['READ', 'WRITE', 'SCHEMA', 'DBMS', 'DEFAULT'].includes(p.mode) ? p.mode : 'DEFAULT',
    worksOnSystem: false,
    signature: p.signature,
    argumentDescription: p.args,
    returnDescription: p.returns,
    admin: p.labels.includes('admin-only'),
    option: { deprecated },
    ...(deprecated && p.deprecatedBy ? { deprecatedBy: p.deprecatedBy } : {}),
  };
}

export function procedureTables(old, current) {
  const tables = { 'CYPHER 5': {}, 'CYPHER 25': {} };
  for (const [name, now] of current) {
    const then = old.get(name);
    if (!then || then.labels.includes('enterprise-edition') || now.labels.includes('enterprise-edition')) continue;
    const deprecated = now.labels.some((l) => /^deprecated-\d/.test(l));
    if (!now.labels.includes('cypher-25')) tables['CYPHER 5'][name] = procedureEntry(then, deprecated);
    if (!now.labels.includes('removed-cypher-25')) {
      tables['CYPHER 25'][name] = procedureEntry(now, deprecated || now.labels.includes('deprecated-cypher-25'));
    }
  }
  return tables;
}

/** The summary tables of the Cypher Manual's functions/index.adoc: one entry per name (overloads share it). */
export function parseFunctions(adoc) {
  const lines = adoc.split('\n');
  const found = {};
  let category = '';
  for (let i = 0; i < lines.length; i++) {
    // Sections are `== Aggregating functions` (or `**xref::…[Aggregating functions]**` on older pages).
    const header = /^== (.+)$/.exec(lines[i]) ?? /^\*\*xref::functions\/[^\[]+\[([^\]]+)\]\*\*/.exec(lines[i]);
    if (header) category = header[1].replace(/ functions?.*$/i, '').trim();
    const sig = /^\| `([\w.]+)\((.*)\) :: (.+)`\s*$/.exec(lines[i]);
    if (!sig) continue;
    const [, name, args, returns] = sig;
    const description = lines[i + 1] ?? '';
    if (found[name] || /label:new\[Introduced in 20\d\d/.test(description)) continue;
    found[name] = {
      name,
      category,
      description: description.replace(/^a?\| ?/, '').replace(/label:\w+\[[^\]]*\] ?/g, '').trim(),
      signature: `${name}(${args}) :: ${returns}`,
      isBuiltIn: true,
      argumentDescription: splitArguments(args),
      returnDescription: returns,
      aggregating: category === 'Aggregating',
      isDeprecated: /label:deprecated\[\]/.test(description),
    };
  }
  return found;
}

function splitArguments(args) {
  if (!args.trim() || /\bVARIABLE\b/.test(args)) return [];
  const parts = [];
  let depth = 0;
  let current = '';
  for (const c of args) {
    if (c === '<' || c === '(') depth++;
    if (c === '>' || c === ')') depth--;
    if (c === ',' && depth === 0) { parts.push(current); current = ''; } else current += c;
  }
  parts.push(current);
  return parts.map((p) => {
    const [name, type] = p.split('::').map((s) => s.trim());
    const optional = name.includes('=');
    return {
      isDeprecated: false,
      description: '',
      name: name.replace(/\s*=.*$/, ''),
      type: (type ?? 'ANY').replace(/\\\|/g, '|'),
      ...(optional ? { default: `DefaultParameterValue{value=null, type=${(type ?? 'ANY').replace(/\\\|/g, '|')}}` } : {}),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [oldPath, currentPath, functionsPath, oldSource, currentSource, functionsSource] = process.argv.slice(2);
  if (!functionsSource) {
    console.error('usage: node build-signatures.mjs <procedures-5.26.adoc> <procedures-current.adoc> <functions.adoc> <source> <source> <source>');
    process.exit(2);
  }
  const procedures = procedureTables(parseProcedures(readFileSync(oldPath, 'utf8')), parseProcedures(readFileSync(currentPath, 'utf8')));
  const functions = parseFunctions(readFileSync(functionsPath, 'utf8'));
  const out = {
    about: 'Procedures and functions callable on every supported Neo4j (5.26 and later, Community and Enterprise); built by build-signatures.mjs.',
    sources: {
      procedures526: `${oldSource}:modules/ROOT/pages/procedures/built-in-procedures.adoc`,
      proceduresCurrent: `${currentSource}:modules/ROOT/pages/procedures/built-in-procedures.adoc`,
      functions: `${functionsSource}:modules/ROOT/pages/functions/index.adoc`,
    },
    procedures,
    functions: { 'CYPHER 5': functions, 'CYPHER 25': functions },
  };
  const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'neo4j-signatures.json');
  writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
  console.log(`${target}: ${Object.keys(procedures['CYPHER 5']).length} procedures (CYPHER 5), `
    + `${Object.keys(procedures['CYPHER 25']).length} (CYPHER 25), ${Object.keys(functions).length} functions`);
}
