import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationError, LucentIngestClient, type FailedReplayBatch, type RrwebEvent } from '../src/index.js';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

const KEY = 'luc_pk_sandbox';
let fake: FakeLucent;
let sessionCounter = 0;

beforeAll(async () => {
  fake = await startFakeLucent({ issues: 1 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterEach(() => vi.useRealTimers());

function ingest(options: Partial<ConstructorParameters<typeof LucentIngestClient>[0]> = {}) {
  return new LucentIngestClient({ publicKey: KEY, ingestBaseUrl: fake.url, retry: { initialRetryDelayMs: 1 }, ...options });
}

const STARTED = 1_699_999_999_000;

function newSession() {
  const id = `session-${++sessionCounter}`;
  return {
    session: { id, windowId: `w-${sessionCounter}`, startedAt: STARTED, lastActivityAt: STARTED, url: 'https://shop.example.com/' },
    user: { anonymousId: `anon-${sessionCounter}` },
    page: { url: 'https://shop.example.com/' },
  };
}

function event(i: number, data: unknown = { i }): RrwebEvent {
  return { timestamp: 1_700_000_000_000 + i, type: 3, data };
}

/** An event whose JSON is exactly `bytes` long. */
function eventOfSize(i: number, bytes: number): RrwebEvent {
  const base = JSON.stringify(event(i, '')).length;
  const sized = event(i, 'x'.repeat(bytes - base));
  expect(JSON.stringify(sized).length).toBe(bytes);
  return sized;
}

const replayRequests = () => fake.requests.filter((request) => request.url.startsWith('/api/sdk/replay'));
const bodies = () => replayRequests().map((request) => JSON.parse(request.decodedBody.toString('utf8')));

describe('replay.submit', () => {
  it('gzips the body, and it decompresses to the same JSON', async () => {
    const batch = { ...newSession(), replay: { events: [event(1), event(2, { nested: ['ü', '✓', '𝄞'] })], sequence: 1 } };
    await ingest().replay.submit(batch);
    const [request] = replayRequests();
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(JSON.parse(gunzipSync(request!.body).toString('utf8'))).toEqual(batch);
  });

  it('sends plain JSON when gzip is off', async () => {
    const batch = { ...newSession(), replay: { events: [event(1)], sequence: 1 } };
    await ingest({ gzip: false }).replay.submit(batch);
    const [request] = replayRequests();
    expect(request!.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual(batch);
  });
});

describe('replay batcher', () => {
  it('cuts batches at exactly 500 events and numbers them 1, 2, 3 with the final batch last', async () => {
    const options = newSession();
    const batcher = ingest().createBatcher(options);
    for (let i = 0; i < 1001; i++) batcher.add(event(i));
    await batcher.close();
    const all = bodies();
    expect(all.map((body) => body.replay.events.length)).toEqual([500, 500, 1]);
    expect(all.map((body) => body.replay.sequence)).toEqual([1, 2, 3]);
    expect(all.map((body) => body.flush)).toEqual(['normal', 'normal', 'final']);
    expect(all.flatMap((body) => body.replay.events)).toEqual(Array.from({ length: 1001 }, (_, i) => event(i)));
    // session.lastActivityAt follows the latest event sent so far; the rest of the envelope is as given.
    expect(all.map((body) => body.session.lastActivityAt)).toEqual([event(499).timestamp, event(999).timestamp, event(1000).timestamp]);
    for (const body of all) {
      expect(body.session).toEqual({ ...options.session, lastActivityAt: body.session.lastActivityAt });
      expect(body.user).toEqual(options.user);
      expect(body.page).toEqual(options.page);
    }
  });

  it('never sends a batch without events: with everything sent, close() sends no final batch', async () => {
    const batcher = ingest().createBatcher(newSession());
    for (let i = 0; i < 3; i++) batcher.add(event(i));
    await batcher.flush();
    await batcher.close();
    await batcher.close();
    expect(bodies().map((body) => [body.replay.sequence, body.flush, body.replay.events.length])).toEqual([[1, 'normal', 3]]);
    expect(() => batcher.add(event(4))).toThrow();
  });

  it('keeps lastActivityAt when the events are older, and forwards a null metadata as documented', async () => {
    const options = newSession();
    const session = { ...options.session, lastActivityAt: event(1_000_000).timestamp };
    const batcher = ingest().createBatcher({ ...options, session, metadata: null });
    batcher.add(event(1));
    await batcher.close();
    expect(bodies()[0]).toMatchObject({ session, metadata: null });
  });

  it('sends the remaining events as the final batch on close', async () => {
    const batcher = ingest().createBatcher(newSession());
    for (let i = 0; i < 42; i++) batcher.add(event(i));
    await batcher.close();
    expect(bodies().map((body) => [body.replay.sequence, body.flush, body.replay.events.length])).toEqual([[1, 'final', 42]]);
    expect(() => batcher.add(event(43))).toThrow();
  });

  it('cuts a batch when the events JSON reaches exactly 1 MiB, and not one byte earlier', async () => {
    const batcher = ingest().createBatcher({ ...newSession(), maxEvents: 10_000 });
    // The events array is "[" + events joined by "," + "]": 5 bytes of punctuation for 4 events.
    const size = 262_143;
    for (let i = 0; i < 3; i++) batcher.add(eventOfSize(i, size));
    batcher.add(eventOfSize(3, 1_048_576 - 5 - 3 * size));
    // Exactly 1 MiB: sent at once, without waiting for flush() or the interval.
    await vi.waitUntil(() => replayRequests().length === 1, { timeout: 5000, interval: 5 });
    expect(JSON.stringify(bodies()[0].replay.events).length).toBe(1_048_576);
    expect(bodies()[0].replay.events).toHaveLength(4);
    fake.requests.length = 0;

    // One byte more would be 1,048,577: the 4th event starts the next batch instead.
    for (let i = 10; i < 14; i++) batcher.add(eventOfSize(i, size));
    await vi.waitUntil(() => replayRequests().length === 1, { timeout: 5000, interval: 5 });
    expect(bodies()[0].replay.events).toHaveLength(3);
    await batcher.close();
    expect(bodies().map((body) => body.replay.events.length)).toEqual([3, 1]);
    expect(bodies().map((body) => [body.replay.sequence, body.flush])).toEqual([
      [2, 'normal'],
      [3, 'final'],
    ]);
  });

  it('flushes a quiet session after flushIntervalMs (default 10 s)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const batcher = ingest().createBatcher(newSession());
    batcher.add(event(1));
    batcher.add(event(2));
    await vi.advanceTimersByTimeAsync(9_990);
    expect(replayRequests()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(20);
    vi.useRealTimers();
    await vi.waitUntil(() => replayRequests().length === 1, { timeout: 5000, interval: 5 });
    expect(bodies()[0].replay.events).toHaveLength(2);
    await batcher.close();
  });

  it('loses nothing when the server fails twice, then succeeds: same batch, same sequence', async () => {
    fake.inject('/api/sdk/replay', { status: 503 }, { reset: true });
    const options = newSession();
    const onError = vi.fn();
    const batcher = ingest().createBatcher({ ...options, onError });
    for (let i = 0; i < 10; i++) batcher.add(event(i));
    await batcher.close();
    const all = bodies();
    expect(all).toHaveLength(3);
    expect(all.map((body) => body.replay.sequence)).toEqual([1, 1, 1]);
    expect(all[0]).toEqual(all[2]);
    expect(onError).not.toHaveBeenCalled();
    expect(fake.sessions.get(options.session.id)!.flatMap((batch) => batch.events)).toHaveLength(10);
    expect(batcher.stats.retries).toBe(2);
  });

  it('retries a 429 after Retry-After with the same sequence', async () => {
    fake.inject('/api/sdk/replay', { status: 429, headers: { 'retry-after': '0' }, body: { error: 'Rate limit exceeded' } });
    const options = newSession();
    const batcher = ingest().createBatcher(options);
    batcher.add(event(1));
    await batcher.close();
    expect(bodies().map((body) => body.replay.sequence)).toEqual([1, 1]);
    expect(fake.sessions.get(options.session.id)).toHaveLength(1);
  });

  it('hands a batch that finally fails to onError with its events, and carries on', async () => {
    fake.inject('/api/sdk/replay', { status: 500 }, { status: 500 }, { status: 500 });
    const failures: Array<{ error: unknown; batch: FailedReplayBatch }> = [];
    const options = newSession();
    const batcher = ingest().createBatcher({ ...options, maxEvents: 3, onError: (error, batch) => void failures.push({ error, batch }) });
    for (let i = 0; i < 5; i++) batcher.add(event(i));
    await batcher.close();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.batch).toMatchObject({ sessionId: options.session.id, sequence: 1, final: false });
    expect(failures[0]!.batch.events).toEqual([event(0), event(1), event(2)]);
    const stored = fake.sessions.get(options.session.id)!;
    expect(stored.map((batch) => [batch.sequence, batch.flush])).toEqual([[2, 'final']]);
    expect(stored[0]!.events).toEqual([event(3), event(4)]);
  });

  it('does not retry a 401 and reports it', async () => {
    const failures: unknown[] = [];
    const batcher = ingest({ publicKey: 'luc_pk_sandbox_revoked' }).createBatcher({
      ...newSession(),
      onError: (error) => void failures.push(error),
    });
    batcher.add(event(1));
    await batcher.close();
    expect(replayRequests()).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(AuthenticationError);
  });

  it('keeps sessions apart: each batcher numbers its own batches', async () => {
    const client = ingest();
    const a = client.createBatcher(newSession());
    const b = client.createBatcher(newSession());
    for (let i = 0; i < 3; i++) {
      a.add(event(i));
      b.add(event(i));
      await Promise.all([a.flush(), b.flush()]);
    }
    await Promise.all([a.close(), b.close()]);
    const bySession = new Map<string, number[]>();
    for (const body of bodies()) bySession.set(body.session.id, [...(bySession.get(body.session.id) ?? []), body.replay.sequence]);
    expect([...bySession.values()]).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });
});
