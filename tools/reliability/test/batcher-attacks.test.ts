import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiTimeoutError, AuthenticationError, type BatcherStats } from '@apiforge/client-core';
import { LucentIngestClient } from '@apiforge/lucent-client';
import { LumiqTraceIngestClient } from '@apiforge/lumiqtrace-client';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

/**
 * Attacks on the client batchers (issue "Hardening from an adversarial review", item 6) against a local
 * 127.0.0.1 server that is down, hangs, answers 413 or 401. Bounded: small deadlines, a few thousand events.
 */
type Mode = 'ok' | 'hang' | '413-once' | '401';

let server: Server;
let url: string;
let downUrl: string;
let mode: Mode = 'ok';
let requests = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      if (mode === 'hang') return;
      if (mode === '401') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid API key"}');
      if (mode === '413-once') {
        mode = 'ok';
        return void res.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"Request body too large"}');
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true,"accepted":1}');
    });
  });
  server.on('connection', (socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nobody listens on any more: connections are refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  mode = 'ok';
  requests = 0;
});

const LUCENT_KEY = 'luc_pk_attack_secret_0123456789';
const LUMIQ_KEY = 'lqt_attack_secret_0123456789';

interface Bounds {
  maxQueuedBatches?: number;
  maxQueuedBytes?: number;
  deliveryDeadlineMs?: number;
}

/** One adapter per client, so every attack runs against both batchers. */
interface Subject {
  add(i: number): boolean;
  close(): Promise<void>;
  flush(): Promise<void>;
  readonly stats: BatcherStats;
  errors: unknown[];
  drops: Array<{ reason: string; events: number }>;
}

const SUBJECTS: Record<string, (baseUrl: string, bounds: Bounds) => Subject> = {
  lucent: (baseUrl, bounds) => {
    const errors: unknown[] = [];
    const drops: Subject['drops'] = [];
    const client = new LucentIngestClient({ publicKey: LUCENT_KEY, ingestBaseUrl: baseUrl, gzip: false, retry: { initialRetryDelayMs: 1, maxBackoffMs: 2 } });
    const now = 1_771_929_000_000;
    const batcher = client.createBatcher({
      session: { id: 's_attack', windowId: 'w', startedAt: now, lastActivityAt: now, url: 'https://shop.example.com/' },
      user: { anonymousId: 'anon' },
      page: { url: 'https://shop.example.com/' },
      maxEvents: 50,
      ...bounds,
      onError: (error) => void errors.push(error),
      onDrop: (dropped) => void drops.push({ reason: dropped.reason, events: dropped.events.length }),
    });
    return {
      add: (i) => batcher.add({ timestamp: now + i, type: 3, data: { source: 2, i, pad: 'x'.repeat(200) } }),
      close: () => batcher.close(),
      flush: () => batcher.flush(),
      get stats() {
        return batcher.stats;
      },
      errors,
      drops,
    };
  },
  lumiqtrace: (baseUrl, bounds) => {
    const errors: unknown[] = [];
    const drops: Subject['drops'] = [];
    const client = new LumiqTraceIngestClient({ apiKey: LUMIQ_KEY, baseUrl, gzip: false, retry: { maxRetryDelayMs: 2 } });
    const batcher = client.createBatcher({
      maxEvents: 50,
      ...bounds,
      onError: (error) => void errors.push(error),
      onDrop: (reason, events) => void drops.push({ reason, events: events.length }),
    });
    return {
      add: (i) =>
        batcher.add({
          event_id: `evt_${i}`,
          trace_id: 'run-attack',
          span_id: `span-${i}`,
          timestamp: '2026-04-20T10:00:00.000Z',
          provider: 'anthropic',
          error_message: 'x'.repeat(200),
        }),
      close: () => batcher.close(),
      flush: () => batcher.flush(),
      get stats() {
        return batcher.stats;
      },
      errors,
      drops,
    };
  },
};

/** Every event is sent, failed, dropped or still queued: none disappears. */
function accounted(stats: BatcherStats): number {
  return stats.eventsSent + stats.eventsFailed + stats.eventsDropped + stats.eventsHandedOff + stats.eventsQueued + stats.eventsBuffered;
}

function noSecretIn(values: unknown[]): void {
  const text = values.map((value) => `${String(value)} ${JSON.stringify(value)} ${(value as Error)?.stack ?? ''}`).join('\n');
  expect(text).not.toContain(LUCENT_KEY);
  expect(text).not.toContain(LUMIQ_KEY);
}

describe.each(Object.keys(SUBJECTS))('%s batcher under attack', (name) => {
  const make = SUBJECTS[name]!;
  const EVENTS = 20_000;

  test('server down: add() of 20k events keeps memory bounded, drops are reported, every event is accounted for', async () => {
    const subject = make(downUrl, { maxQueuedBatches: 10, maxQueuedBytes: 256 * 1024 });
    let peakBytes = 0;
    let peakBatches = 0;
    for (let i = 0; i < EVENTS; i++) {
      subject.add(i);
      if (i % 500 === 0) {
        peakBytes = Math.max(peakBytes, subject.stats.bytesQueued);
        peakBatches = Math.max(peakBatches, subject.stats.batchesQueued);
      }
    }
    expect(peakBytes).toBeLessThanOrEqual(256 * 1024);
    expect(peakBatches).toBeLessThanOrEqual(10);
    expect(subject.stats.eventsDropped).toBeGreaterThan(EVENTS / 2);
    expect(subject.drops.reduce((n, d) => n + d.events, 0)).toBe(subject.stats.eventsDropped);
    await subject.close();
    expect(subject.errors.length).toBeGreaterThan(0); // connection refused, after retries
    expect(accounted(subject.stats)).toBe(EVENTS);
    expect(subject.stats).toMatchObject({ eventsQueued: 0, eventsBuffered: 0, bytesQueued: 0 });
    noSecretIn(subject.errors);
  });

  test('server hangs: each batch fails at its delivery deadline, not after hours', async () => {
    mode = 'hang';
    const subject = make(url, { maxQueuedBatches: 4, deliveryDeadlineMs: 250 });
    for (let i = 0; i < 1_000; i++) subject.add(i);
    expect(subject.stats.batchesQueued).toBeLessThanOrEqual(4);
    const started = Date.now();
    await subject.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(subject.errors.length).toBeGreaterThan(0);
    expect(subject.errors.every((error) => error instanceof ApiTimeoutError)).toBe(true);
    expect(accounted(subject.stats)).toBe(1_000);
    noSecretIn(subject.errors);
  });

  test('413: the batch is split and resent, nothing is lost', async () => {
    mode = '413-once';
    const subject = make(url, {});
    for (let i = 0; i < 40; i++) subject.add(i);
    await subject.close();
    expect(subject.errors).toEqual([]);
    expect(subject.stats).toMatchObject({ eventsSent: 40, batchesSplit: 1, eventsFailed: 0, eventsDropped: 0 });
  });

  test('401: stops sending and reports once; later add() is refused', async () => {
    mode = '401';
    const subject = make(url, {});
    for (let i = 0; i < 500; i++) subject.add(i);
    await subject.flush();
    const seen = requests;
    expect(subject.errors).toHaveLength(1);
    expect(subject.errors[0]).toBeInstanceOf(AuthenticationError);
    expect(subject.drops).toEqual([{ reason: 'unauthorized', events: expect.any(Number) }]);
    expect(subject.add(10_000)).toBe(false);
    await subject.close();
    expect(requests).toBe(seen);
    expect(seen).toBeLessThanOrEqual(4); // at most the sends already in flight
    expect(subject.errors).toHaveLength(1);
    expect(subject.drops).toHaveLength(1);
    expect(accounted(subject.stats)).toBe(501);
    noSecretIn(subject.errors);
  });
});

describe('exiting without close()', () => {
  const script = (close: boolean) => `
    import { LumiqTraceIngestClient } from '@apiforge/lumiqtrace-client';
    const batcher = new LumiqTraceIngestClient({ apiKey: '${LUMIQ_KEY}', baseUrl: 'http://127.0.0.1:9' }).createBatcher({ onError: () => {} });
    batcher.add({ event_id: 'evt_exit', trace_id: 't', span_id: 's', timestamp: '2026-04-20T10:00:00.000Z', provider: 'anthropic' });
    ${close ? 'await batcher.flush(); await batcher.close();' : ''}
  `;
  const run = (close: boolean) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', script(close)], { cwd: import.meta.dirname, encoding: 'utf8', timeout: 30_000 });

  test('warns once, naming no secret, when events are still queued', () => {
    const result = run(false);
    expect(result.status).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('undelivered'));
    expect(warnings).toEqual([expect.stringContaining('exiting with 1 undelivered event(s) in a LumiqTrace event batcher')]);
    expect(result.stderr + result.stdout).not.toContain(LUMIQ_KEY);
  });

  test('says nothing after close()', () => {
    const result = run(true);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('undelivered');
  });
});
