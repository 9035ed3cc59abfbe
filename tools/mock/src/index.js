// Starts Stoplight Prism (pinned in package.json) on the bundled spec of one apiforge API.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Bundled spec of an API: packages/<api>-openapi/dist/openapi.yaml. */
export function specPathFor(api) {
  if (!/^[a-z][a-z0-9-]*$/.test(api)) throw new Error(`Invalid API name ${JSON.stringify(api)}`);
  const path = join(repoRoot, 'packages', `${api}-openapi`, 'dist', 'openapi.yaml');
  if (!existsSync(path)) {
    const known = availableApis();
    if (!known.includes(api)) {
      throw new Error(`Unknown API "${api}". Available: ${known.join(', ') || '(none built)'}`);
    }
    throw new Error(`The ${api} spec is not built yet. Run: pnpm --filter @apiforge/${api}-openapi build`);
  }
  return path;
}

/** APIs with a spec package in this repository (packages/<api>-openapi). */
export function availableApis() {
  const packages = join(repoRoot, 'packages');
  if (!existsSync(packages)) return [];
  return readdirSync(packages)
    .filter((name) => name.endsWith('-openapi'))
    .map((name) => name.slice(0, -'-openapi'.length));
}

function prismBin() {
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.prism;
  return join(dirname(manifestPath), bin);
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts Prism's mock server on 127.0.0.1 and resolves once it answers HTTP.
 * @param {{ api: string, port?: number, host?: string, inheritOutput?: boolean, startTimeoutMs?: number, dynamic?: boolean }} options
 */
export async function startMock(options) {
  const host = options.host ?? '127.0.0.1';
  const spec = specPathFor(options.api);
  const port = options.port ? options.port : await freePort(host);
  const args = [prismBin(), 'mock', spec, '--host', host, '--port', String(port)];
  if (options.dynamic) args.push('--dynamic');
  const child = spawn(process.execPath, args, {
    stdio: options.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://${host}:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitUntilAnswering(url, child, () => log, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port, close, process: child };
}
