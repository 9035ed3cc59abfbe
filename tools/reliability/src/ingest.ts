import type { LoadedApi } from './apis.js';
import { authorizedFor } from './auth.js';
import { exampleBody, serializeBody } from './examples.js';
import { mapConcurrent, type HttpClient } from './http.js';
import type { IngestProfile } from './ingest-profiles.js';

export interface IngestRunOptions {
  senders: number;
  batchesPerSender: number;
  seed: number;
}

export interface IngestRunReport {
  uniqueBatches: number;
  uniqueEvents: number;
  requests: number;
  statuses: Record<string, number>;
  accepted: { events: number; batches?: number };
}

/** Small seeded PRNG (mulberry32): the send order is random but replayable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Many senders at once, each sending its own batches 2 or 3 times in a shuffled order, some copies of a
 * batch in flight together (a retry racing the original). Returns what was sent and what the sandbox
 * counted (after minus before).
 */
export async function runConcurrentIngest(api: LoadedApi, profile: IngestProfile, http: HttpClient, options: IngestRunOptions): Promise<IngestRunReport> {
  const op = api.spec.byId.get(profile.operationId);
  if (!op) throw new Error(`${api.name} has no operation ${profile.operationId}`);
  const auth = authorizedFor(api, op);
  const example = exampleBody(api.spec.doc, op);
  if (!auth || !example) throw new Error(`${profile.operationId}: no credential or documented body`);
  const run = `rel-${options.seed}-${Date.now().toString(36)}`;
  const rand = random(options.seed);
  const before = await profile.count(http, run);
  let uniqueEvents = 0;
  const statuses: Record<string, number> = {};
  let requests = 0;

  const senders = Array.from({ length: options.senders }, (_, sender) => {
    const sends: { body: string; together: number }[] = [];
    for (let index = 0; index < options.batchesPerSender; index++) {
      const batch = profile.batch(example.value, run, sender, index);
      uniqueEvents += batch.events;
      const body = serializeBody(batch.value, example.ndjson);
      const copies = rand() < 0.5 ? 2 : 3;
      // Sometimes two copies go out at the same moment; the rest are later, separate retries.
      if (rand() < 0.3) sends.push({ body, together: 2 }, ...Array.from({ length: copies - 2 }, () => ({ body, together: 1 })));
      else sends.push(...Array.from({ length: copies }, () => ({ body, together: 1 })));
    }
    for (let i = sends.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [sends[i], sends[j]] = [sends[j]!, sends[i]!];
    }
    return sends;
  });

  const path = Object.keys(auth.placed.query).length > 0 ? `${op.path}?${new URLSearchParams(auth.placed.query)}` : op.path;
  await mapConcurrent(senders, options.senders, async (sends) => {
    for (const send of sends) {
      const answers = await Promise.all(
        Array.from({ length: send.together }, () =>
          http.send({ method: op.method.toUpperCase(), path, headers: { ...auth.placed.headers, 'content-type': example.contentType }, body: send.body }),
        ),
      );
      for (const answer of answers) {
        requests++;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      }
    }
  });
  const after = await profile.count(http, run);
  return {
    uniqueBatches: options.senders * options.batchesPerSender,
    uniqueEvents,
    requests,
    statuses,
    accepted: {
      events: after.events - before.events,
      ...(after.batches !== undefined ? { batches: after.batches - (before.batches ?? 0) } : {}),
    },
  };
}
