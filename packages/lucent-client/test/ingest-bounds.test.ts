import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiTimeoutError,
  AuthenticationError,
  LucentIngestClient,
  type DroppedReplayEvents,
  type FailedReplayBatch,
  type RrwebEvent,
} from '../src/index.js';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

// The replay batcher's bounds (client-core Batcher): queue limits, deadline, 413 split, stop on 401.
const KEY = 'luc_pk_sandbox';
let fake: FakeLucent;
let counter = 0;

beforeAll(async () => {
  fake = await startFakeLucent({ issues: 1 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

const client = (publicKey = KEY) => new LucentIngestClient({ publicKey, ingestBaseUrl: fake.url, retry: { initialRetryDelayMs: 1 } });

function session() {
  const id = `bounds-${++counter}`;
  return {
    session: { id, windowId: `w-${counter}`, startedAt: 1_700_000_000_000, lastActivityAt: 1_700_000_000_000, url: 'https://shop.example.com/' },
    user: { anonymousId: `anon-${counter}` },
    page: { url: 'https://shop.example.com/' },
  };
}

const event = (i: number): RrwebEvent => ({ timestamp: 1_700_000_000_000 + i, type: 3, data: { i } });
const replayRequests = () => fake.requests.filter((request) => request.url.startsWith('/api/sdk/replay'));

function recorder() {
  const failures: Array<{ error: unknown; batch: FailedReplayBatch }> = [];
  const drops: DroppedReplayEvents[] = [];
  return {
    failures,
    drops,
    onError: (error: unknown, batch: FailedReplayBatch) => void failures.push({ error, batch }),
    onDrop: (dropped: DroppedReplayEvents) => void drops.push(dropped),
  };
}

describe('replay batcher bounds', () => {
  it('a 413 is split in halves and resent, not dropped: every event is stored once, sequences increase', async () => {
    fake.inject('/api/sdk/replay', { status: 413, body: { error: 'Request body too large' } });
    const options = session();
    const { failures, onError } = recorder();
    const batcher = client().createBatcher({ ...options, onError });
    for (let i = 0; i < 6; i++) batcher.add(event(i));
    await batcher.close();
    expect(failures).toEqual([]);
    const stored = fake.sessions.get(options.session.id)!;
    expect(stored.flatMap((batch) => batch.events)).toEqual(Array.from({ length: 6 }, (_, i) => event(i)));
    expect(stored.map((batch) => [batch.sequence, batch.events.length, batch.flush])).toEqual([
      [2, 3, 'normal'],
      [3, 3, 'final'],
    ]);
    expect(batcher.stats.batchesSplit).toBe(1);
  });

  it('after a 401 nothing more is sent: one onError, one onDrop, add() refused', async () => {
    const options = session();
    const { failures, drops, onError, onDrop } = recorder();
    const batcher = client('luc_pk_sandbox_revoked').createBatcher({ ...options, maxEvents: 2, onError, onDrop });
    for (let i = 0; i < 6; i++) batcher.add(event(i)); // batch 1 in flight, two more queued
    await batcher.flush();
    expect(replayRequests()).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toBeInstanceOf(AuthenticationError);
    expect(drops).toEqual([expect.objectContaining({ reason: 'unauthorized', sessionId: options.session.id })]);
    expect(drops[0]!.events).toHaveLength(4);
    expect(batcher.add(event(7))).toBe(false);
    await batcher.close();
    expect(replayRequests()).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(drops).toHaveLength(1);
    expect(batcher.stats).toMatchObject({ stopped: true, eventsDropped: 5 });
  });

  it('a hanging server: the batch fails at its delivery deadline and the queue stays bounded', async () => {
    fake.inject('/api/sdk/replay', { hang: true });
    const { failures, drops, onError, onDrop } = recorder();
    const batcher = client().createBatcher({ ...session(), maxEvents: 10, maxQueuedBatches: 5, deliveryDeadlineMs: 300, onError, onDrop });
    for (let i = 0; i < 10_000; i++) batcher.add(event(i));
    expect(batcher.stats.batchesQueued).toBeLessThanOrEqual(5);
    expect(batcher.stats.eventsQueued).toBeLessThanOrEqual(50);
    expect(batcher.stats.eventsDropped).toBeGreaterThan(9_000);
    expect(drops.every((d) => d.reason === 'queueFull')).toBe(true);
    await batcher.close();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toBeInstanceOf(ApiTimeoutError);
    expect(batcher.stats).toMatchObject({ batchesTimedOut: 1, eventsQueued: 0, bytesQueued: 0 });
  });

  it('the default drop report warns once per reason, without the public key', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const batcher = client('luc_pk_sandbox_revoked').createBatcher({ ...session(), maxEvents: 1, overflow: 'refuse-new', maxQueuedBatches: 2 });
      for (let i = 0; i < 5; i++) batcher.add(event(i));
      await batcher.flush();
      for (let i = 0; i < 5; i++) batcher.add(event(i));
      await batcher.close();
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/events dropped: the queue is full/),
        expect.stringMatching(/events dropped: the public key was refused \(401\/403\)/),
      ]);
      expect(error).toHaveBeenCalledTimes(1);
      const printed = [...warn.mock.calls, ...error.mock.calls].map((call) => call.map(String).join(' ')).join('\n');
      expect(printed).not.toContain('luc_pk_sandbox_revoked');
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
