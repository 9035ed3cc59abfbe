import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  LucentClient,
  LucentCredentialError,
  LucentIngestClient,
  OPERATIONS,
  OPERATION_META,
  defaultBaseUrlFor,
  tokenPrefixesFor,
  type OperationId,
} from '../src/index.js';

const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@apiforge/lucent-openapi/openapi.json'), 'utf8')) as {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { operationId?: string; servers?: Array<{ url: string }> } & object> & { servers?: Array<{ url: string }> }>;
  components: { securitySchemes: Record<string, { 'x-token-prefixes'?: string[] }> };
};
const schemes = spec.components.securitySchemes;
const replayPath = spec.paths['/api/sdk/replay']!;

/** A fetch that records where requests go and answers 200 with an empty list/ok body. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const body = request.url.includes('/api/sdk/') ? { ok: true } : { issues: [], nextCursor: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetch };
}

const batch = {
  session: { id: 's1', windowId: 'w1', startedAt: 1771929000000, lastActivityAt: 1771929000000, url: 'https://example.com/' },
  user: { anonymousId: 'a1' },
  page: { url: 'https://example.com/' },
  replay: { events: [{ timestamp: 1771929000000, type: 4, data: {} }], sequence: 1 },
};

describe('credentials', () => {
  it('reads the accepted prefixes from the spec', () => {
    expect(tokenPrefixesFor('data')).toEqual(schemes.bearerAuth!['x-token-prefixes']);
    expect(tokenPrefixesFor('ingest')).toEqual(schemes.ingestKeyHeader!['x-token-prefixes']);
  });

  it.each(['luc_api_x1', 'luc_oat_x1', 'luc_mcp_x1'])('the data client takes %s', (apiKey) => {
    expect(() => new LucentClient({ apiKey })).not.toThrow();
  });

  it('the data client refuses an ingest key, naming the kind it needs, without echoing the key', () => {
    const key = 'luc_pk_supersecretvalue';
    const error = captureError(() => new LucentClient({ apiKey: key }));
    expect(error).toBeInstanceOf(LucentCredentialError);
    expect(error.message).toContain('Data API token');
    expect(error.message).toContain('luc_api_, luc_oat_ or luc_mcp_');
    expect(error.message).toContain('LucentIngestClient');
    expectNoSecret(error, key);
  });

  it('the ingest client refuses a data token, naming the kind it needs', () => {
    const key = 'luc_api_supersecretvalue';
    const error = captureError(() => new LucentIngestClient({ publicKey: key }));
    expect(error).toBeInstanceOf(LucentCredentialError);
    expect(error.message).toContain('ingest public key starting with luc_pk_');
    expectNoSecret(error, key);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['unknown prefix', 'sk_live_supersecretvalue'],
    ['bare prefix', 'luc_api_'],
  ])('fails fast on a %s credential', (_label, apiKey) => {
    const error = captureError(() => new LucentClient({ apiKey: apiKey as string }));
    expect(error).toBeInstanceOf(LucentCredentialError);
    expect(error.message).toMatch(/needs a Data API token starting with/);
    if (apiKey && apiKey !== 'luc_api_') expectNoSecret(error, apiKey);
  });

  it('keeps the credential out of the client object', () => {
    const apiKey = 'luc_api_supersecretvalue';
    const client = new LucentClient({ apiKey });
    expectNoSecret(client, apiKey);
    const ingest = new LucentIngestClient({ publicKey: 'luc_pk_supersecretvalue' });
    expectNoSecret(ingest, 'luc_pk_supersecretvalue');
    expectNoSecret(ingest.createBatcher({ session: batch.session, user: { anonymousId: 'a' }, page: { url: 'u' } }), 'luc_pk_supersecretvalue');
  });
});

describe('servers', () => {
  it('defaults each client to the server the spec gives its operations', () => {
    expect(defaultBaseUrlFor('data')).toBe(spec.servers[0]!.url);
    expect(defaultBaseUrlFor('ingest')).toBe(replayPath.servers![0]!.url);
    expect(new LucentClient({ apiKey: 'luc_api_x1' }).baseUrl).toBe(spec.servers[0]!.url);
    expect(new LucentIngestClient({ publicKey: 'luc_pk_x1' }).ingestBaseUrl).toBe(replayPath.servers![0]!.url);
  });

  it('every operation is on the server of the client that exposes it', () => {
    for (const [id, binding] of Object.entries(OPERATIONS)) {
      expect(OPERATION_META[id as keyof typeof OPERATION_META].serverUrl, id).toBe(defaultBaseUrlFor(binding.client));
    }
  });

  it('sends data calls to the data host and ingest calls to the ingest host', async () => {
    const { requests, fetch } = recordingFetch();
    await new LucentClient({ apiKey: 'luc_api_x1', fetch }).issues.list();
    await new LucentIngestClient({ publicKey: 'luc_pk_x1', fetch }).replay.submit(batch);
    expect(requests.map((request) => request.url)).toEqual([
      `${spec.servers[0]!.url}/api/v1/issues`,
      `${replayPath.servers![0]!.url}/api/sdk/replay`,
    ]);
  });

  it('honours baseUrl and ingestBaseUrl overrides, with or without a trailing slash', async () => {
    const { requests, fetch } = recordingFetch();
    await new LucentClient({ apiKey: 'luc_api_x1', baseUrl: 'http://127.0.0.1:4020/', fetch }).issues.list({ status: 'resolved' });
    await new LucentIngestClient({ publicKey: 'luc_pk_x1', ingestBaseUrl: 'http://127.0.0.1:4021', fetch }).replay.submit(batch);
    expect(requests.map((request) => request.url)).toEqual([
      'http://127.0.0.1:4020/api/v1/issues?status=resolved',
      'http://127.0.0.1:4021/api/sdk/replay',
    ]);
  });

  it('authenticates ingest with the header only, never the api_key query parameter', async () => {
    const { requests, fetch } = recordingFetch();
    await new LucentIngestClient({ publicKey: 'luc_pk_x1', fetch }).replay.submit(batch);
    expect(requests[0]!.headers.get('x-lucent-api-key')).toBe('luc_pk_x1');
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(new URL(requests[0]!.url).search).toBe('');
  });

  it('sends the data token as a bearer token', async () => {
    const { requests, fetch } = recordingFetch();
    await new LucentClient({ apiKey: 'luc_oat_x1', fetch }).issues.list();
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer luc_oat_x1');
  });

  it('maps every spec operation to exactly one client method', () => {
    const specOperationIds = Object.values(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) =>
        typeof operation === 'object' && operation && 'operationId' in operation ? [operation.operationId as string] : [],
      ),
    );
    expect(Object.keys(OPERATIONS).sort()).toEqual(specOperationIds.sort());
    const data = new LucentClient({ apiKey: 'luc_api_x1' });
    const ingest = new LucentIngestClient({ publicKey: 'luc_pk_x1' });
    for (const id of Object.keys(OPERATIONS) as OperationId[]) {
      const binding = OPERATIONS[id];
      const owner = (binding.client === 'data' ? data : ingest) as unknown as Record<string, Record<string, unknown>>;
      expect(typeof owner[binding.resource]?.[binding.method], id).toBe('function');
    }
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function expectNoSecret(value: unknown, secret: string): void {
  for (const view of [String(value), safeJson(value), inspect(value, { depth: 8, showHidden: true })]) {
    expect(view).not.toContain(secret);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
