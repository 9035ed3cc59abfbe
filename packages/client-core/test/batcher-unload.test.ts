import { describe, expect, it, vi } from 'vitest';
import { Batcher, type Batch } from '../src/index.js';

interface Event {
  id: number;
}

/** A batcher whose sends wait until released, so batches can be caught in flight and in the queue. */
function heldBatcher(options: { maxEvents?: number; sendEmptyFinalBatch?: boolean } = {}) {
  const sends: Array<{ batch: Batch<Event>; signal: AbortSignal; release: () => void }> = [];
  const onError = vi.fn();
  const batcher = new Batcher<Event>({
    send: (batch, { signal }) =>
      new Promise<void>((resolve, reject) => {
        sends.push({ batch, signal, release: resolve });
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      }),
    onError,
    retry: { sleep: async () => {}, random: () => 0 },
    ...options,
  });
  return { batcher, sends, onError };
}

const summary = (batches: readonly Batch<Event>[]) => batches.map((b) => [b.key, b.sequence, b.events.map((e) => e.id), b.final]);

describe('Batcher.drainForUnload', () => {
  it('hands over the batch in flight, the queued ones and the buffer, in sequence order, synchronously', async () => {
    const { batcher, sends, onError } = heldBatcher({ maxEvents: 2 });
    for (let id = 1; id <= 5; id++) batcher.add('s', { id }); // batches 1 [1,2] and 2 [3,4]; 5 buffered
    await vi.waitFor(() => expect(sends).toHaveLength(1)); // batch 1 in flight, batch 2 queued behind it
    const flushed = batcher.flush(); // would queue the buffer as batch 3

    const taken = batcher.drainForUnload();
    expect(summary(taken)).toEqual([
      ['s', 1, [1, 2], false],
      ['s', 2, [3, 4], false],
      ['s', 3, [5], false],
    ]);
    expect(sends[0]!.signal.aborted).toBe(true);
    await flushed; // the aborted send settles without a retry or a report
    expect(sends).toHaveLength(1);
    expect(onError).not.toHaveBeenCalled();
    expect(batcher.stats).toMatchObject({ batchesSent: 0, batchesFailed: 0, batchesHandedOff: 3, eventsHandedOff: 5, eventsBuffered: 0 });

    // Not final: the stream goes on where the handed-over batches left it.
    batcher.add('s', { id: 6 });
    const closed = batcher.close();
    await vi.waitFor(() => expect(sends).toHaveLength(2));
    expect(summary([sends[1]!.batch])).toEqual([['s', 4, [6], true]]);
    sends[1]!.release();
    await closed;
  });

  it('a batch the server already accepted is not handed over again', async () => {
    const { batcher, sends } = heldBatcher();
    batcher.add('s', { id: 1 });
    const flushed = batcher.flush();
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    sends[0]!.release();
    await flushed;
    expect(batcher.drainForUnload()).toEqual([]);
    expect(batcher.stats.batchesSent).toBe(1);
  });

  it('final: the last batch of each key is final (empty for a key that sent before), then the batcher is closed', async () => {
    const { batcher, sends } = heldBatcher({ maxEvents: 1 });
    batcher.add('idle', { id: 1 }); // sent as batch 1
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    sends[0]!.release();
    await batcher.flush();
    batcher.add('busy', { id: 2 }); // batch 1 of busy, in flight
    await vi.waitFor(() => expect(sends).toHaveLength(2));

    const taken = batcher.drainForUnload({ final: true });
    expect(summary(taken)).toEqual([
      ['idle', 2, [], true],
      ['busy', 1, [2], false],
      ['busy', 2, [], true],
    ]);
    expect(() => batcher.add('busy', { id: 3 })).toThrow(/closed/);
    await batcher.close(); // nothing more to send: no second final batch
    expect(sends).toHaveLength(2);
    expect(batcher.drainForUnload({ final: true })).toEqual([]);
  });

  it('final with sendEmptyFinalBatch: false returns only batches with events', async () => {
    const { batcher, sends } = heldBatcher({ maxEvents: 1, sendEmptyFinalBatch: false });
    batcher.add('k', { id: 1 });
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    sends[0]!.release();
    await batcher.flush();
    expect(batcher.drainForUnload({ final: true })).toEqual([]);
  });

  it('takes a batch that is waiting out a retry backoff, and stops the retry', async () => {
    let attempts = 0;
    const onError = vi.fn();
    const batcher = new Batcher<Event>({
      send: async () => {
        attempts++;
        throw new TypeError('fetch failed');
      },
      onError,
      retry: { initialRetryDelayMs: 60_000, random: () => 1 },
    });
    batcher.add('s', { id: 1 });
    const flushed = batcher.flush();
    await vi.waitFor(() => expect(attempts).toBe(1));
    expect(summary(batcher.drainForUnload())).toEqual([['s', 1, [1], false]]);
    await flushed;
    expect(attempts).toBe(1);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('Batcher flush interval timer', () => {
  it('does not keep a Node process alive (the timer is unref-ed)', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const batcher = new Batcher<Event>({ send: async () => {}, onError: () => {}, flushIntervalMs: 10_000 });
      batcher.add('s', { id: 1 });
      const call = setTimeoutSpy.mock.calls.findIndex(([, delay]) => delay === 10_000);
      const timer = setTimeoutSpy.mock.results[call]!.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      await batcher.close();
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });
});
