import { createRandom, type Random } from '../../engine/index.js';
import type { EventStatus, LqEvent } from './model.js';

export interface ProjectPlan {
  seed: number;
  org: string;
  project: string;
  /** Traces are generated until the project holds at least this many events. */
  minEvents: number;
  /** Events per calendar month for the organization; null = unlimited. */
  monthlyQuota: number | null;
}

/** What `POST /_sandbox/reset` restores. Documented in the README. */
export const PROJECT_PLANS: readonly ProjectPlan[] = [
  { seed: 0x1a7c, org: 'acme', project: 'proj_acme', minEvents: 2400, monthlyQuota: null },
  { seed: 0x9b0e, org: 'globex', project: 'proj_globex', minEvents: 150, monthlyQuota: null },
  { seed: 0x5c0c, org: 'smallco', project: 'proj_smallco', minEvents: 0, monthlyQuota: 10 },
];

/** Days of history before the anchor (the start of the current UTC day). */
export const SEED_DAYS = 30;

interface ModelInfo {
  provider: 'openai' | 'anthropic' | 'google';
  model: string;
  /** US dollars per million input / output tokens. */
  input: number;
  output: number;
}

const CHAT_MODELS: ModelInfo[] = [
  { provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10 },
  { provider: 'openai', model: 'gpt-4o-mini', input: 0.15, output: 0.6 },
  { provider: 'anthropic', model: 'claude-sonnet-4-6', input: 3, output: 15 },
  { provider: 'anthropic', model: 'claude-haiku-4-5', input: 1, output: 5 },
  { provider: 'google', model: 'gemini-2.5-flash', input: 0.3, output: 2.5 },
];
const EMBED_MODEL: ModelInfo = { provider: 'openai', model: 'text-embedding-3-small', input: 0.02, output: 0 };
const TOOLS = ['order-lookup', 'kb-search', 'web-search', 'refund-policy'];
/** Names of non-GenAI spans an OpenTelemetry-instrumented tool emits (sent through POST /v1/otel). */
const OTEL_SPANS = ['GET /orders/{id}', 'POST /search', 'SELECT orders', 'redis GET'];
const PROMPT_VERSIONS = ['v3', 'v4'];
const FEATURES = ['support-reply', 'summarize-ticket', 'search-answer', 'draft-email'];
const FAILURES: Record<Exclude<EventStatus, 'success'>, { code: string; message: string }> = {
  error: { code: 'context_length_exceeded', message: "Input exceeds the model's context window." },
  timeout: { code: 'request_timeout', message: 'The request timed out after 30 seconds.' },
  rate_limited: { code: 'rate_limit_exceeded', message: 'Provider rate limit reached; retry later.' },
  cancelled: { code: 'client_cancelled', message: 'The caller cancelled the request.' },
};

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

function hex(random: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += random.int(0, 15).toString(16);
  return s;
}

function llmStatus(random: Random): EventStatus {
  const roll = random.next();
  return roll < 0.93 ? 'success' : roll < 0.965 ? 'error' : roll < 0.98 ? 'timeout' : roll < 0.995 ? 'rate_limited' : 'cancelled';
}

interface TraceContext {
  random: Random;
  traceId: string;
  environment: string;
  userId: string;
  sessionId: string;
  feature: string;
  events: LqEvent[];
}

function base(ctx: TraceContext, spanId: string, parent: string | null, ms: number): Pick<LqEvent, 'event_id' | 'trace_id' | 'span_id' | 'parent_span_id' | 'timestamp' | 'environment' | 'user_id' | 'session_id' | 'sdk_version'> {
  return {
    event_id: ctx.random.uuid(),
    trace_id: ctx.traceId,
    span_id: spanId,
    parent_span_id: parent,
    timestamp: new Date(ms).toISOString(),
    environment: ctx.environment,
    user_id: ctx.userId,
    session_id: ctx.sessionId,
    sdk_version: ctx.random.chance(0.8) ? '1.4.2' : '1.4.1',
  };
}

/** One LLM call; returns its duration so the caller can place the next span. */
function llmSpan(ctx: TraceContext, spanId: string, parent: string | null, ms: number, embed = false): number {
  const { random } = ctx;
  const info = embed ? EMBED_MODEL : random.pick(CHAT_MODELS);
  const status = embed ? 'success' : llmStatus(random);
  const stream = !embed && random.chance(0.6);
  const input = embed ? random.int(50, 900) : random.int(200, 12_000);
  const output = embed || status !== 'success' ? 0 : random.int(20, 1_200);
  const cached = embed ? 0 : random.chance(0.4) ? random.int(0, Math.floor(input * 0.8)) : 0;
  const latency = status === 'timeout' ? 30_000 : embed ? random.int(40, 300) : random.int(250, 2_000) + output * random.int(5, 20);
  const event: LqEvent = {
    ...base(ctx, spanId, parent, ms),
    provider: info.provider,
    model: info.model,
    operation: embed ? 'embed' : 'chat',
    span_kind: embed ? 'retriever' : 'llm',
    latency_ms: latency,
    ...(stream && status === 'success' ? { ttft_ms: random.int(120, 900) } : {}),
    input_tokens: input,
    output_tokens: output,
    cached_tokens: cached,
    cost_usd: round6(((input - cached) * info.input + cached * info.input * 0.1 + output * info.output) / 1e6),
    status,
    ...(status === 'success' ? { finish_reason: embed ? 'stop' : random.chance(0.9) ? 'stop' : 'length' } : { error_code: FAILURES[status].code, error_message: FAILURES[status].message }),
    stream,
    tags: { feature: ctx.feature },
    ...(embed ? {} : { metadata: { prompt_version: random.pick(PROMPT_VERSIONS) } }),
    prompt_hash: hex(random, 64),
  };
  ctx.events.push(event);
  return latency;
}

/** A tool call: no model applies. Some tools are OpenTelemetry-instrumented and add one non-GenAI span. */
function toolSpan(ctx: TraceContext, spanId: string, parent: string, ms: number): number {
  const { random } = ctx;
  const latency = random.int(30, 1_800);
  ctx.events.push({
    ...base(ctx, spanId, parent, ms),
    provider: 'custom',
    operation: 'tool',
    span_kind: 'tool',
    latency_ms: latency,
    status: 'success',
    tags: { feature: ctx.feature, tool: random.pick(TOOLS) },
  });
  if (random.chance(0.25)) otelSpan(ctx, `${spanId}-otel`, spanId, ms + random.int(1, 10), Math.max(1, latency - 20));
  return latency;
}

/**
 * A span as POST /v1/otel stores one without `gen_ai.*` attributes: its name as `operation`, no model,
 * provider or span_kind, and none of the SDK's context fields.
 */
function otelSpan(ctx: TraceContext, spanId: string, parent: string, ms: number, latency: number): void {
  ctx.events.push({
    event_id: ctx.random.uuid(),
    trace_id: ctx.traceId,
    span_id: spanId,
    parent_span_id: parent,
    timestamp: new Date(ms).toISOString(),
    operation: ctx.random.pick(OTEL_SPANS),
    latency_ms: latency,
    status: 'success',
  });
}

/** One trace: a single chat call, a retrieval run (embed + chat) or an agent run with tool and LLM steps. */
function seedTrace(random: Random, index: number, startMs: number, project: string): LqEvent[] {
  const ctx: TraceContext = {
    random,
    traceId: `run-${project.replace(/^proj_/, '')}-${String(index).padStart(5, '0')}`,
    environment: random.chance(0.85) ? 'production' : 'staging',
    userId: `user_${random.int(1000, 1400)}`,
    sessionId: random.uuid(),
    feature: random.pick(FEATURES),
    events: [],
  };
  const shape = random.next();
  if (shape < 0.4) {
    llmSpan(ctx, 'span-1', null, startMs);
    return ctx.events;
  }
  const rootAt = ctx.events.length;
  ctx.events.push({
    ...base(ctx, 'span-root', null, startMs),
    provider: 'custom',
    operation: 'agent',
    span_kind: 'agent',
    latency_ms: 0,
    status: 'success',
  });
  let t = startMs + random.int(5, 50);
  if (shape < 0.65) {
    t += llmSpan(ctx, 'span-embed', 'span-root', t, true) + random.int(1, 20);
    t += llmSpan(ctx, 'span-chat', 'span-root', t) + random.int(1, 20);
  } else {
    const steps = random.int(2, 5);
    for (let step = 1; step <= steps; step++) {
      const tool = `span-tool-${step}`;
      const toolStart = t;
      t += toolSpan(ctx, tool, 'span-root', t) + random.int(1, 20);
      // Some tools summarise their result with a nested LLM call.
      if (random.chance(0.3)) t += llmSpan(ctx, `span-tool-${step}-llm`, tool, toolStart + random.int(5, 20));
      t += llmSpan(ctx, `span-llm-${step}`, 'span-root', t) + random.int(1, 20);
    }
  }
  const root = ctx.events[rootAt]!;
  root.latency_ms = t - startMs;
  const failed = ctx.events.find((e) => e.status !== 'success');
  if (failed) {
    root.status = 'error';
    root.error_code = 'step_failed';
    root.error_message = `Step ${failed.span_id} ended with ${failed.status}.`;
  }
  return ctx.events;
}

/** Deterministic events of one project: the same plan and anchor always give the same events. */
export function seedProject(plan: ProjectPlan, anchorMs: number): LqEvent[] {
  const random = createRandom(plan.seed);
  const events: LqEvent[] = [];
  const span = SEED_DAYS * 86_400_000 - 3_600_000;
  for (let index = 1; events.length < plan.minEvents; index++) {
    const startMs = anchorMs - 3_600_000 - random.int(0, span);
    events.push(...seedTrace(random, index, startMs, plan.project));
  }
  return events;
}

/** The start of the current UTC day: seeded history always ends just before it, so default windows have data. */
export function seedAnchor(now = Date.now()): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}
