import type { LqEvent, StoredEvent } from './model.js';

const DAY_MS = 86_400_000;
const FAILED = new Set(['error', 'timeout', 'rate_limited']);

const money = (n: number): number => Math.round(n * 1e6) / 1e6;
const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6);
const dayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
const cost = (e: LqEvent): number => e.cost_usd ?? 0;

/** Events with start <= timestamp <= end (either bound optional). */
export function inWindow(events: readonly StoredEvent[], start?: number, end?: number): LqEvent[] {
  const out: LqEvent[] = [];
  for (const item of events) {
    if (start !== undefined && item.ms < start) continue;
    if (end !== undefined && item.ms > end) continue;
    out.push(item.event);
  }
  return out;
}

/** Spend and calls per model; events without a model (tool, agent or non-LLM OTLP spans) belong to none. */
function byModel(events: readonly LqEvent[]): { model: string; cost: number; requests: number }[] {
  const models = new Map<string, { model: string; cost: number; requests: number }>();
  for (const e of events) {
    if (e.model === undefined) continue;
    const entry = models.get(e.model) ?? { model: e.model, cost: 0, requests: 0 };
    entry.cost += cost(e);
    entry.requests += 1;
    models.set(e.model, entry);
  }
  return [...models.values()]
    .map((m) => ({ ...m, cost: money(m.cost) }))
    .sort((a, b) => b.cost - a.cost || b.requests - a.requests || (a.model < b.model ? -1 : 1));
}

/** Daily buckets from the day of `start` to the day of `end`, oldest first (empty days included). */
function dailyBuckets<T>(start: number, end: number, make: (dayMs: number) => T): Map<number, T> {
  const buckets = new Map<number, T>();
  for (let day = dayStart(start); day <= end; day += DAY_MS) buckets.set(day, make(day));
  return buckets;
}

/**
 * The dashboard's overview. The reference says "the selected period" without a parameter for it; the sandbox
 * takes the last 30 days, in daily buckets named by their start in `hour` (the key of the reference's example).
 */
export function projectOverview(events: readonly StoredEvent[], now: number) {
  const start = dayStart(now) - 29 * DAY_MS;
  const window = inWindow(events, start, now);
  let totalCost = 0;
  let latencySum = 0;
  let latencyCount = 0;
  let errors = 0;
  const timeline = dailyBuckets(start, now, (day) => ({ hour: new Date(day).toISOString(), requests: 0, cost: 0, errors: 0 }));
  for (const e of window) {
    totalCost += cost(e);
    if (e.latency_ms !== undefined) {
      latencySum += e.latency_ms;
      latencyCount++;
    }
    const failed = e.status !== undefined && FAILED.has(e.status);
    if (failed) errors++;
    const bucket = timeline.get(dayStart(Date.parse(e.timestamp)));
    if (bucket) {
      bucket.requests++;
      bucket.cost += cost(e);
      if (failed) bucket.errors++;
    }
  }
  const recentErrors = [];
  for (const e of window) {
    if (recentErrors.length === 10) break;
    if (e.status === undefined || e.status === 'success') continue;
    recentErrors.push({
      event_id: e.event_id,
      ...(e.model !== undefined ? { model: e.model } : {}),
      status: e.status,
      ...(e.error_code !== undefined ? { error_code: e.error_code } : {}),
      timestamp: e.timestamp,
    });
  }
  return {
    kpis: {
      totalRequests: window.length,
      totalCost: money(totalCost),
      avgLatency: latencyCount === 0 ? 0 : Math.round((latencySum / latencyCount) * 100) / 100,
      errorRate: ratio(errors, window.length),
    },
    timeline: [...timeline.values()].map((b) => ({ ...b, cost: money(b.cost) })),
    topModels: byModel(window).slice(0, 5),
    recentErrors,
  };
}

/** Cost report for [start, end]; month-to-date and the forecast are always relative to `now`. */
export function costReport(events: readonly StoredEvent[], start: number, end: number, now: number) {
  const window = inWindow(events, start, end);
  const daily = dailyBuckets(start, end, (day) => ({ date: new Date(day).toISOString().slice(0, 10), cost: 0 }));
  let input = 0;
  let cached = 0;
  for (const e of window) {
    const bucket = daily.get(dayStart(Date.parse(e.timestamp)));
    if (bucket) bucket.cost += cost(e);
    input += e.input_tokens ?? 0;
    cached += e.cached_tokens ?? 0;
  }
  const month = new Date(now);
  const monthStart = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
  const monthToDate = inWindow(events, monthStart, now).reduce((sum, e) => sum + cost(e), 0);
  // Straight line through the last 7 full days: their mean daily spend times 30.
  const lastWeek = inWindow(events, dayStart(now) - 7 * DAY_MS, dayStart(now) - 1).reduce((sum, e) => sum + cost(e), 0);
  return {
    byModel: byModel(window),
    daily: [...daily.values()].map((d) => ({ ...d, cost: money(d.cost) })),
    monthToDate: money(monthToDate),
    forecast30d: money((lastWeek / 7) * 30),
    cacheHitRate: ratio(Math.min(cached, input), input),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Performance report for the events in [start, end] (no default window: all events). */
export function performanceReport(events: readonly StoredEvent[], start?: number, end?: number) {
  const window = inWindow(events, start, end);
  const latencies = window.flatMap((e) => (e.latency_ms !== undefined ? [e.latency_ms] : [])).sort((a, b) => a - b);
  const ttfts = window.flatMap((e) => (e.stream === true && e.ttft_ms !== undefined ? [e.ttft_ms] : []));
  let outputTokens = 0;
  let generatingMs = 0;
  for (const e of window) {
    if (e.output_tokens !== undefined && e.output_tokens > 0 && e.latency_ms !== undefined && e.latency_ms > 0) {
      outputTokens += e.output_tokens;
      generatingMs += e.latency_ms;
    }
  }
  return {
    latency: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99) },
    avgTtft: ttfts.length === 0 ? null : Math.round((ttfts.reduce((a, b) => a + b, 0) / ttfts.length) * 100) / 100,
    tokensPerSecond: generatingMs === 0 ? 0 : Math.round((outputTokens / (generatingMs / 1000)) * 100) / 100,
    timeoutRate: ratio(window.filter((e) => e.status === 'timeout').length, window.length),
  };
}
