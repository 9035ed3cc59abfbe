/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Interleaved {
  a: number[];
  b: number[];
  medianA: number;
  medianB: number;
}

/**
 * Runs A and B alternately (A B A B ...) and returns each one's durations in ms.
 * Alternating spreads a shared machine's noise (another helper's build, GC, turbo
 * boost) over both sides instead of letting it land on one.
 */
export async function interleave(
  rounds: number,
  runA: () => Promise<unknown>,
  runB: () => Promise<unknown>,
): Promise<Interleaved> {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    a.push(await timed(runA));
    b.push(await timed(runB));
  }
  return { a, b, medianA: median(a), medianB: median(b) };
}

/** Like interleave, for any number of sides: round 1 runs each once in order, then round 2, ... */
export async function interleaveMany(rounds: number, runs: ReadonlyArray<() => Promise<unknown>>): Promise<number[][]> {
  const times = runs.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [index, run] of runs.entries()) times[index]!.push(await timed(run));
  }
  return times;
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export function formatRate(perSecond: number, unit: string): string {
  if (perSecond >= 1_000_000) return `${(perSecond / 1_000_000).toFixed(2)}M ${unit}`;
  if (perSecond >= 10_000) return `${Math.round(perSecond / 1000)}k ${unit}`;
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k ${unit}`;
  return `${perSecond.toFixed(perSecond >= 100 ? 0 : 1)} ${unit}`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
