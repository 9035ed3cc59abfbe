// Property tests for LumiqTrace ingest, driven by a seeded generator (the sandbox has no property-testing
// dependency; the engine's mulberry32 PRNG makes every run the same and a failure reproducible by its case
// number). Every response is also checked against the bundled spec by the support layer.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../src/engine/index.js';
import { LQ, lumiqtraceSpec, startLumiqSandbox, type LqSandbox } from './support/lumiqtrace.js';
import { toOtlpJson, toOtlpProtobuf, type TestAttribute, type TestSpan } from './support/otlp.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** The spec's own NDJSON line schema, compiled apart from the sandbox: the oracle for "the spec accepts this line". */
function lineSchemaOracle(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = 'https://apiforge.invalid/lumiqtrace-properties/openapi.json';
  ajv.addSchema({ ...(lumiqtraceSpec as object), $id: id });
  const media = (lumiqtraceSpec as any).paths['/v1/ingest'].post.requestBody.content['application/x-ndjson'];
  return ajv.compile({ $ref: `${id}#${media.schema.$ref.slice(1)}` });
}

const ENUMS = {
  provider: ['openai', 'anthropic', 'google', 'custom'],
  operation: ['chat', 'embed', 'tool', 'agent', 'custom'],
  status: ['success', 'error', 'timeout', 'rate_limited', 'cancelled'],
  span_kind: ['llm', 'agent', 'tool', 'planning', 'handoff', 'retriever', 'guardrail', 'general'],
} as const;
const TEXTS = ['', 'gpt-4o', 'claude-sonnet-4-6', 'production', 'ünïcödé ✓', '😀 emoji', 'a'.repeat(700), 'line\nbreak', '{"json":"text"}'];
const NUMBERS = [0, 1, 17, 843, 0.0034, 1e-9, 123456789, -1, 2.5];
const WRONG = [null, true, 42, 'text', [], [1], { nested: 1 }];

/** A line that the spec accepts: the five required fields, then any documented optional field, then unknown ones. */
function validLine(random: Random, n: number): Record<string, unknown> {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const event: Record<string, unknown> = {
    event_id: random.uuid(),
    trace_id: `prop-line-${n}`,
    span_id: `span-${n}`,
    timestamp: random.chance(0.8) ? `2031-01-${day}T10:${String(n % 60).padStart(2, '0')}:00.000Z` : `2031-01-${day}T12:00:00+02:00`,
    provider: random.pick(ENUMS.provider),
  };
  const optional: Array<[string, () => unknown]> = [
    ['parent_span_id', () => `span-parent-${random.int(0, 9)}`],
    ['model', () => random.pick(TEXTS)],
    ['operation', () => random.pick(ENUMS.operation)],
    ['span_kind', () => random.pick(ENUMS.span_kind)],
    ['status', () => random.pick(ENUMS.status)],
    ['latency_ms', () => random.pick(NUMBERS)],
    ['ttft_ms', () => random.pick(NUMBERS)],
    ['input_tokens', () => random.pick(NUMBERS)],
    ['output_tokens', () => random.pick(NUMBERS)],
    ['cached_tokens', () => random.pick(NUMBERS)],
    ['cost_usd', () => random.pick(NUMBERS)],
    ['error_code', () => random.pick(TEXTS)],
    ['error_message', () => random.pick(TEXTS)],
    ['finish_reason', () => (random.chance(0.5) ? random.pick(TEXTS) : [random.pick(TEXTS), 'stop'])],
    ['stream', () => random.chance(0.5)],
    ['environment', () => random.pick(TEXTS)],
    ['user_id', () => random.pick(TEXTS)],
    ['session_id', () => random.uuid()],
    ['tags', () => ({ feature: random.pick(TEXTS), [random.pick(['team', 'ü', ''])]: random.pick(TEXTS) })],
    ['metadata', () => ({ depth: { list: [1, 'two', null], flag: random.chance(0.5) } })],
    ['prompt_hash', () => random.pick(['ab'.repeat(32), 'not hex at all', ''])],
    ['delegation_reason', () => random.pick(TEXTS)],
    ['sdk_version', () => random.pick(['1.4.2', '2.0.0-beta.1'])],
    ['eval_scores', () => ({ relevance: random.next() })],
    ['x_custom_field', () => random.pick(WRONG)],
  ];
  for (const [name, value] of optional) if (random.chance(0.45)) event[name] = value();
  return event;
}

/** One change that may or may not break the line; the oracle, not the change, says which. */
function mutate(random: Random, event: Record<string, unknown>): unknown {
  const fields = Object.keys(event).filter((f) => f !== 'trace_id');
  switch (random.int(0, 8)) {
    case 0: {
      const copy = { ...event };
      delete copy[random.pick(['event_id', 'span_id', 'timestamp', 'provider', 'model', 'status'])];
      return copy;
    }
    case 1:
      return { ...event, [random.pick(fields)]: random.pick(WRONG) };
    case 2:
      return { ...event, [random.pick(['provider', 'operation', 'status', 'span_kind'])]: random.pick(['azure', 'chain', 'ok', 'CHAT', '', 'completion']) };
    case 3:
      return { ...event, event_id: random.pick(['not-a-uuid', '', '550e8400e29b41d4a716446655440000', '550E8400-E29B-41D4-A716-446655440000']) };
    case 4:
      return { ...event, timestamp: random.pick(['yesterday', '2031-01-05', '2031-01-05 10:00:00', '2031-13-01T00:00:00Z', '2031-01-05T10:00:00.5Z']) };
    case 5:
      return { ...event, parent_span_id: random.pick([null, '', 'span-root']) };
    case 6:
      return { ...event, tags: random.pick([{ a: 1 }, { a: 'b' }, ['a'], 'tags', {}]) };
    case 7:
      return random.pick([[event], 'event', 17, null, true]);
    default:
      return { ...event, error_message: 'é'.repeat(random.int(490, 620)) };
  }
}

/** What LumiqTrace stores of an accepted line: everything as sent, error_message cut to 500 characters. */
function stored(line: Record<string, unknown>): Record<string, unknown> {
  const message = line['error_message'];
  if (typeof message !== 'string') return line;
  return { ...line, error_message: Array.from(message).slice(0, 500).join('') };
}

let sandbox: LqSandbox;
beforeAll(async () => {
  // Hundreds of uploads in a few seconds: the test widens the per-minute window rather than hit it.
  sandbox = await startLumiqSandbox({ rateLimitScale: 20 });
});
afterAll(() => sandbox.close());

const post = (body: string | Uint8Array, contentType: string, path = '/v1/ingest') =>
  sandbox.call('POST', path, { apiKey: LQ.ingest, headers: { 'content-type': contentType }, body });

describe('NDJSON ingest accepts exactly the lines the spec line schema accepts', () => {
  const CASES = 400;
  const random = createRandom(0x1ea7);
  const oracle = lineSchemaOracle();
  const accepted = new Map<string, Record<string, unknown>>();

  it(`answers ${CASES} generated lines with 202 when the schema accepts them and 400 when it refuses them`, async () => {
    let valid = 0;
    for (let n = 0; n < CASES; n++) {
      const base = validLine(random, n);
      const line = random.chance(0.4) ? base : mutate(random, base);
      const expected = oracle(line);
      const result = await post(`${JSON.stringify(line)}\n`, 'application/x-ndjson');
      expect({ case: n, line, status: result.status }).toEqual({ case: n, line, status: expected ? 202 : 400 });
      if (expected) {
        valid++;
        const event = line as Record<string, unknown>;
        // A re-sent event_id is deduplicated: the first line with it is the one stored.
        if (!accepted.has(event['event_id'] as string)) accepted.set(event['event_id'] as string, stored(event));
      } else {
        expect(result.json).toEqual({ error: 'Each line must be one JSON event object' });
      }
    }
    // The generator must exercise both sides.
    expect(valid).toBeGreaterThan(CASES / 4);
    expect(CASES - valid).toBeGreaterThan(CASES / 4);
  });

  it('refuses a batch with one refused line and accepts it without that line', async () => {
    for (let n = 0; n < 30; n++) {
      const lines = Array.from({ length: random.int(2, 6) }, (_, i) => validLine(random, 1000 + n * 10 + i));
      const bad = random.int(0, lines.length - 1);
      const broken = { ...lines[bad]!, provider: 'azure' };
      expect(oracle(broken)).toBe(false);
      const body = (items: unknown[]) => items.map((l) => JSON.stringify(l)).join('\n');
      expect((await post(body(lines.map((l, i) => (i === bad ? broken : l))), 'application/x-ndjson')).status).toBe(400);
      expect((await post(body(lines), 'application/x-ndjson')).status).toBe(202);
      for (const line of lines) if (!accepted.has(line['event_id'] as string)) accepted.set(line['event_id'] as string, stored(line));
    }
  });

  it('reads every accepted line back, unchanged but for the documented error_message cut, conforming to the response schemas', async () => {
    const listed = await sandbox.allEvents('projectId=proj_acme&start=2030-12-31T00:00:00Z&end=2031-12-31T00:00:00Z');
    expect(listed).toHaveLength(accepted.size);
    for (const event of listed) expect(event).toEqual(accepted.get(event.event_id));
    // The trace tree of a sample of them (every response is checked against TraceTree by the support layer).
    const traces = [...new Set(listed.map((e) => e.trace_id as string))].slice(0, 60);
    for (const trace of traces) {
      const tree = await sandbox.get(`/v1/traces/${encodeURIComponent(trace)}?projectId=proj_acme`, LQ.member);
      expect(tree.status).toBe(200);
    }
  });
});

describe('OTLP spans with and without gen_ai attributes are stored and read back as the mapping says', () => {
  const EXPORTS = 60;
  const random = createRandom(0x07e1);
  const NAMES = ['chat', 'embed', 'GET /orders/{id}', 'db.query', '', 'ünïcödé span', 'x'.repeat(300)];
  const SYSTEMS = ['openai', 'anthropic', 'azure.ai.inference', 'my-own-llm', ''];
  const hex = (length: number) => Array.from({ length }, () => random.int(0, 15).toString(16)).join('');

  interface Sent {
    span: TestSpan;
    genAi: Record<string, TestAttribute>;
  }
  const sent: Sent[] = [];

  function generateSpan(traceId: string, earlier: readonly TestSpan[], base: bigint): Sent {
    const genAi: Record<string, TestAttribute> = {};
    if (random.chance(0.55)) {
      if (random.chance(0.9)) genAi['gen_ai.system'] = random.pick(SYSTEMS);
      if (random.chance(0.8)) genAi['gen_ai.request.model'] = random.pick(['gpt-4o', 'claude-sonnet-4-6', 'local-7b']);
      if (random.chance(0.7)) genAi['gen_ai.usage.prompt_tokens'] = random.int(0, 50_000);
      if (random.chance(0.7)) genAi['gen_ai.usage.completion_tokens'] = random.int(0, 4_000);
      if (random.chance(0.5)) genAi['gen_ai.response.finish_reasons'] = random.chance(0.7) ? [random.pick(['stop', 'length'])] : 'stop';
    }
    const others: Array<[string, TestAttribute]> = random.chance(0.6) ? [['http.method', 'GET'], ['retry.count', random.int(0, 3)]] : [];
    const startNs = base + BigInt(random.int(0, 3_600_000)) * 1_000_000n;
    const parent = earlier.length > 0 && random.chance(0.7) ? random.pick(earlier).spanId : random.chance(0.1) ? hex(16) : undefined;
    const span: TestSpan = {
      traceId,
      spanId: hex(16),
      ...(parent !== undefined ? { parentSpanId: parent } : {}),
      ...(random.chance(0.95) ? { name: random.pick(NAMES) } : {}),
      startNs,
      endNs: startNs + BigInt(random.int(0, 90_000)) * 1_000_000n,
      attributes: [...Object.entries(genAi), ...others],
      ...(random.chance(0.3) ? { statusCode: random.pick([0, 1, 2] as const), statusMessage: random.pick(['', 'upstream failed']) } : {}),
    };
    return { span, genAi };
  }

  it(`accepts ${EXPORTS} generated exports in either encoding with 202`, async () => {
    const base = BigInt(Date.UTC(2032, 0, 1)) * 1_000_000n;
    for (let n = 0; n < EXPORTS; n++) {
      const traceId = hex(32);
      const spans: TestSpan[] = [];
      const count = random.int(1, 6);
      for (let i = 0; i < count; i++) {
        const generated = generateSpan(traceId, spans, base);
        spans.push(generated.span);
        sent.push(generated);
      }
      const protobuf = random.chance(0.5);
      const result = protobuf
        ? await post(toOtlpProtobuf(spans), 'application/x-protobuf', '/v1/otel')
        : await post(JSON.stringify(toOtlpJson(spans)), 'application/json', '/v1/otel');
      expect({ case: n, protobuf, status: result.status }).toEqual({ case: n, protobuf, status: 202 });
    }
  });

  it('reads every span back through the event list and the trace tree, mapped as documented', async () => {
    const listed = await sandbox.allEvents('projectId=proj_acme&start=2031-12-31T00:00:00Z');
    expect(listed).toHaveLength(sent.length);
    const bySpan = new Map(listed.map((e) => [`${e.trace_id}/${e.span_id}`, e]));
    for (const { span, genAi } of sent) {
      const event = bySpan.get(`${span.traceId}/${span.spanId}`);
      const label = JSON.stringify(span, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).slice(0, 300);
      expect(event, label).toBeDefined();
      expect(event.operation, label).toBe(span.name);
      expect(event.provider, label).toBe(genAi['gen_ai.system']);
      expect(event.model, label).toBe(genAi['gen_ai.request.model']);
      expect(event.input_tokens, label).toBe(genAi['gen_ai.usage.prompt_tokens']);
      expect(event.output_tokens, label).toBe(genAi['gen_ai.usage.completion_tokens']);
      expect(event.finish_reason, label).toEqual(genAi['gen_ai.response.finish_reasons']);
      expect(event.parent_span_id, label).toBe(span.parentSpanId ?? null);
      expect(event.span_kind, label).toBeUndefined();
      expect(event.timestamp, label).toBe(new Date(Number(span.startNs / 1_000_000n)).toISOString());
      expect(event.status, label).toBe(span.statusCode === 2 ? 'error' : 'success');
    }
    for (const traceId of new Set(sent.map((s) => s.span.traceId))) {
      const tree = await sandbox.get(`/v1/traces/${traceId}?projectId=proj_acme`, LQ.member);
      expect(tree.status).toBe(200);
      const flat: any[] = [];
      const walk = (nodes: any[]) => nodes.forEach(({ children, ...node }) => (flat.push(node), walk(children ?? [])));
      walk(tree.json);
      expect(flat.length).toBe(sent.filter((s) => s.span.traceId === traceId).length);
    }
  });
});
