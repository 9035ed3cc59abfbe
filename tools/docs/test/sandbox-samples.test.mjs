// Samples for the local sandbox: its URL as the sandbox CLI prints it, the fixture credential each
// operation's security requirement needs, no foreign cursor; and the page carries both sample sets.
import { describe, expect, it } from 'vitest';
import { ALL_PAGES_LABEL, CURL_LABEL, TYPESCRIPT_LABEL, operationKey, withCodeSamples } from '../src/code-samples.mjs';
import { loadOperationSamples } from '../src/client-samples.mjs';
import { baseUrlOption, constructorOptionNames, loadSandboxTarget, sandboxCredential, sandboxSetup } from '../src/sandbox-target.mjs';
import { operations } from '../src/spec-walk.mjs';
import { apiNames, readBundledSpec } from '../src/workspace.mjs';

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
      // Production keeps its own server and placeholders.
      expect(entry.operation['x-codeSamples'][0].source).not.toContain('127.0.0.1');
    }
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
