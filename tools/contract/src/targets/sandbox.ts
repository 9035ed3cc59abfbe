import { startSandbox } from '@apiforge/sandbox';
import type { RateLimitSettings, Target } from '../types.js';

export interface SandboxTargetOptions {
  api: string;
  faults?: string[];
  /** Scale of the second, rate-limited sandbox (the first keeps the documented limits). */
  rateLimit?: RateLimitSettings;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { scale: 0.02, windowMs: 2000 };

/**
 * Limits of the functional instance, times the documented ones: a case group's page walks may send
 * hundreds of requests (LuluDesk documents 60/min per key), and rate limits have their own instance.
 */
export const FUNCTIONAL_RATE_LIMIT_SCALE = 100;

async function reset(url: string): Promise<void> {
  const response = await fetch(`${url}/_sandbox/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`sandbox reset answered ${response.status}`);
  await response.arrayBuffer();
}

/**
 * Two in-process sandboxes: one for every functional case (reset between case groups, limits raised
 * so walks are never throttled), and one with limits scaled down and a short window, so the
 * rate-limit cases reach 429 in a handful of requests.
 */
export async function sandboxTarget(options: SandboxTargetOptions): Promise<Target> {
  const settings = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const faults = options.faults ?? [];
  const main = await startSandbox({ api: options.api, port: 0, host: '127.0.0.1', faults, rateLimitScale: FUNCTIONAL_RATE_LIMIT_SCALE });
  const limited = await startSandbox({
    api: options.api,
    port: 0,
    host: '127.0.0.1',
    faults,
    rateLimitScale: settings.scale,
    rateLimitWindowMs: settings.windowMs,
  }).catch(async (error: unknown) => {
    await main.close();
    throw error;
  });
  return {
    name: faults.length ? `sandbox (faults: ${faults.join(', ')})` : 'sandbox',
    baseUrl: () => main.url,
    lacks: {
      'prefer-examples': 'not applicable: the sandbox computes its answers and ignores Prefer; documented errors are checked where the run provokes them',
    },
    notApplicable: () => null,
    pacingScale: FUNCTIONAL_RATE_LIMIT_SCALE,
    notices: [],
    controlUrl: main.url,
    rateLimited: { baseUrl: () => limited.url, settings, reset: () => reset(limited.url) },
    reset: () => reset(main.url),
    async close() {
      await Promise.all([main.close(), limited.close()]);
    },
  };
}
