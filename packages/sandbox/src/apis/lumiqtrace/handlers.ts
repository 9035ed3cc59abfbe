import { exampleReply, invalidParameterReply, paginate, type Handler, type Reply, type RequestContext } from '../../engine/index.js';
import { INGEST_KEY_PROJECTS } from './credentials.js';
import { costReport, performanceReport, projectOverview } from './metrics.js';
import type { LqEvent, Project, StoredEvent } from './model.js';
import { checkOtlpJson, decodeOtlpProtobuf, otlpToEvents } from './otlp.js';
import { countNew, monthKey, storedForm, storeEvents, timeOf, type LumiqTraceState } from './state.js';

type Ctx = RequestContext<LumiqTraceState>;

const DAY_MS = 86_400_000;
/** The longest cost-report window (the spec's assumption on `start`). */
export const MAX_COST_WINDOW_DAYS = 366;

/**
 * The project named by the request if the session's user belongs to its organization. Unknown and foreign
 * projects get the same 403, so other organizations' ids cannot be probed. Fault `tenant-leak` skips the check.
 */
function memberProject(ctx: Ctx, projectId: string): Project | Reply {
  const project = ctx.state.projects.get(projectId);
  if (project && (project.org === ctx.principal?.org || ctx.env.faults.has('tenant-leak'))) return project;
  return exampleReply(ctx.op, 403, 'notAMember');
}

const isReply = (value: Project | Reply): value is Reply => 'status' in value;

/** Optional start/end query parameters as epoch ms; a window that ends before it starts is invalid. */
function timeWindow(ctx: Ctx): { start?: number; end?: number } | Reply {
  const start = ctx.params['start'] as string | undefined;
  const end = ctx.params['end'] as string | undefined;
  const startMs = start === undefined ? undefined : timeOf(start);
  const endMs = end === undefined ? undefined : timeOf(end);
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) return invalidParameterReply(ctx.op, 'start');
  return { ...(startMs !== undefined ? { start: startMs } : {}), ...(endMs !== undefined ? { end: endMs } : {}) };
}

/** Seconds until the first instant of next month (UTC), when a monthly quota resets. */
function secondsToMonthEnd(now: number): number {
  const d = new Date(now);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now) / 1000));
}

/**
 * Stores a batch under the monthly quota of the key's organization; the whole batch is refused if it does
 * not fit. The refusal carries the documented Retry-After: seconds until the quota resets.
 */
function ingest(ctx: Ctx, events: readonly LqEvent[], invalid: () => Reply): Reply {
  // Every event is checked against the read side's Event schema before anything is stored, so nothing
  // stored can later make GET /v1/events or a report answer a body that breaks the spec.
  const readable = ctx.env.schemas.validatorAt(EVENT_SCHEMA);
  for (const event of events) if (!readable(storedForm(event))) return invalid();
  const projectId = INGEST_KEY_PROJECTS.get(ctx.principal!.token);
  const project = projectId ? ctx.state.projects.get(projectId) : undefined;
  if (!project) throw new Error(`Ingest key ${ctx.principal!.token} has no project`);
  const org = ctx.state.orgs.get(project.org)!;
  const dedupe = !ctx.env.faults.has('dedupe-off');
  const fresh = countNew(project, events, { dedupe });
  const now = Date.now();
  const month = monthKey(now);
  const used = org.usage.get(month) ?? 0;
  if (org.monthlyQuota !== null && fresh > 0 && used + fresh > org.monthlyQuota) {
    return { ...exampleReply(ctx.op, 429, 'quotaExceeded'), headers: { 'retry-after': String(secondsToMonthEnd(now)) } };
  }
  const stored = storeEvents(project, events, { dedupe });
  org.usage.set(month, used + stored);
  project.acceptedBatches += 1;
  project.ingestedEvents += stored;
  project.duplicateEvents += events.length - stored;
  return { status: 202 };
}

const EVENT_SCHEMA = '/components/schemas/Event';

const ingestEvents: Handler<LumiqTraceState> = (ctx) => ingest(ctx, ctx.body as LqEvent[], () => exampleReply(ctx.op, 400, 'invalidLine'));

const exportOtelTraces: Handler<LumiqTraceState> = (ctx) => {
  const request = Buffer.isBuffer(ctx.body) ? decodeOtlpProtobuf(ctx.body) : checkOtlpJson(ctx.body);
  // The spec's 400 for this operation is our assumption (marked so): a body that is no OTLP trace export.
  if (!request) return exampleReply(ctx.op, 400, 'invalidOtlp');
  return ingest(ctx, otlpToEvents(request), () => exampleReply(ctx.op, 400, 'invalidOtlp'));
};

const EVENT_FILTERS = ['model', 'status', 'environment', 'userId'] as const;
const FILTER_FIELDS: Record<(typeof EVENT_FILTERS)[number], string> = {
  model: 'model',
  status: 'status',
  environment: 'environment',
  userId: 'user_id',
};

const listEvents: Handler<LumiqTraceState> = (ctx) => {
  // The spec documents no minimum for limit; a page of fewer than one event is refused like an invalid limit.
  const limit = ctx.params['limit'] as number;
  if (limit < 1) return invalidParameterReply(ctx.op, 'limit');
  const projectId = ctx.params['projectId'] as string;
  const project = memberProject(ctx, projectId);
  if (isReply(project)) return project;
  const range = timeWindow(ctx);
  if ('status' in range) return range;
  const filters: [string, string][] = [];
  for (const name of EVENT_FILTERS) {
    const value = ctx.params[name];
    if (typeof value === 'string') filters.push([FILTER_FIELDS[name], value]);
  }
  const matches = (item: StoredEvent): boolean =>
    (range.start === undefined || item.ms >= range.start) &&
    (range.end === undefined || item.ms <= range.end) &&
    filters.every(([field, value]) => item.event[field] === value);
  const order = ctx.env.orderOf(ctx.op.id);
  const keyOf = (item: StoredEvent): string[] =>
    order.fields.map((field) => (field === 'timestamp' ? String(item.ms).padStart(16, '0') : String(item.event[field])));
  const pagination = ctx.op.pagination!;
  const page = paginate({
    sorted: project.events,
    order,
    keyOf,
    limit,
    cursor: ctx.params[pagination.cursorParam] as string | undefined,
    // A cursor is only valid with the project and the filters it was issued for.
    binding: JSON.stringify([ctx.op.id, projectId, range.start ?? null, range.end ?? null, filters]),
    codec: ctx.env.cursors,
    matches,
  });
  if (!page.ok) return invalidParameterReply(ctx.op, pagination.cursorParam);
  let total = 0;
  for (const item of project.events) if (matches(item)) total++;
  return { status: 200, body: { events: page.items.map((item) => item.event), nextCursor: page.nextCursor, total } };
};

type TraceNode = LqEvent & { children: TraceNode[] };

const getTrace: Handler<LumiqTraceState> = (ctx) => {
  const project = memberProject(ctx, ctx.params['projectId'] as string);
  if (isReply(project)) return project;
  const spans = project.byTrace.get(ctx.params['traceId'] as string);
  if (!spans || spans.length === 0) return exampleReply(ctx.op, 404, 'traceNotFound');
  const ordered = [...spans].sort((a, b) => a.ms - b.ms || (a.event.span_id < b.event.span_id ? -1 : 1));
  const nodes = new Map<string, TraceNode>();
  for (const { event } of ordered) if (!nodes.has(event.span_id)) nodes.set(event.span_id, { ...event, children: [] });
  const roots: TraceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_span_id ? nodes.get(node.parent_span_id) : undefined;
    // A span whose parent never arrived is shown as a root rather than dropped.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return { status: 200, body: roots };
};

const getProjectOverview: Handler<LumiqTraceState> = (ctx) => {
  const project = memberProject(ctx, ctx.params['id'] as string);
  if (isReply(project)) return project;
  return { status: 200, body: projectOverview(project.events, Date.now()) };
};

const getCosts: Handler<LumiqTraceState> = (ctx) => {
  const project = memberProject(ctx, ctx.params['projectId'] as string);
  if (isReply(project)) return project;
  const range = timeWindow(ctx);
  if ('status' in range) return range;
  const now = Date.now();
  const end = range.end ?? now;
  const start = range.start ?? end - 30 * DAY_MS;
  if (end < start) return invalidParameterReply(ctx.op, 'start');
  // One daily entry per day of the window: a window of 10,000 years would be a 100 MB answer.
  if (end - start > MAX_COST_WINDOW_DAYS * DAY_MS) return exampleReply(ctx.op, 400, 'windowTooLong');
  return { status: 200, body: costReport(project.events, start, end, now) };
};

const getPerformance: Handler<LumiqTraceState> = (ctx) => {
  const project = memberProject(ctx, ctx.params['projectId'] as string);
  if (isReply(project)) return project;
  const range = timeWindow(ctx);
  if ('status' in range) return range;
  return { status: 200, body: performanceReport(project.events, range.start, range.end) };
};

export const lumiqtraceHandlers: Record<string, Handler<LumiqTraceState>> = {
  ingestEvents,
  exportOtelTraces,
  listEvents,
  getTrace,
  getProjectOverview,
  getCosts,
  getPerformance,
};
