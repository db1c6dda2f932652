// `node lint.mjs [Dockerfile]`: lints the repository's Dockerfile; exit code 1 on any finding.
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { lintDockerfile, dockerignore } from './dockerfile-lint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.resolve(process.argv[2] ?? path.join(root, 'Dockerfile'));
const context = path.dirname(file);
const ignoreFile = path.join(context, '.dockerignore');
const ignored = dockerignore(fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : '');
const findings = lintDockerfile(fs.readFileSync(file, 'utf8'), {
  exists: p => fs.existsSync(path.join(context, p)),
  ignored,
});

for (const f of findings) {
  console.error(`${path.relative(root, file)}(${f.line}): error ${f.rule}: ${f.message}`);
}

console.log(`dockerfile-lint: ${path.relative(root, file)}: ${findings.length} findings`);
process.exit(findings.length === 0 ? 0 : 1);
