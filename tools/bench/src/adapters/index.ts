import type { BenchAdapter } from '../types.js';
import { sandboxAdapter } from './sandbox.js';

/**
 * Packages whose benchmark module predates the runBench contract (or takes other
 * options): how to call each and read its result. A package that adds
 * bench/index.mjs exporting runBench no longer needs an entry here.
 */
export const adapters: Record<string, BenchAdapter | undefined> = {
  '@apiforge/sandbox': sandboxAdapter,
};
