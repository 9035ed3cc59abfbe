// A real npm registry for the release check: Verdaccio 5.33.0 (the 5.x line runs on Node 20; 6.x needs
// Node 22) on 127.0.0.1, with its storage, config and user in a temporary folder. It serves only the
// @apiforge scope and has no uplink: consumers map `@apiforge:registry` to it in their .npmrc and take
// every other package from their default registry.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { stopperFor } from './process.mjs';

const require = createRequire(import.meta.url);
const verdaccioBin = join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function config(dir) {
  return `# Written by tools/release-check (src/registry.mjs); deleted with its folder.
storage: ${JSON.stringify(join(dir, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, 'htpasswd'))}
    max_users: 10
uplinks: {}
packages:
  '@apiforge/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $authenticated
web:
  enable: false
security:
  api:
    legacy: true
max_body_size: 50mb
log: { type: stdout, format: pretty, level: warn }
`;
}

/**
 * Starts Verdaccio as a child process (stopped by its PID in `close()`), waits until it answers
 * (`timeoutMs`), creates a throwaway user and returns its token.
 * @returns {Promise<{ url: string, token: string, pid: number, close(): Promise<void>, log(): string }>}
 */
export async function startRegistry(dir, { timeoutMs = 30_000 } = {}) {
  await mkdir(join(dir, 'storage'), { recursive: true });
  const configPath = join(dir, 'config.yaml');
  await writeFile(configPath, config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, [verdaccioBin, '--config', configPath, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VERDACCIO_HANDLE_KILL_SIGNALS: 'true' },
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

  const close = stopperFor(child, exited);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode}) before answering:\n${output}`);
    try {
      const response = await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`Verdaccio did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  try {
    const response = await fetch(new URL('-/user/org.couchdb.user:release-check', url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'release-check', password: `pw-${Math.random().toString(36).slice(2)}`, type: 'user', roles: [] }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.json();
    if (!response.ok || !body.token) throw new Error(`creating the throwaway user: ${response.status} ${JSON.stringify(body)}`);
    return { url, token: body.token, pid: child.pid, close, log: () => output };
  } catch (error) {
    await close();
    throw error;
  }
}

/** .npmrc lines that take the @apiforge scope from the registry (and, with a token, may publish to it). */
export function scopeNpmrc(registry, token) {
  const host = registry.replace(/^https?:/, '');
  return [`@apiforge:registry=${registry}`, ...(token ? [`${host}:_authToken=${token}`] : [])].join('\n') + '\n';
}
