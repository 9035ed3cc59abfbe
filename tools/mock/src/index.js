// Starts Stoplight Prism (pinned in package.json) on the bundled spec of one apiforge API.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const SPEC_PACKAGE = /^@apiforge\/([a-z][a-z0-9-]*)-openapi$/;

/** APIs whose spec package this package depends on (`@apiforge/<api>-openapi`). */
export function availableApis() {
  return Object.keys(manifest.dependencies ?? {})
    .map((name) => SPEC_PACKAGE.exec(name)?.[1])
    .filter(Boolean)
    .sort();
}

/**
 * A file of an API's installed spec package, found the way Node finds it (the package's `exports`), so it
 * works the same from this repository and from a project that installed @apiforge/mock from a registry.
 */
function specFile(api, file) {
  if (!/^[a-z][a-z0-9-]*$/.test(api)) throw new Error(`Invalid API name ${JSON.stringify(api)}`);
  const known = availableApis();
  if (!known.includes(api)) throw new Error(`Unknown API "${api}". Available: ${known.join(', ')}`);
  const specifier = `@apiforge/${api}-openapi/${file}`;
  let path;
  try {
    path = require.resolve(specifier);
  } catch (error) {
    throw new Error(`Cannot find ${specifier} (${error.code ?? error.message}): install @apiforge/${api}-openapi, or in the apiforge repository run: pnpm --filter @apiforge/${api}-openapi build`);
  }
  if (!existsSync(path)) {
    throw new Error(`The ${api} spec is not built yet (${path} is missing). In the apiforge repository run: pnpm --filter @apiforge/${api}-openapi build`);
  }
  return path;
}

/** Bundled YAML spec of an API, from its installed package (`@apiforge/<api>-openapi/openapi.yaml`). */
export function specPathFor(api) {
  return specFile(api, 'openapi.yaml');
}

/** Bundled JSON spec of an API, from its installed package (`@apiforge/<api>-openapi/openapi.json`). */
export function specJsonPathFor(api) {
  return specFile(api, 'openapi.json');
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

/** Prism's own answer to a path no spec has: proves the port is our Prism, not another server. */
async function isPrism(url) {
  try {
    const response = await fetch(`${url}/__apiforge_mock_probe__`, { signal: AbortSignal.timeout(1000) });
    const text = await response.text();
    return response.status === 404 && /NO_PATH_MATCHED_ERROR/.test(text);
  } catch {
    return false;
  }
}

async function waitForPrism(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new MockStartError(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`, child.exitCode ?? 1);
    }
    if (await isPrism(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new MockStartError(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output()}`, 1);
}

/** A request to a documented operation, with a placeholder credential for each scheme it needs. */
function probeRequest(spec) {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const operation = item.get;
    if (!operation) continue;
    const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
    if (!status) continue;
    const headers = { prefer: `code=${status}` };
    const query = new URLSearchParams();
    for (const name of Object.keys((operation.security ?? spec.security ?? [])[0] ?? {})) {
      const scheme = spec.components?.securitySchemes?.[name];
      const placeholder = `${scheme?.['x-token-prefixes']?.[0] ?? ''}mock_probe`;
      if (scheme?.type === 'http') headers.authorization = `Bearer ${placeholder}`;
      else if (scheme?.in === 'header') headers[scheme.name.toLowerCase()] = placeholder;
      else if (scheme?.in === 'query') query.set(scheme.name, placeholder);
    }
    for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      const resolved = parameter.$ref ? parameter.$ref.slice(2).split('/').reduce((acc, key) => acc?.[key], spec) : parameter;
      if (resolved?.required && resolved.in === 'query') query.set(resolved.name, String(resolved.example ?? resolved.schema?.example ?? resolved.schema?.default ?? resolved.schema?.enum?.[0] ?? 'x'));
    }
    let concrete = path;
    for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      const resolved = parameter.$ref ? parameter.$ref.slice(2).split('/').reduce((acc, key) => acc?.[key], spec) : parameter;
      if (resolved?.in !== 'path') continue;
      const value = resolved.example ?? resolved.schema?.example ?? resolved.schema?.examples?.[0] ?? (resolved.schema?.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'mock-probe');
      concrete = concrete.replace(`{${resolved.name}}`, encodeURIComponent(String(value)));
    }
    if (/\{/.test(concrete)) continue;
    const qs = query.toString();
    return { path: `${concrete}${qs ? `?${qs}` : ''}`, headers, status: Number(status) };
  }
  return undefined;
}

export class MockStartError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode || 1;
  }
}

/**
 * Starts the mock: our front on host:port (bound first, so a taken port fails at once), Prism behind it
 * on a private loopback port. Resolves only once Prism answers a documented request through the front.
 * @param {import('./index.d.ts').MockOptions} options
 */
export async function startMock(options) {
  const host = options.host ?? '127.0.0.1';
  const spec = specPathFor(options.api);
  const document = JSON.parse(readFileSync(specJsonPathFor(options.api), 'utf8'));
  const { startFront } = await import('./front.js');
  let prismUrl = 'http://127.0.0.1:1';
  let running;
  try {
    running = await startFront({ spec: document, prismUrl: () => prismUrl, host, port: options.port ?? 0 });
  } catch (error) {
    const reason = error.code === 'EADDRINUSE' ? `port ${options.port} on ${host} is already in use` : error.code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine` : error.message;
    throw new MockStartError(`Cannot listen on ${host}:${options.port ?? 0}: ${reason}.`, 1);
  }
  const prismPort = await freePort('127.0.0.1');
  const args = [prismBin(), 'mock', spec, '--host', '127.0.0.1', '--port', String(prismPort)];
  if (options.dynamic) args.push('--dynamic');
  if (options.errors) args.push('--errors');
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  const child = spawn(process.execPath, args, {
    stdio: options.inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  prismUrl = `http://127.0.0.1:${prismPort}`;
  const close = async () => {
    await running?.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitForPrism(prismUrl, child, () => log, options.startTimeoutMs ?? 60_000);
    const probe = probeRequest(document);
    if (probe) {
      const response = await fetch(`${running.url}${probe.path}`, { headers: probe.headers, signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status !== probe.status) {
        throw new MockStartError(`The mock answered GET ${probe.path} with ${response.status}, not the documented ${probe.status}:\n${log}`, 1);
      }
    }
  } catch (error) {
    await close();
    throw error instanceof MockStartError ? error : new MockStartError(error.message, 1);
  }
  return { url: running.url, port: running.port, close, process: child, exited };
}
