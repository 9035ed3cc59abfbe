import { describe, expect, it } from 'vitest';
import {
  createLumiqTraceDataClient,
  getPerformance,
  getProjectOverview,
  listEvents,
  LumiqTraceCredentialError,
  NotFoundError,
} from '../src/operation-functions.js';

/** A fetch that records each request and answers from `reply`. */
function recordingFetch(reply: (url: URL) => { status: number; body: unknown }) {
  const requests: Array<{ url: URL; authorization: string | null }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push({ url, authorization: new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).get('authorization') });
    const { status, body } = reply(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

describe('the /operations entry', () => {
  it('sends each operation with the session token, and keeps the token out of the client', async () => {
    const { fetch, requests } = recordingFetch((url) =>
      url.pathname.endsWith('/performance')
        ? { status: 200, body: { latency: { p50: 1, p90: 2, p99: 3 }, avgTtft: null, tokensPerSecond: 0, timeoutRate: 0 } }
        : { status: 200, body: { events: [], nextCursor: null, total: 0 } },
    );
    const lumiqtrace = createLumiqTraceDataClient({ sessionToken: 'session-secret', baseUrl: 'http://lumiqtrace.invalid/', fetch });
    expect(lumiqtrace.baseUrl).toBe('http://lumiqtrace.invalid');
    expect(JSON.stringify(lumiqtrace)).not.toContain('session-secret');
    expect((await getPerformance(lumiqtrace, { projectId: 'proj_acme' })).latency?.p99).toBe(3);
    const events = [];
    for await (const event of listEvents(lumiqtrace, { projectId: 'proj_acme', limit: 10 })) events.push(event);
    expect(events).toEqual([]);
    expect(requests.map((request) => request.url.searchParams.get('projectId'))).toEqual(['proj_acme', 'proj_acme']);
    expect(requests.every((request) => request.authorization === 'Bearer session-secret')).toBe(true);
  });

  it('checks the token like LumiqTraceClient and maps errors to the same classes', async () => {
    expect(() => createLumiqTraceDataClient({ sessionToken: 'lqt_project_key' })).toThrow(LumiqTraceCredentialError);
    const { fetch } = recordingFetch(() => ({ status: 404, body: { error: 'Project not found' } }));
    const lumiqtrace = createLumiqTraceDataClient({ sessionToken: 'session', baseUrl: 'http://lumiqtrace.invalid', fetch });
    await expect(getProjectOverview(lumiqtrace, 'proj_missing')).rejects.toBeInstanceOf(NotFoundError);
    expect(() => getProjectOverview({ baseUrl: 'http://lumiqtrace.invalid' }, 'proj_acme')).toThrow(/create…Client\(options\)/);
  });
});
