import fc from 'fast-check';
import { createConformanceChecker } from '@apiforge/sandbox/engine';
import type { LoadedApi } from '../apis.js';
import { discoverValues } from '../discovery.js';
import { HttpClient } from '../http.js';
import { declaresCacheControl, judge } from './judge.js';
import { fuzzCaseArbitrary, type FuzzCase } from '@apiforge/contract';

export interface FuzzOptions {
  /** At least this many requests (rounded up to whole rounds). */
  requests: number;
  /** Requests in flight at once: one property run sends this many concurrently. */
  concurrency: number;
  seed: number;
  /** Replay a failure: the `path` fast-check printed with the seed. */
  path?: string;
}

export interface FuzzReport {
  api: string;
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  byTarget: Record<string, number>;
  /** fast-check's failure report (counterexample, seed, path), or undefined when the property held. */
  failure?: string;
}

/**
 * Property-based fuzzing of one running sandbox from its spec. Each property run sends `concurrency`
 * generated requests at once over keep-alive connections and judges every answer; fast-check shrinks a
 * failing round to a minimal one and prints the seed and path that replay it.
 */
export async function fuzzApi(api: LoadedApi, baseUrl: string, options: FuzzOptions): Promise<FuzzReport> {
  const http = new HttpClient(baseUrl, options.concurrency);
  const checker = createConformanceChecker(api.spec.doc);
  const noStore = declaresCacheControl(api.spec.doc);
  const statuses: Record<string, number> = {};
  const byTarget: Record<string, number> = {};
  let requests = 0;
  try {
    const pool = await discoverValues(api, http);
    const round = fc.array(fuzzCaseArbitrary(api, pool), { minLength: options.concurrency, maxLength: options.concurrency });
    const property = fc.asyncProperty(round, async (cases: FuzzCase[]) => {
      const answers = await Promise.all(cases.map((c) => http.send(c)));
      const problems: string[] = [];
      answers.forEach((res, i) => {
        const req = cases[i]!;
        requests++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        byTarget[req.target] = (byTarget[req.target] ?? 0) + 1;
        problems.push(...judge(checker, req, res, { noStore }));
      });
      if (problems.length > 0) throw new Error(problems.join('\n'));
    });
    const details = await fc.check(property, {
      numRuns: Math.ceil(options.requests / options.concurrency),
      seed: options.seed,
      ...(options.path !== undefined ? { path: options.path, endOnFailure: true } : {}),
    });
    const failure = details.failed
      ? `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n\n${fc.defaultReportMessage(details)}`
      : undefined;
    return { api: api.name, seed: options.seed, requests, statuses, byTarget, ...(failure ? { failure } : {}) };
  } finally {
    http.close();
  }
}
