import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  LucentClient,
  LucentIngestClient,
  NotFoundError,
  PermissionDeniedError,
  type IssueSummary,
  type RrwebEvent,
} from '../../src/index.js';

/** A Lucent to test against: the in-memory fake or the sandbox. */
export interface Target {
  /** Data and ingest on one origin. */
  url: string;
  /** Seeded counts, when known exactly. */
  counts: { signals: number; insights: number };
  /** What the server stored for a replay session. */
  session(id: string): Promise<{ batches: number; events: number; finalReceived: boolean } | undefined>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const CREDENTIALS = {
  read: 'luc_api_sandbox_read',
  write: 'luc_api_sandbox_write',
  oauth: 'luc_oat_sandbox_read',
  legacy: 'luc_mcp_sandbox_legacy',
  noScope: 'luc_api_sandbox_noscope',
  revoked: 'luc_api_sandbox_revoked',
  ingest: 'luc_pk_sandbox',
  ingestRevoked: 'luc_pk_sandbox_revoked',
} as const;

function expectNoSecret(value: unknown, secret: string): void {
  const views = [String(value), JSON.stringify(value), inspect(value, { depth: 8, showHidden: true })];
  for (const view of views) expect(view).not.toContain(secret);
}

/** A session window as the SDK describes it: every field Lucent requires. */
function session(id: string) {
  return { id, windowId: `${id}-w1`, startedAt: 1771929000000, lastActivityAt: 1771929000000, url: 'https://shop.example.com/' };
}

function isNewestFirst(a: IssueSummary, b: IssueSummary): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

export function defineClientSuite(name: string, start: () => Promise<Target>): void {
  describe(`Lucent client against ${name}`, () => {
    let target: Target;
    const data = (token: string = CREDENTIALS.write) =>
      new LucentClient({ apiKey: token, baseUrl: target.url, maxRetries: 0, timeoutMs: 10_000 });
    const ingest = (key: string = CREDENTIALS.ingest) =>
      new LucentIngestClient({ publicKey: key, ingestBaseUrl: target.url, maxRetries: 0, timeoutMs: 10_000 });

    beforeAll(async () => {
      target = await start();
    });
    afterAll(async () => {
      await target?.close();
    });
    beforeEach(async () => {
      await target.reset();
    });

    it('walks every issue across pages, newest first, without repeats', async () => {
      const client = data(CREDENTIALS.read);
      const seen: IssueSummary[] = [];
      for await (const issue of client.issues.list({ limit: 200 })) seen.push(issue);
      let pagesTotal = 0;
      let pageCount = 0;
      for await (const page of client.issues.list({ limit: 200 }).pages()) {
        pagesTotal += page.issues.length;
        pageCount++;
      }
      expect(seen.length).toBeGreaterThanOrEqual(1000);
      expect(pagesTotal).toBe(seen.length);
      expect(pageCount).toBe(Math.ceil(seen.length / 200));
      expect(new Set(seen.map((issue) => issue.id)).size).toBe(seen.length);
      for (let i = 1; i < seen.length; i++) expect(isNewestFirst(seen[i - 1]!, seen[i]!)).toBe(true);
    });

    it('awaits the first page; filters by status across pages', async () => {
      const client = data(CREDENTIALS.read);
      const first = await client.issues.list({ status: 'resolved', limit: 10 });
      expect(first.issues).toHaveLength(10);
      expect(typeof first.nextCursor).toBe('string');
      let count = 0;
      let last: string | null = 'start';
      for await (const page of client.issues.list({ status: 'resolved', limit: 50 }).pages()) {
        for (const issue of page.issues) expect(issue.status).toBe('resolved');
        count += page.issues.length;
        last = page.nextCursor;
      }
      expect(last).toBeNull();
      expect(count).toBeGreaterThan(10);
    });

    it('accepts API keys, OAuth tokens and legacy keys', async () => {
      for (const token of [CREDENTIALS.read, CREDENTIALS.oauth, CREDENTIALS.legacy]) {
        const page = await data(token).issues.list({ limit: 1 });
        expect(page.issues).toHaveLength(1);
      }
    });

    it('walks every signal and insight', async () => {
      const client = data(CREDENTIALS.read);
      let signals = 0;
      for await (const signal of client.signals.list({ limit: 50 })) {
        expect(typeof signal.matchCount).toBe('number');
        signals++;
      }
      let insights = 0;
      for await (const insight of client.insights.list({ limit: 40 })) {
        expect(typeof insight.contentPreview).toBe('string');
        expect(insight.intervalStart <= insight.intervalEnd).toBe(true);
        insights++;
      }
      expect(signals).toBe(target.counts.signals);
      expect(insights).toBe(target.counts.insights);
    });

    it('fetches an issue and updates its status idempotently', async () => {
      const client = data(CREDENTIALS.write);
      const first = await client.issues.list({ status: 'unresolved', limit: 1 });
      const id = first.issues[0]!.id;
      const { issue } = await client.issues.get(id);
      expect(issue).toMatchObject(first.issues[0]!);
      expect(typeof issue.updatedAt).toBe('string');
      expect(['low', 'medium', 'high', 'critical']).toContain(issue.priority);
      const updated = await client.issues.updateStatus(id, { status: 'resolved' });
      expect(Object.keys(updated)).toEqual(['issue']);
      expect(updated.issue.status).toBe('resolved');
      const again = await client.issues.updateStatus(id, { status: 'resolved' });
      expect(again.issue.status).toBe('resolved');
      expect((await client.issues.get(id)).issue.status).toBe('resolved');
    });

    it('maps 400, 401, 403 and 404 to typed errors carrying the API message, never the token', async () => {
      const notFound = await data(CREDENTIALS.read)
        .issues.get('00000000-0000-4000-8000-000000000000')
        .catch((error: unknown) => error);
      expect(notFound).toBeInstanceOf(NotFoundError);
      expect((notFound as NotFoundError).status).toBe(404);
      expect((notFound as NotFoundError).message).toBe('Issue not found');
      expectNoSecret(notFound, CREDENTIALS.read);

      // A malformed id is a 400 (not a 404), for GET and PATCH alike.
      for (const call of [
        () => data(CREDENTIALS.read).issues.get('not-a-uuid'),
        () => data(CREDENTIALS.write).issues.updateStatus('not-a-uuid', { status: 'resolved' }),
      ]) {
        const malformed = await call().catch((error: unknown) => error);
        expect(malformed).toBeInstanceOf(BadRequestError);
        expect((malformed as BadRequestError).status).toBe(400);
        expect((malformed as BadRequestError).message).toBe('issueId must be a UUID');
      }

      const badLimit = await data(CREDENTIALS.read)
        .issues.list({ limit: 201 })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(badLimit).toBeInstanceOf(BadRequestError);
      expect((badLimit as BadRequestError).message).toBe('limit must be an integer between 1 and 200');

      const revoked = await data(CREDENTIALS.revoked)
        .signals.list()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(revoked).toBeInstanceOf(AuthenticationError);
      expect((revoked as AuthenticationError).headers.get('www-authenticate')).toContain('read:lucent');
      expectNoSecret(revoked, CREDENTIALS.revoked);

      const readOnly = await data(CREDENTIALS.read)
        .issues.updateStatus('00000000-0000-4000-8000-000000000000', { status: 'resolved' })
        .catch((error: unknown) => error);
      expect(readOnly).toBeInstanceOf(PermissionDeniedError);
      expect((readOnly as PermissionDeniedError).message).toBe('Missing required scope: write:issues');

      const noScope = await data(CREDENTIALS.noScope)
        .insights.list()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(noScope).toBeInstanceOf(PermissionDeniedError);
    });

    it('submits a replay batch to the ingest API', async () => {
      const client = ingest();
      const result = await client.replay.submit({
        session: session('suite-submit'),
        user: { anonymousId: 'anon-1', id: null, properties: null },
        page: { url: 'https://shop.example.com/', referrer: null, viewport: null },
        replay: { events: [{ timestamp: 1771929000000.5, type: 42, data: { href: 'https://shop.example.com/' } }], sequence: 1 },
        metadata: null,
      });
      expect(result).toEqual({ ok: true });
      expect(await target.session('suite-submit')).toMatchObject({ batches: 1, events: 1 });
    });

    it('gets Zod issues in the details of a refused batch', async () => {
      const error = await ingest()
        .replay.submit({
          session: { ...session('suite-invalid'), windowId: '' },
          user: { anonymousId: 'anon-4' },
          page: { url: 'https://shop.example.com/' },
          replay: { events: [], sequence: 1 },
        })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message).toBe('Invalid replay batch');
      const details = ((error as BadRequestError).body as { details: unknown[] }).details;
      expect(details).toHaveLength(2);
      expect(details).toEqual(
        expect.arrayContaining([
          { code: 'too_small', minimum: 1, type: 'string', inclusive: true, exact: false, path: ['session', 'windowId'], message: 'String must contain at least 1 character(s)' },
          { code: 'too_small', minimum: 1, type: 'array', inclusive: true, exact: false, path: ['replay', 'events'], message: 'Array must contain at least 1 element(s)' },
        ]),
      );
      expect(await target.session('suite-invalid')).toBeUndefined();
    });

    it('batches a session and ends it with a final batch', async () => {
      const batcher = ingest().createBatcher({
        session: session('suite-batcher'),
        user: { anonymousId: 'anon-2' },
        page: { url: 'https://shop.example.com/cart' },
      });
      const events: RrwebEvent[] = Array.from({ length: 1100 }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, type: 3, data: { i } }));
      for (const event of events) batcher.add(event);
      await batcher.close();
      expect(batcher.stats.eventsSent).toBe(1100);
      expect(await target.session('suite-batcher')).toEqual({ batches: 3, events: 1100, finalReceived: true });
    });

    it('rejects a revoked ingest key with AuthenticationError and no key in the error', async () => {
      const error = await ingest(CREDENTIALS.ingestRevoked)
        .replay.submit({
          session: session('suite-revoked'),
          user: { anonymousId: 'anon-3' },
          page: { url: 'https://shop.example.com/' },
          replay: { events: [{ timestamp: 1771929000000, type: 4, data: {} }], sequence: 1 },
        })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).message).toBe('Invalid or revoked API key');
      // The ingest API sends no challenge and none of the Data API's Cache-Control.
      expect((error as AuthenticationError).headers.get('www-authenticate')).toBeNull();
      expect((error as AuthenticationError).headers.get('cache-control')).toBeNull();
      expectNoSecret(error, CREDENTIALS.ingestRevoked);
    });
  });
}
