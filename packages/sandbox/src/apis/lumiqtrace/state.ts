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

function insertSorted(list: StoredEvent[], item: StoredEvent): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
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
export function storeEvents(project: Project, events: readonly LqEvent[], options: { dedupe: boolean }): number {
  let stored = 0;
  for (const event of events) {
    if (options.dedupe && project.eventIds.has(event.event_id)) continue;
    project.eventIds.add(event.event_id);
    const item: StoredEvent = { event: storedForm(event), ms: timeOf(event.timestamp) };
    insertSorted(project.events, item);
    const trace = project.byTrace.get(event.trace_id);
    if (trace) trace.push(item);
    else project.byTrace.set(event.trace_id, [item]);
    stored++;
  }
  return stored;
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
