import { randomUUID } from 'node:crypto';
import type { HttpClient } from './http.js';

/**
 * Per-API ingest knowledge: which operation ingests, how a batch gets its identity (the documented
 * example with the dedup key rewritten), and where the sandbox counts what it accepted.
 */
export interface IngestProfile {
  operationId: string;
  /** One unique batch of `run`, built from the operation's documented example. */
  batch(example: unknown, run: string, sender: number, index: number): { value: unknown; events: number };
  /** What the sandbox has accepted so far (absolute; the test compares before and after). */
  count(http: HttpClient, run: string): Promise<{ events: number; batches?: number }>;
}

type Json = Record<string, any>;

async function control(http: HttpClient, route: string): Promise<Json> {
  const res = await http.send({ method: 'GET', path: `/_sandbox/${route}` });
  if (res.status !== 200) throw new Error(`GET /_sandbox/${route} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body) as Json;
}

const EVENTS_PER_BATCH = 4;

export const INGEST_PROFILES: Record<string, IngestProfile> = {
  // Replay batches, deduplicated per (session id, sequence).
  lucent: {
    operationId: 'submitReplayBatch',
    batch(example, run, sender, index) {
      const batch = structuredClone(example) as Json;
      const template = batch['replay']['events'][0];
      batch['session'] = { ...batch['session'], id: `${run}-sender-${sender}` };
      const events = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => ({ ...template, timestamp: template.timestamp + index * 100 + k }));
      batch['replay'] = { sequence: index + 1, events };
      // The session's latest activity is this batch's last event, as the SDK reports it.
      batch['session']['lastActivityAt'] = events.at(-1)!.timestamp;
      batch['flush'] = 'normal';
      return { value: batch, events: EVENTS_PER_BATCH };
    },
    async count(http, run) {
      const sessions = ((await control(http, 'sessions'))['sessions'] as Json[]).filter((s) => String(s['id']).startsWith(run));
      return { events: sessions.reduce((n, s) => n + s['events'], 0), batches: sessions.reduce((n, s) => n + s['batches'], 0) };
    },
  },
  // NDJSON events, deduplicated per event_id.
  lumiqtrace: {
    operationId: 'ingestEvents',
    batch(example, run, sender, index) {
      const lines = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => ({
        ...(example as Json),
        event_id: randomUUID(),
        trace_id: `${run}-${sender}-${index}`,
        span_id: `span-${k}`,
      }));
      return { value: lines, events: EVENTS_PER_BATCH };
    },
    async count(http) {
      const projects = (await control(http, 'projects'))['projects'] as Json[];
      return { events: projects.reduce((n, p) => n + p['ingestedEvents'], 0) };
    },
  },
};
