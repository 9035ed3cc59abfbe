import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LucentIngestClient, type RrwebEvent } from '../src/index.js';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

/**
 * The page-lifecycle path with browser globals stood in for (the Chromium test
 * covers the real thing): a window EventTarget, a document with
 * visibilityState, and a sendBeacon that really POSTs to the fake server.
 */

const KEY = 'luc_pk_sandbox';
let fake: FakeLucent;
let beacons: Array<{ url: string; type: string; body: string }>;
let beaconAnswer: boolean;
let page: { window: EventTarget; document: EventTarget & { visibilityState: string } };
let sessionCounter = 0;

beforeAll(async () => {
  fake = await startFakeLucent({ issues: 1 });
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
  beacons = [];
  beaconAnswer = true;
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  page = { window, document };
  vi.stubGlobal('document', document);
  vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
  vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
  vi.stubGlobal('navigator', {
    sendBeacon(url: string, data: Blob) {
      if (!beaconAnswer) return false;
      const entry = { url, type: data.type, body: '' };
      beacons.push(entry);
      void data.text().then((text) => {
        entry.body = text;
        return fetch(url, { method: 'POST', body: text, headers: { 'content-type': data.type } });
      });
      return true;
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

function hide(): void {
  page.document.visibilityState = 'hidden';
  page.document.dispatchEvent(new Event('visibilitychange'));
}
function show(): void {
  page.document.visibilityState = 'visible';
  page.document.dispatchEvent(new Event('visibilitychange'));
}
function pageHide(persisted: boolean): void {
  page.window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted }));
}

function setup(options: { onError?: () => void } = {}) {
  const id = `beacon-${++sessionCounter}`;
  const client = new LucentIngestClient({ publicKey: KEY, ingestBaseUrl: fake.url, retry: { initialRetryDelayMs: 1 } });
  const session = { id, windowId: 'w1', startedAt: 1_700_000_000_000, lastActivityAt: 1_700_000_000_000, url: 'https://shop.example.com/' };
  const batcher = client.createBatcher({ session, user: { anonymousId: 'anon' }, page: { url: 'https://shop.example.com/' }, ...options });
  return { id, batcher };
}

const event = (i: number): RrwebEvent => ({ timestamp: 1_700_000_000_000 + i, type: 3, data: { i } });
const stored = (id: string) => fake.sessions.get(id) ?? [];

describe('page lifecycle (browser globals stood in)', () => {
  it('beacons buffered events when the page is hidden, with the key in api_key and a text/plain body', async () => {
    const { id, batcher } = setup();
    for (let i = 0; i < 5; i++) batcher.add(event(i));
    hide();
    await vi.waitUntil(() => stored(id).length === 1, { timeout: 5000, interval: 5 });
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.url).toBe(`${fake.url}/api/sdk/replay?api_key=${KEY}`);
    expect(beacons[0]!.type).toBe('text/plain;charset=utf-8');
    expect(stored(id)[0]).toMatchObject({ sequence: 1, flush: 'normal', via: 'query' });
    expect(stored(id)[0]!.events).toEqual([0, 1, 2, 3, 4].map(event));

    show();
    batcher.add(event(5));
    await batcher.close();
    expect(beacons).toHaveLength(1);
    expect(stored(id).map((batch) => [batch.sequence, batch.flush, batch.via])).toEqual([
      [1, 'normal', 'query'],
      [2, 'final', 'header'],
    ]);
  });

  it('sends flush "final" by beacon when the page unloads', async () => {
    const { id, batcher } = setup();
    for (let i = 0; i < 3; i++) batcher.add(event(i));
    pageHide(false);
    await vi.waitUntil(() => stored(id).length === 1, { timeout: 5000, interval: 5 });
    expect(stored(id)[0]).toMatchObject({ sequence: 1, flush: 'final', via: 'query' });
    expect(() => batcher.add(event(9))).toThrow();
  });

  it('only flushes (not final) when the page goes into the back/forward cache', async () => {
    const { id, batcher } = setup();
    batcher.add(event(1));
    pageHide(true);
    await vi.waitUntil(() => stored(id).length === 1, { timeout: 5000, interval: 5 });
    expect(stored(id)[0]).toMatchObject({ sequence: 1, flush: 'normal' });
    page.window.dispatchEvent(new Event('pageshow'));
    batcher.add(event(2));
    await batcher.close();
    expect(stored(id).map((batch) => [batch.sequence, batch.flush, batch.via])).toEqual([
      [1, 'normal', 'query'],
      [2, 'final', 'header'],
    ]);
  });

  it('re-sends a batch whose fetch is still in flight by beacon, with the same sequence', async () => {
    fake.inject('/api/sdk/replay', { hang: true });
    const onError = vi.fn();
    const { id, batcher } = setup({ onError });
    for (let i = 0; i < 2; i++) batcher.add(event(i));
    const flushed = batcher.flush();
    await vi.waitUntil(() => fake.requests.length === 1, { timeout: 5000, interval: 5 });
    hide();
    await flushed;
    await vi.waitUntil(() => stored(id).length === 1, { timeout: 5000, interval: 5 });
    expect(stored(id)[0]).toMatchObject({ sequence: 1, via: 'query' });
    expect(stored(id)[0]!.events).toHaveLength(2);
    expect(batcher.stats.batchesFailed).toBe(0);
    expect(onError).not.toHaveBeenCalled();
  });

  it('on unload, beacons the batch in flight, the batches queued behind it and the rest, in sequence order', async () => {
    fake.inject('/api/sdk/replay', { hang: true });
    const onError = vi.fn();
    const { id, batcher } = setup({ onError });
    for (let i = 0; i < 2; i++) batcher.add(event(i));
    const flushed = batcher.flush(); // batch 1 hangs in flight
    await vi.waitUntil(() => fake.requests.length === 1, { timeout: 5000, interval: 5 });
    for (let i = 2; i < 4; i++) batcher.add(event(i));
    const queued = batcher.flush(); // batch 2 waits behind batch 1
    batcher.add(event(4)); // buffered
    pageHide(false);
    await Promise.all([flushed, queued]);
    await vi.waitUntil(() => stored(id).length === 3, { timeout: 5000, interval: 5 });
    expect(beacons).toHaveLength(3);
    expect(beacons.map((beacon) => (JSON.parse(beacon.body) as { replay: { sequence: number } }).replay.sequence)).toEqual([1, 2, 3]);
    expect(stored(id).map((batch) => [batch.sequence, batch.flush, batch.events.length, batch.via])).toEqual([
      [1, 'normal', 2, 'query'],
      [2, 'normal', 2, 'query'],
      [3, 'final', 1, 'query'],
    ]);
    expect(onError).not.toHaveBeenCalled();
    expect(() => batcher.add(event(5))).toThrow();
  });

  it('falls back to fetch when the browser refuses the beacon', async () => {
    beaconAnswer = false;
    const { id, batcher } = setup();
    batcher.add(event(1));
    hide();
    await vi.waitUntil(() => stored(id).length === 1, { timeout: 5000, interval: 5 });
    expect(stored(id)[0]).toMatchObject({ sequence: 1, via: 'header' });
    await batcher.close();
  });

  it('stops listening once closed', async () => {
    const { id, batcher } = setup();
    batcher.add(event(1));
    await batcher.close();
    hide();
    pageHide(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beacons).toHaveLength(0);
    expect(stored(id)).toHaveLength(1);
  });
});
