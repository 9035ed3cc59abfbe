import type { BenchResult } from './types.js';

/**
 * Per-package converters for benchmark modules whose result shape differs from
 * BenchResult[]; kept here so `pnpm bench` adapts to a package instead of editing it.
 */
export const adapters: Record<string, ((raw: unknown) => BenchResult[]) | undefined> = {};
