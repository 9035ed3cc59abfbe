import type { ListOrder } from './pagination.js';
import type { Random } from './prng.js';

/**
 * Timestamps (ms), newest first, falling by a random gap, with runs of equal values so a list's
 * tie-break decides the order: index i repeats the previous time when `i % tieEvery` is 1 or 2, or
 * with probability `tieChance`.
 */
export function descendingTimes(
  random: Random,
  count: number,
  options: { newest: number; minGapMs: number; maxGapMs: number; tieEvery: number; tieChance: number },
): number[] {
  const times: number[] = [];
  let t = options.newest;
  for (let i = 0; i < count; i++) {
    const tie = i % options.tieEvery === 1 || i % options.tieEvery === 2 || random.chance(options.tieChance);
    if (i > 0 && !tie) t -= random.int(options.minGapMs, options.maxGapMs);
    times.push(t);
  }
  return times;
}

/** Every value once for the first indexes (so each appears), then values drawn by weight. */
export function everyValueThenWeighted<T>(random: Random, index: number, weighted: ReadonlyArray<readonly [T, number]>): T {
  if (index < weighted.length) return weighted[index]![0];
  let roll = random.next() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Sorts records in place in a list's documented order. */
export function sortInListOrder<T>(records: T[], order: ListOrder): T[] {
  return records.sort((a, b) => order.compareKeys(order.keyOf(a as Record<string, unknown>), order.keyOf(b as Record<string, unknown>)));
}
