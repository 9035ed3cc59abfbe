// Samples for the local sandbox: its URL as the sandbox CLI prints it, the fixture credential each
// operation's security requirement needs, no foreign cursor; and the page carries both sample sets.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PAGES_LABEL, CURL_LABEL, TYPESCRIPT_LABEL, operationKey, withCodeSamples } from '../src/code-samples.mjs';
import { loadOperationSamples } from '../src/client-samples.mjs';
import { baseUrlOption, constructorOptionNames, loadSandboxTarget, sandboxCredential, sandboxSetup } from '../src/sandbox-target.mjs';
import { operations, parametersOf } from '../src/spec-walk.mjs';
import { apiNames, findWorkspacePackage, readBundledSpec } from '../src/workspace.mjs';

const unquote = (text) => text.replace(/^'|'$/g, '').replaceAll("'\\''", "'");

/** The request a curl sample of ours makes (our own, fixed layout: one option per line). */
function parseCurl(sample) {
  const [first, ...rest] = sample.split(' \\\n  ');
  const head = /^curl (?:-X (\w+) )?('(?:[^']|'\\'')*')$/.exec(first);
  if (!head) throw new Error(`not a curl sample of ours: ${first}`);
  const request = { method: head[1] ?? 'GET', url: unquote(head[2]), headers: {}, body: undefined };
  for (const line of rest) {
    const option = /^(-H|--data|--data-binary|--user) ('(?:[^']|'\\'')*')$/.exec(line);
    if (!option) throw new Error(`unexpected curl option: ${line}`);
    const value = unquote(option[2]);
    if (option[1] === '-H') request.headers[value.slice(0, value.indexOf(':'))] = value.slice(value.indexOf(':') + 1).trim();
    else if (option[1].startsWith('--data')) request.body = value;
    else request.headers.Authorization = `Basic ${Buffer.from(value).toString('base64')}`;
  }
  return request;
}

describe.each(await apiNames())('%s samples against the sandbox', (api) => {
  it('use the sandbox URL and an accepted fixture credential, in curl and TypeScript', async () => {
    const sandbox = await loadSandboxTarget(api);
    expect(sandbox.url).toBe('http://127.0.0.1:4020');
    const spec = readBundledSpec(api);
    const { spec: production, sandboxSamples } = withCodeSamples(spec, await loadOperationSamples(api), sandbox);
    for (const entry of operations(production)) {
      const samples = sandboxSamples[operationKey(entry)];
      const productionLabels = entry.operation['x-codeSamples'].map((sample) => sample.label);
      expect(samples.map((sample) => sample.label)).toEqual(productionLabels);
      expect(productionLabels).toEqual(entry.operation['x-pagination'] ? [CURL_LABEL, TYPESCRIPT_LABEL, ALL_PAGES_LABEL] : [CURL_LABEL, TYPESCRIPT_LABEL]);
      const [requirement] = entry.operation.security ?? spec.security;
      const [schemeName, scopes] = Object.entries(requirement)[0];
      const credential = sandbox.credentials.get(sandboxCredential(sandbox, schemeName, spec.components.securitySchemes[schemeName], scopes).value);
      expect(credential.revoked).toBeFalsy();
      for (const scope of scopes) expect(credential.scopes).toContain(scope);
      const [curl, ...typescript] = samples;
      expect(curl.source).toMatch(/^curl (-X \w+ )?'http:\/\/127\.0\.0\.1:4020\//);
      expect(curl.source).not.toMatch(/YOUR_KEY|YOUR_TOKEN/);
      const cursor = entry.operation['x-pagination']?.cursorParam;
      if (cursor) expect(curl.source).not.toMatch(new RegExp(`[?&]${cursor}=`));
      for (const sample of typescript) {
        expect(sample.source).toContain("'http://127.0.0.1:4020'");
        expect(sample.source).not.toContain('process.env');
      }
      // Path and query parameters the sandbox seeds for the credential's tenant name its records, not the reference's examples.
      const seeded = sandbox.sampleValues.get(credential.org);
      for (const parameter of parametersOf(production, entry.pathItem, entry.operation)) {
        if (!['path', 'query'].includes(parameter.in) || seeded[parameter.name] === undefined) continue;
        expect(curl.source, `${operationKey(entry)} ${parameter.name}`).toContain(encodeURIComponent(seeded[parameter.name]));
      }
      // Production keeps its own server and placeholders.
      expect(entry.operation['x-codeSamples'][0].source).not.toContain('127.0.0.1');
    }
  });
});

describe.each(await apiNames())('%s sandbox curl samples, run against a real sandbox', (api) => {
  it('succeed: every one answers 2xx (URL, credential, request shape and the seeded ids it names)', async () => {
    const sandboxPackage = findWorkspacePackage('@apiforge/sandbox');
    const { startSandbox } = await import(pathToFileURL(join(sandboxPackage.dir, 'dist', 'index.js')).href);
    const target = await loadSandboxTarget(api);
    const { sandboxSamples } = withCodeSamples(readBundledSpec(api), undefined, target);
    const sandbox = await startSandbox({ api, port: 0 });
    const statuses = {};
    try {
      for (const [key, [curl]] of Object.entries(sandboxSamples)) {
        const request = parseCurl(curl.source);
        expect(request.url.startsWith(target.url)).toBe(true);
        const response = await fetch(sandbox.url + request.url.slice(target.url.length), {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        statuses[key] = response.status;
      }
    } finally {
      await sandbox.close();
    }
    // The sandbox samples name records of the credential's tenant from the sandbox's seed (sampleValues),
    // not the reference's example ids: each one answers 2xx on a freshly started sandbox.
    expect(Object.keys(statuses).length).toBeGreaterThan(0);
    const failed = Object.entries(statuses).filter(([, status]) => status < 200 || status >= 300);
    expect(failed, JSON.stringify(statuses)).toEqual([]);
  });
});

describe('pointing a client construction at the sandbox', () => {
  const dts = `export interface Shared { maxRetries?: number; }
export interface IngestOptions extends Shared {
    /** Key. Default: none */
    publicKey: string;
    ingestBaseUrl?: string | undefined;
}
export declare class Ingest {
    constructor(options?: IngestOptions);
}
export interface DataOptions extends Shared, Other<string> { apiKey: string; baseUrl?: string; }`;

  it('finds the base URL option from the declarations', () => {
    expect([...constructorOptionNames(dts, 'Ingest')].sort()).toEqual(['ingestBaseUrl', 'maxRetries', 'publicKey']);
    expect(baseUrlOption(constructorOptionNames(dts, 'Ingest'))).toBe('ingestBaseUrl');
    expect(baseUrlOption(new Set(['apiKey', 'baseUrl', 'ingestBaseUrl']))).toBe('baseUrl');
    expect(baseUrlOption(new Set())).toBe('baseUrl');
  });

  it('fills credential and tenant options, keeps literals, and refuses an environment value it cannot know', () => {
    const credential = { value: 'tok_sandbox', org: 'ws-1', kind: 'API key' };
    const setup = "import { C } from 'c';\n\nconst c = new C({\n  apiKey: process.env.C_KEY!,\n  workspaceId: process.env.C_WORKSPACE!,\n  gzip: false,\n});";
    expect(sandboxSetup(setup, { url: 'http://127.0.0.1:4020', credential, command: 'pnpm sandbox c' })).toBe(
      "import { C } from 'c';\n\n// The local sandbox (pnpm sandbox c) with one of its fixture credentials (API key).\nconst c = new C({\n  apiKey: 'tok_sandbox',\n  workspaceId: 'ws-1',\n  gzip: false,\n  baseUrl: 'http://127.0.0.1:4020',\n});",
    );
    expect(() => sandboxSetup("const c = new C({ region: process.env.REGION! });", { url: 'u', credential, command: 'x' })).toThrow(
      'C option region comes from process.env.REGION!: no sandbox value is known for it',
    );
  });

  it('refuses an operation the sandbox has no credential for', () => {
    const target = { api: 'x', credentials: new Map([['tok_a', { org: 'o', scopes: ['read'] }], ['tok_b', { org: 'o', scopes: ['read', 'write'], revoked: true }]]) };
    const scheme = { type: 'http', scheme: 'bearer', 'x-token-prefixes': ['tok_'] };
    expect(sandboxCredential(target, 'bearer', scheme, ['read']).value).toBe('tok_a');
    expect(() => sandboxCredential(target, 'bearer', scheme, ['write'])).toThrow('the x sandbox has no fixture credential for bearer with write');
  });
});
