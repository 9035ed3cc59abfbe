// Pacing: the suite keeps to the rate limits the spec documents (`x-rate-limit`) and to `--max-rps`, so a
// target at its documented limits never throttles it; a 429 it gets anyway is waited out (Retry-After,
// bounded) and counted.
import type { Operation } from './spec.js';

/** Limits counted per credential (`per: token | key | session | user`); anything else shares one window. */
const PER_CREDENTIAL = new Set(['token', 'key', 'session', 'user', 'credential']);

/** Extra time a slot stays taken after the answer came back (clock skew, the server's own processing). */
const MARGIN_MS = 100;

export interface PacingOptions {
  /**
   * Times the documented limits the target enforces (1 for a deployment; the in-process sandbox's
   * functional instance enforces 100x). `null`: the target counts nothing (a mock), pace by --max-rps only.
   */
  scale: number | null;
  /** At most this many requests per second overall. */
  maxRps?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PacingStats {
  /** Requests sent through the pacer. */
  requests: number;
  /** Time spent waiting for a slot under a documented limit or --max-rps. */
  waitedMs: number;
  /** 429 answers the suite did not provoke on purpose (a throttle of its own making, or someone else's load). */
  throttled: Array<{ method: string; url: string; retryAfter: string | undefined; waitedMs: number }>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The number of seconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (!Number.isNaN(date) && /[a-z]/i.test(trimmed)) return Math.max(0, Math.ceil((date - now) / 1000));
  return undefined;
}

export class Pacer {
  private readonly windows = new Map<string, number[]>();
  private lastStart = -Infinity;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly stats: PacingStats = { requests: 0, waitedMs: 0, throttled: [] };

  constructor(private readonly options: PacingOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** The documented limit as this target enforces it, or undefined when the operation is not limited here. */
  limitOf(op: Operation): { key: string; limit: number; windowMs: number } | undefined {
    const rl = op.rateLimit;
    if (!rl || this.options.scale === null) return undefined;
    return { key: rl.group, limit: Math.max(1, Math.floor(rl.limit * this.options.scale)), windowMs: rl.windowSeconds * 1000 + MARGIN_MS };
  }

  private windowKey(op: Operation, credential: string | undefined): string | undefined {
    const limit = this.limitOf(op);
    if (!limit) return undefined;
    return PER_CREDENTIAL.has(op.rateLimit!.per) ? `${limit.key}\u0000${credential ?? ''}` : limit.key;
  }

  /**
   * Waits until a request of `op` with `credential` keeps within the documented limit (a sliding window,
   * the strictest reading) and --max-rps. Call `release` with the same key once the answer is in.
   */
  async acquire(op: Operation, credential: string | undefined): Promise<string | undefined> {
    const key = this.windowKey(op, credential);
    const limit = this.limitOf(op);
    for (;;) {
      let wait = 0;
      if (key && limit) {
        const stamps = this.prune(key, limit.windowMs);
        if (stamps.length >= limit.limit) wait = Math.max(wait, stamps[0]! + limit.windowMs - this.now());
      }
      if (this.options.maxRps) wait = Math.max(wait, this.lastStart + 1000 / this.options.maxRps - this.now());
      if (wait <= 0) break;
      this.stats.waitedMs += wait;
      await this.sleep(wait);
    }
    this.lastStart = this.now();
    this.stats.requests++;
    // The slot is taken now and stamped again when the answer arrives (the later, safer time).
    if (key) this.windows.set(key, [...(this.windows.get(key) ?? []), this.now()]);
    return key;
  }

  /** Moves the request's stamp to the time its answer arrived. */
  release(key: string | undefined): void {
    if (!key) return;
    const stamps = this.windows.get(key);
    if (stamps?.length) stamps[stamps.length - 1] = Math.max(stamps.at(-1)!, this.now());
  }

  private prune(key: string, windowMs: number): number[] {
    const cutoff = this.now() - windowMs;
    const stamps = (this.windows.get(key) ?? []).filter((t) => t > cutoff).sort((a, b) => a - b);
    this.windows.set(key, stamps);
    return stamps;
  }

  /** Forgets every window (the target's counters were reset). */
  clear(): void {
    this.windows.clear();
  }
}
