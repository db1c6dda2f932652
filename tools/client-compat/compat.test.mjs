// Real GraphQL clients against a live dtgraph server, each asserting what it got back:
// graphql-js introspection (every option) rebuilt into the schema of schema.graphql,
// GraphQL Code Generator and graphql-inspector against the live URL, and a query (and a refused
// one) through Apollo Client 4 and urql. Run: npm ci && npm test (builds must exist: dotnet build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildClientSchema, buildSchema, findBreakingChanges, findDangerousChanges, getIntrospectionQuery, isInputObjectType,
  specifiedDirectives,
} from 'graphql';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createClient, fetchExchange } from '@urql/core';
import { generate } from '@graphql-codegen/cli';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaFile = path.resolve(here, '../../schema.graphql');
const run = promisify(execFile);

let server;
let endpoint;
let work;
let contract;

before(async () => {
  contract = buildSchema(await readFile(schemaFile, 'utf8'));
  server = await startServer();
  endpoint = `${server.url}/graphql`;
  work = await mkdtemp(path.join(tmpdir(), 'dtg-client-compat-'));
});

after(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const depaQuery = `{ entity(key: "agreements/depa") { key name { zh en } ... on Agreement { parties { key } } } }`;
const overLimit = `{ entities(first: 1000) { totalCount } }`;

/**
 * The contract's deprecated input fields as the changes a client sees when it does not ask for them:
 * introspection's `inputFields(includeDeprecated: false)` is the spec's default, so graphql-js without
 * `inputValueDeprecation` and graphql-inspector build a schema without them.
 */
function hiddenDeprecatedInputs() {
  const fields = Object.values(contract.getTypeMap()).filter(isInputObjectType)
    .flatMap((type) => Object.values(type.getFields()).filter((f) => f.deprecationReason != null).map((f) => [type.name, f.name]));
  return new Set(fields.flatMap(([type, field]) => [`${type}.${field} was removed.`, `An optional field ${field} on input type ${type} was added.`]));
}

/**
 * Asserts a schema a client built is the contract: no change in either direction, breaking or
 * dangerous. schema.graphql declares no directives; the built-in ones (@skip, @include, @deprecated,
 * @specifiedBy, @oneOf) are each library's own and differ between graphql-js and GraphQL.NET versions.
 * With `deprecatedInputs: false` the client did not ask for deprecated input fields: exactly those may
 * be missing, each one of them must be, and nothing else may differ.
 */
function sameSchema(served, { deprecatedInputs = true } = {}) {
  const builtIn = (change) => change.type.startsWith('DIRECTIVE_') && specifiedDirectives.some((d) => change.description.startsWith(`${d.name} `) || change.description.endsWith(` ${d.name}.`));
  const changes = [...findBreakingChanges(contract, served), ...findDangerousChanges(contract, served),
    ...findBreakingChanges(served, contract), ...findDangerousChanges(served, contract)].filter((c) => !builtIn(c));
  const hidden = deprecatedInputs ? new Set() : hiddenDeprecatedInputs();
  assert.deepEqual(changes.filter((c) => !hidden.has(c.description)), [], 'the served schema differs from schema.graphql');
  assert.deepEqual(new Set(changes.map((c) => c.description)), hidden, 'deprecated input fields shown to a client that did not ask for them');
}

test('graphql-js getIntrospectionQuery with every option rebuilds the schema of schema.graphql', async () => {
  for (const options of [{}, {
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true,
  }]) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' },
      body: JSON.stringify({ query: getIntrospectionQuery(options) }),
    });
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body.errors));
    assert.equal(body.errors, undefined);
    sameSchema(buildClientSchema(body.data), { deprecatedInputs: options.inputValueDeprecation === true });
  }
});

test('GraphQL Code Generator generates operation types from the live URL', async () => {
  const out = path.join(work, 'generated.ts');
  await generate({
    schema: endpoint,
    documents: [path.join(here, 'documents/*.graphql')],
    generates: { [out]: { plugins: ['typescript', 'typescript-operations'] } },
    silent: true,
  }, true);
  const generated = await readFile(out, 'utf8');
  assert.match(generated, /export type Agreement = /);
  assert.match(generated, /export type DepaQuery = /);
  assert.match(generated, /parties: Array</);
});

test('graphql-inspector introspects the live URL and finds no change against schema.graphql but what introspection cannot carry', async () => {
  const inspector = path.join(here, 'node_modules/.bin/graphql-inspector');
  const written = path.join(work, 'introspected.graphql');
  await run(inspector, ['introspect', endpoint, '--write', written]);
  sameSchema(buildSchema(await readFile(written, 'utf8')), { deprecatedInputs: false });

  // Its diff reads the URL by introspection too, which cannot carry @deprecated as a directive usage: the
  // only changes it may report are those usages and the deprecated input fields, none of them breaking.
  const { stdout } = await run(inspector, ['diff', endpoint, schemaFile]);
  assert.match(stdout, /No breaking changes detected/);
  const deprecatedInput = new Set([...hiddenDeprecatedInputs()].map((d) => d.match(/optional field (\w+) on input type (\w+)/)).filter(Boolean).map((m) => `${m[2]}.${m[1]}`));
  const changes = stdout.split('\n').filter((line) => line.includes('✔'));
  assert.ok(changes.length > 0, stdout);
  for (const line of changes) {
    const input = line.match(/Input field (\w+) of type .* was added to input object type (\w+)/);
    assert.ok(/Directive deprecated was added to (field|enum value|argument|input field) /.test(line)
      || (input && deprecatedInput.has(`${input[2]}.${input[1]}`)), `unexpected change: ${line}`);
  }
});

test('Apollo Client 4 runs a query and sees a refused one as GraphQL errors', async () => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: endpoint }),
    cache: new InMemoryCache({ possibleTypes: { Entity: ['Agreement', 'Economy', 'Organization'], Node: ['Agreement', 'Economy', 'Organization'] } }),
  });
  const { data } = await client.query({ query: gql(depaQuery) });
  assert.equal(data.entity.name.zh, '数字经济伙伴关系协定');
  assert.ok(data.entity.parties.some((p) => p.key === 'economies/singapore'));

  const refused = await client.query({ query: gql(overLimit), errorPolicy: 'all' }).catch((error) => ({ error }));
  assert.ok(CombinedGraphQLErrors.is(refused.error), `not GraphQL errors: ${refused.error}`);
  assert.equal(refused.error.errors[0].extensions.code, 'LIMIT_EXCEEDED');
  assert.equal(refused.error.errors[0].extensions.limit, 'page size');
});

test('urql runs a query and sees a refused one as GraphQL errors', async () => {
  const client = createClient({ url: endpoint, exchanges: [fetchExchange] });
  const ok = await client.query(depaQuery, {}).toPromise();
  assert.equal(ok.error, undefined);
  assert.equal(ok.data.entity.name.en, 'Digital Economy Partnership Agreement');

  const refused = await client.query(overLimit, {}).toPromise();
  assert.equal(refused.data, undefined);
  assert.equal(refused.error.graphQLErrors[0].extensions.code, 'LIMIT_EXCEEDED');
});
