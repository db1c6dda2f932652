// Starts `dtgraph serve` (the built host, as the README runs it) on a free loopback port, or uses
// DTGRAPH_URL when it names a running server. Returns { url, stop }.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startServer() {
  if (process.env.DTGRAPH_URL) {
    return { url: process.env.DTGRAPH_URL.replace(/\/$/, ''), stop: async () => {} };
  }

  const base = `http://127.0.0.1:${await freePort()}`;
  const child = spawn('dotnet', ['run', '--no-build', '--project', path.join(repository, 'src/DigitalTrade.Graph.Host'), '--', 'serve', '--urls', base],
    { cwd: repository, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASPNETCORE_URLS: '' } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const ready = await fetch(`${base}/readyz`);
      if (ready.ok) {
        return {
          url: base,
          stop: async () => { child.kill('SIGTERM'); await exited; },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }

  child.kill('SIGKILL');
  throw new Error(`dtgraph did not become ready at ${base}:\n${output}`);
}
