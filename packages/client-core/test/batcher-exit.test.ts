import { describe, expect, it, vi } from 'vitest';
import { Batcher } from '../src/index.js';

interface Event {
  id: number;
  p?: string;
}

const never = () => new Promise<void>(() => {});

// Its own file: the one exit listener is installed once per module instance.
describe('Batcher: exiting without close() warns once', () => {
  it('a beforeExit/exit listener warns once when events are undelivered, without their content', async () => {
    const before = new Set(process.listeners('beforeExit'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const batcher = new Batcher<Event>({ send: never, onError: vi.fn(), name: 'test ingest' });
      batcher.add('sess_secret_key', { id: 1, p: 'payload-content' });
      const added = process.listeners('beforeExit').filter((l) => !before.has(l));
      expect(added).toHaveLength(1);
      for (let i = 0; i < 3; i++) (added[0] as () => void)();
      expect(warn).toHaveBeenCalledTimes(1);
      const text = String(warn.mock.calls[0]![0]);
      expect(text).toMatch(/1 undelivered event\(s\) in test ingest: call and await close\(\)/);
      expect(text).not.toMatch(/payload-content|sess_secret_key/);
      // Other batchers share the one listener.
      new Batcher<Event>({ send: never, onError: vi.fn() }).add('k', { id: 2 });
      expect(process.listeners('beforeExit').filter((l) => !before.has(l))).toHaveLength(1);
      for (const listener of added) process.removeListener('beforeExit', listener);
      for (const listener of process.listeners('exit')) if (listener === added[0]) process.removeListener('exit', listener);
    } finally {
      warn.mockRestore();
    }
  });
});
