import { median } from '../stats.js';

export interface AbComparison {
  rounds: number;
  order: string;
  baselineMs: number[];
  candidateMs: number[];
  medianBaselineMs: number;
  medianCandidateMs: number;
  /** Median of the per-round candidate/baseline ratios: each pair ran back to back, so drift cancels within it. */
  ratio: number;
}

/**
 * Runs baseline and candidate in `rounds` rounds, alternating which goes first (ABBA), after
 * `warmupRounds` untimed rounds (connections, JIT).
 */
export async function compareAB(options: {
  rounds: number;
  warmupRounds?: number;
  baseline: () => Promise<unknown>;
  candidate: () => Promise<unknown>;
}): Promise<AbComparison> {
  const { rounds, warmupRounds = 2, baseline, candidate } = options;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be a positive integer');
  for (let round = 0; round < warmupRounds; round++) {
    await baseline();
    await candidate();
  }
  const baselineMs: number[] = [];
  const candidateMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const baselineFirst = round % 2 === 0;
    for (const side of baselineFirst ? ['baseline', 'candidate'] : ['candidate', 'baseline']) {
      const start = performance.now();
      await (side === 'baseline' ? baseline() : candidate());
      (side === 'baseline' ? baselineMs : candidateMs).push(performance.now() - start);
    }
  }
  return {
    rounds,
    order: `ABBA (alternating first side), ${warmupRounds} warm-up rounds`,
    baselineMs,
    candidateMs,
    medianBaselineMs: median(baselineMs),
    medianCandidateMs: median(candidateMs),
    ratio: median(candidateMs.map((ms, index) => ms / baselineMs[index]!)),
  };
}
