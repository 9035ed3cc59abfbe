import { describe, expect, it } from 'vitest';
import { createRandom, descendingTimes, everyValueThenWeighted, listOrder, requireSpecErrorReply, sortInListOrder } from '../src/engine/index.js';

describe('engine seed helpers', () => {
  it('descendingTimes never rises, repeats at the forced tie positions, and is deterministic', () => {
    const options = { newest: 1_000_000_000, minGapMs: 10, maxGapMs: 100, tieEvery: 10, tieChance: 0 };
    const times = descendingTimes(createRandom(7), 50, options);
    expect(times).toEqual(descendingTimes(createRandom(7), 50, options));
    expect(times[0]).toBe(options.newest);
    times.forEach((t, i) => {
      if (i === 0) return;
      if (i % 10 === 1 || i % 10 === 2) expect(t).toBe(times[i - 1]);
      else expect(times[i - 1]! - t).toBeGreaterThanOrEqual(10);
    });
  });

  it('everyValueThenWeighted gives each value once first, then follows the weights', () => {
    const random = createRandom(3);
    const weighted = [['a', 0.9], ['b', 0.1], ['c', 0]] as const;
    expect([0, 1, 2].map((i) => everyValueThenWeighted(random, i, weighted))).toEqual(['a', 'b', 'c']);
    const later = Array.from({ length: 500 }, (_, i) => everyValueThenWeighted(random, i + 3, weighted));
    expect(later.filter((v) => v === 'c')).toHaveLength(0);
    expect(later.filter((v) => v === 'a').length).toBeGreaterThan(400);
  });

  it('sortInListOrder follows x-pagination order with its tie-break', () => {
    const order = listOrder({ cursorParam: 'cursor', nextCursorField: 'next', itemsField: 'items', order: [{ field: 't', direction: 'desc' }, { field: 'id', direction: 'desc' }] });
    expect(sortInListOrder([{ t: '1', id: 'a' }, { t: '2', id: 'a' }, { t: '1', id: 'b' }], order)).toEqual([{ t: '2', id: 'a' }, { t: '1', id: 'b' }, { t: '1', id: 'a' }]);
  });

  it('requireSpecErrorReply throws for a refusal the spec does not answer', () => {
    const op = { id: 'op', responses: {} } as never;
    expect(() => requireSpecErrorReply({ kind: 'rate-limited' }, op)).toThrow('No documented answer for rate-limited on op');
  });
});
