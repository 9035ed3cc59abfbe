import { Session } from 'node:inspector/promises';

/** Self time of one CPU profile, grouped by where the code lives. */
export interface ProfileSummary {
  /** Microseconds of self time per group, per call of the profiled function. */
  usPerCallByGroup: Record<string, number>;
  /** The heaviest functions (self time), `name (file:line)` → µs per call. */
  topFunctions: Array<{ name: string; usPerCall: number }>;
  calls: number;
}

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Waiting (for the server, for the thread pool): not CPU work, left out of the explanations. */
const IDLE = 'idle';

/** Where a profiled frame's code lives, by the layout of this workspace and its dependencies. */
export function frameGroup(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return IDLE;
    return 'V8/native';
  }
  const file = url.replace(/^file:\/\//, '');
  const core = /client-core\/dist\/(?:cjs\/)?([\w-]+)\.js/.exec(file);
  if (core) return `client-core ${core[1]}.js`;
  if (/-client\/dist\/generated\/(client|core)\//.test(file)) return 'hey-api runtime';
  if (/-client\/dist\/generated\//.test(file)) return 'generated from the spec';
  if (/-client\/dist\//.test(file)) return 'client hand-written layer';
  if (file.includes('openapi-fetch')) return 'openapi-fetch';
  if (file.includes('undici')) return 'undici (fetch)';
  if (file.startsWith('node:')) return 'node internals';
  if (file.includes('tools/bench')) return 'bench loop';
  return 'other';
}

/**
 * Runs `run` (which makes `calls` calls) under the V8 sampling profiler (as `node --cpu-prof` does) and
 * sums self time by group. Run it after timing, never during: the profiler slows what it samples.
 */
export async function profileCalls(run: () => Promise<void>, calls: number, intervalUs = 100): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    await run();
    const { profile } = (await session.post('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };
    };
    const selfUs = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    // Each sample's time is the delta to the next one (V8's convention).
    for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0));
    const byGroup: Record<string, number> = {};
    const byFunction = new Map<string, number>();
    for (const node of profile.nodes) {
      const us = selfUs.get(node.id) ?? 0;
      if (us === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const group = frameGroup(url, functionName);
      byGroup[group] = (byGroup[group] ?? 0) + us;
      const where = url ? `${url.replace(/^.*\//, '')}:${lineNumber + 1}` : 'native';
      const key = `${functionName || '(anonymous)'} (${where})`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    const perCall = (us: number) => Math.round((us / calls) * 10) / 10;
    return {
      calls,
      usPerCallByGroup: Object.fromEntries(Object.entries(byGroup).sort((a, b) => b[1] - a[1]).map(([g, us]) => [g, perCall(us)])),
      topFunctions: [...byFunction.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([name, us]) => ({ name, usPerCall: perCall(us) })),
    };
  } finally {
    await session.post('Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}

/** One line: how the candidate's time per call differs from the baseline's, group by group (largest first). */
export function explainProfiles(candidate: ProfileSummary, baseline: ProfileSummary, label: string): string {
  const groups = new Set([...Object.keys(candidate.usPerCallByGroup), ...Object.keys(baseline.usPerCallByGroup)]);
  groups.delete(IDLE);
  const diffs = [...groups]
    .map((group) => ({ group, diff: (candidate.usPerCallByGroup[group] ?? 0) - (baseline.usPerCallByGroup[group] ?? 0), own: candidate.usPerCallByGroup[group] ?? 0 }))
    .filter((d) => Math.abs(d.diff) >= 0.5)
    .sort((a, b) => b.diff - a.diff);
  const total = (s: ProfileSummary) => Object.entries(s.usPerCallByGroup).reduce((sum, [group, us]) => (group === IDLE ? sum : sum + us), 0);
  const parts = diffs.slice(0, 8).map((d) => `${d.group} ${d.diff > 0 ? '+' : ''}${d.diff.toFixed(1)}`);
  return `CPU time (idle excluded) per call (V8 sampling profiler, ${candidate.calls} calls each): ${label} ${total(candidate).toFixed(0)} µs vs ${total(baseline).toFixed(0)} µs; by group (µs, ${label} minus baseline): ${parts.join(', ')}`;
}
