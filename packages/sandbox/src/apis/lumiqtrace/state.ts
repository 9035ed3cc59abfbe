import type { ApiEnvironment } from '../../engine/index.js';
import { ERROR_MESSAGE_MAX, type LqEvent, type Organization, type Project, type StoredEvent } from './model.js';
import { PROJECT_PLANS, seedAnchor, seedProject } from './seed.js';

export interface LumiqTraceState {
  orgs: Map<string, Organization>;
  projects: Map<string, Project>;
}

/** Epoch ms of an event timestamp; date-time values the spec accepts always parse. */
export function timeOf(timestamp: string): number {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Negative when `a` is listed before `b`: timestamp desc, then event_id desc (the spec's x-pagination order). */
export function newestFirst(a: StoredEvent, b: StoredEvent): number {
  if (a.ms !== b.ms) return b.ms - a.ms;
  return a.event.event_id < b.event.event_id ? 1 : a.event.event_id > b.event.event_id ? -1 : 0;
}

/**
 * Merges `fresh` (any order) into `list` (newest first) in one pass: O(n + k log k) per batch, where an
 * array splice per event was O(n) each, so a growing store made every ingest slower.
 */
function mergeSorted(list: StoredEvent[], fresh: StoredEvent[]): StoredEvent[] {
  if (fresh.length === 0) return list;
  fresh.sort(newestFirst);
  // Most batches are newer than everything stored (or older): a concatenation, no comparisons.
  if (list.length === 0 || newestFirst(fresh[fresh.length - 1]!, list[0]!) <= 0) return fresh.concat(list);
  if (newestFirst(list[list.length - 1]!, fresh[0]!) <= 0) return list.concat(fresh);
  const merged: StoredEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < list.length && j < fresh.length) merged.push(newestFirst(list[i]!, fresh[j]!) <= 0 ? list[i++]! : fresh[j++]!);
  while (i < list.length) merged.push(list[i++]!);
  while (j < fresh.length) merged.push(fresh[j++]!);
  return merged;
}

/**
 * Events a project keeps at most. Past it, the oldest events (by timestamp, the end of the list) are
 * dropped, with their event_ids: a re-sent dropped event is stored again. Counters and quotas are not
 * affected. The spec's assumption on `GET /v1/events` documents the policy.
 */
export const MAX_STORED_EVENTS = 50_000;

function dropOldest(project: Project, max: number): void {
  if (project.events.length <= max) return;
  const dropped = project.events.splice(max);
  const touched = new Set<string>();
  for (const item of dropped) {
    project.eventIds.delete(item.event.event_id);
    touched.add(item.event.trace_id);
  }
  const gone = new Set(dropped);
  for (const traceId of touched) {
    const spans = project.byTrace.get(traceId)!.filter((item) => !gone.has(item));
    if (spans.length === 0) project.byTrace.delete(traceId);
    else project.byTrace.set(traceId, spans);
  }
}

/** The event as LumiqTrace keeps it: `error_message` cut to its documented 500 characters, everything else as sent. */
export function storedForm(event: LqEvent): LqEvent {
  const message = event.error_message;
  if (typeof message !== 'string' || message.length <= ERROR_MESSAGE_MAX) return event;
  // Counted in code points, as JSON Schema counts maxLength, so a surrogate pair is never split.
  return { ...event, error_message: Array.from(message).slice(0, ERROR_MESSAGE_MAX).join('') };
}

/**
 * Stores events whose event_id the project has not seen (also within `events`), keeping the list order.
 * `dedupe: false` (fault `dedupe-off`) stores re-sent events again. Returns how many were stored.
 */
export function storeEvents(
  project: Project,
  events: readonly LqEvent[],
  options: { dedupe: boolean; maxStored?: number },
): number {
  const fresh: StoredEvent[] = [];
  for (const event of events) {
    if (options.dedupe && project.eventIds.has(event.event_id)) continue;
    project.eventIds.add(event.event_id);
    const item: StoredEvent = { event: storedForm(event), ms: timeOf(event.timestamp) };
    fresh.push(item);
    const trace = project.byTrace.get(event.trace_id);
    if (trace) trace.push(item);
    else project.byTrace.set(event.trace_id, [item]);
  }
  project.events = mergeSorted(project.events, fresh);
  dropOldest(project, options.maxStored ?? MAX_STORED_EVENTS);
  return fresh.length;
}

/** How many of `events` the project would store (new event_ids, counted once even if repeated in the batch). */
export function countNew(project: Project, events: readonly LqEvent[], options: { dedupe: boolean }): number {
  if (!options.dedupe) return events.length;
  const seen = new Set<string>();
  for (const event of events) if (!project.eventIds.has(event.event_id)) seen.add(event.event_id);
  return seen.size;
}

export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function createLumiqTraceState(_env: ApiEnvironment): LumiqTraceState {
  const anchor = seedAnchor();
  const orgs = new Map<string, Organization>();
  const projects = new Map<string, Project>();
  for (const plan of PROJECT_PLANS) {
    if (!orgs.has(plan.org)) orgs.set(plan.org, { id: plan.org, monthlyQuota: plan.monthlyQuota, usage: new Map() });
    const project: Project = {
      id: plan.project,
      org: plan.org,
      events: [],
      eventIds: new Set(),
      byTrace: new Map(),
      acceptedBatches: 0,
      ingestedEvents: 0,
      duplicateEvents: 0,
    };
    const events = seedProject(plan, anchor)
      .map((event) => ({ event, ms: timeOf(event.timestamp) }))
      .sort(newestFirst);
    for (const item of events) {
      project.events.push(item);
      project.eventIds.add(item.event.event_id);
      const trace = project.byTrace.get(item.event.trace_id);
      if (trace) trace.push(item);
      else project.byTrace.set(item.event.trace_id, [item]);
    }
    projects.set(plan.project, project);
  }
  return { orgs, projects };
}
