// The lint must fail where it should: each rule on a Dockerfile that breaks it, and the real one clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintDockerfile, dockerignore } from './dockerfile-lint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const everything = { exists: () => true, ignored: () => false };
const good = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nWORKDIR /app\nCOPY app/ ./\nUSER $APP_UID\nHEALTHCHECK CMD ["true"]\nENTRYPOINT ["dotnet", "x.dll"]\n';
const rules = text => lintDockerfile(text, everything).map(f => f.rule);

test('a sound Dockerfile has no findings', () => {
  assert.deepEqual(lintDockerfile(good, everything), []);
});

test('the repository Dockerfile has no findings', () => {
  const ignored = dockerignore(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));
  const findings = lintDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), { exists: p => fs.existsSync(path.join(root, p)), ignored });
  assert.deepEqual(findings, []);
});

test('an image without a tag, or with latest', () => {
  assert.deepEqual(rules(good.replace('aspnet:10.0', 'aspnet')), ['DL3006']);
  assert.deepEqual(rules(good.replace('aspnet:10.0', 'aspnet:latest')), ['DL3007']);
});

test('running as root', () => {
  assert.deepEqual(rules(good.replace('USER $APP_UID\n', '')), ['DL3002']);
  assert.deepEqual(rules(good.replace('USER $APP_UID', 'USER root')), ['DL3002']);
});

test('no health check, ADD, a shell-form entry point', () => {
  assert.deepEqual(rules(good.replace('HEALTHCHECK CMD ["true"]\n', '')), ['healthcheck']);
  assert.deepEqual(rules(good.replace('COPY app/', 'ADD app/')), ['DL3020']);
  assert.deepEqual(rules(good.replace('["dotnet", "x.dll"]', 'dotnet x.dll')), ['DL3025']);
});

test('dockerfile-utils findings: casing, a relative WORKDIR, an unknown instruction', () => {
  assert.ok(rules(good.replace('WORKDIR /app', 'workdir /app')).some(r => r.startsWith('dockerfile-utils/')));
  assert.ok(rules(good.replace('WORKDIR /app', 'WORKDIR app')).some(r => r.startsWith('dockerfile-utils/')));
  assert.ok(rules(good + 'FROBNICATE x\n').some(r => r.startsWith('dockerfile-utils/')));
});

test('a COPY source missing from the context or left out by .dockerignore', () => {
  assert.deepEqual(lintDockerfile(good, { exists: p => p !== 'app/', ignored: () => false }).map(f => f.rule), ['copy-source']);
  const ignored = dockerignore('# comment\n**/bin/\ntests/\n*.user\n');
  assert.equal(ignored('src/x/bin/'), true);
  assert.equal(ignored('tests/a.cs'), true);
  assert.equal(ignored('src/tests.md'), false);
  assert.equal(ignored('a.user'), true);
  assert.deepEqual(lintDockerfile(good.replace('COPY app/', 'COPY tests/'), { exists: () => true, ignored }).map(f => f.rule), ['copy-source']);
});
