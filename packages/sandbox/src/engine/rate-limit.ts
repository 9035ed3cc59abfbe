import type { RateLimitRule } from './spec.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the oldest counted request leaves the window. */
  resetAt: number;
  /** Whole seconds to wait before a retry can succeed (0 when allowed). */
  retryAfter: number;
}

export interface RateLimitOptions {
  /** Multiplies every documented limit; the result is rounded up and at least 1. */
  scale: number;
  /** Overrides every documented window, so tests can wait for a reset. */
  windowMs?: number;
  now?: () => number;
}

/** Request timestamps of one (group, token) pair, oldest first; `head` skips expired entries. */
interface Window {
  stamps: number[];
  head: number;
}

/** Sliding-window log: exact counts over the last window, O(1) amortised per request. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  limitFor(rule: RateLimitRule): number {
    return Math.max(1, Math.ceil(rule.limit * this.options.scale));
  }

  windowMsFor(rule: RateLimitRule): number {
    return this.options.windowMs ?? rule.windowSeconds * 1000;
  }

  hit(rule: RateLimitRule, subject: string): RateLimitDecision {
    const limit = this.limitFor(rule);
    const windowMs = this.windowMsFor(rule);
    const now = this.now();
    const key = `${rule.group}\u0000${subject}`;
    let window = this.windows.get(key);
    if (!window) {
      window = { stamps: [], head: 0 };
      this.windows.set(key, window);
    }
    const { stamps } = window;
    const cutoff = now - windowMs;
    while (window.head < stamps.length && stamps[window.head]! <= cutoff) window.head++;
    if (window.head > 1024 && window.head * 2 > stamps.length) {
      stamps.splice(0, window.head);
      window.head = 0;
    }
    const used = stamps.length - window.head;
    if (used >= limit) {
      const frees = stamps[window.head]! + windowMs;
      return {
        allowed: false,
        limit,
        remaining: 0,
        resetAt: Math.ceil(frees / 1000),
        retryAfter: Math.max(1, Math.ceil((frees - now) / 1000)),
      };
    }
    stamps.push(now);
    const oldest = stamps[window.head]!;
    return {
      allowed: true,
      limit,
      remaining: limit - used - 1,
      resetAt: Math.ceil((oldest + windowMs) / 1000),
      retryAfter: 0,
    };
  }

  clear(): void {
    this.windows.clear();
  }
}
