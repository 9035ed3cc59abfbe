import { createHash } from 'node:crypto';
import type { LqEvent } from './model.js';

/** The parts of an OTLP/JSON ExportTraceServiceRequest the sandbox reads. */
interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: { key?: string; value?: OtlpAnyValue }[];
  status?: { code?: number | string; message?: string };
}
export interface OtlpExport {
  resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

class ProtobufError extends Error {}

/** One field of a protobuf message: varints as bigint, fixed64 as its 8 bytes, length-delimited as bytes. */
interface WireField {
  no: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buf: Buffer, at: { pos: number }): bigint {
  let result = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (at.pos >= buf.length) throw new ProtobufError('truncated varint');
    const byte = buf[at.pos++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
  }
  throw new ProtobufError('varint too long');
}

/** Protobuf wire format, just enough for OTLP traces (no schema compiler needed for six message types). */
function fields(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const tag = Number(readVarint(buf, at));
    const no = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ no, varint: readVarint(buf, at) });
    else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at.pos + size > buf.length) throw new ProtobufError('truncated fixed field');
      out.push({ no, bytes: buf.subarray(at.pos, at.pos + size) });
      at.pos += size;
    } else if (wire === 2) {
      const length = Number(readVarint(buf, at));
      if (at.pos + length > buf.length) throw new ProtobufError('truncated field');
      out.push({ no, bytes: buf.subarray(at.pos, at.pos + length) });
      at.pos += length;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}

const sub = (list: WireField[], no: number): Buffer[] => list.flatMap((f) => (f.no === no && f.bytes ? [f.bytes] : []));
const first = (list: WireField[], no: number): WireField | undefined => list.find((f) => f.no === no);

function anyValue(buf: Buffer): OtlpAnyValue {
  const f = fields(buf);
  const s = first(f, 1);
  if (s?.bytes) return { stringValue: s.bytes.toString('utf8') };
  const b = first(f, 2);
  if (b?.varint !== undefined) return { boolValue: b.varint !== 0n };
  const i = first(f, 3);
  if (i?.varint !== undefined) return { intValue: BigInt.asIntN(64, i.varint).toString() };
  const d = first(f, 4);
  if (d?.bytes) return { doubleValue: d.bytes.readDoubleLE(0) };
  const a = first(f, 5);
  if (a?.bytes) return { arrayValue: { values: sub(fields(a.bytes), 1).map(anyValue) } };
  return {};
}

function span(buf: Buffer): OtlpSpan {
  const f = fields(buf);
  const hex = (no: number): string | undefined => first(f, no)?.bytes?.toString('hex') || undefined;
  const nanos = (no: number): string | undefined => {
    const bytes = first(f, no)?.bytes;
    return bytes ? bytes.readBigUInt64LE(0).toString() : undefined;
  };
  const status = first(f, 15)?.bytes;
  const statusFields = status ? fields(status) : [];
  const name = first(f, 5)?.bytes?.toString('utf8');
  const traceId = hex(1);
  const spanId = hex(2);
  const parentSpanId = hex(4);
  const start = nanos(7);
  const end = nanos(8);
  return {
    ...(traceId ? { traceId } : {}),
    ...(spanId ? { spanId } : {}),
    ...(parentSpanId ? { parentSpanId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(start ? { startTimeUnixNano: start } : {}),
    ...(end ? { endTimeUnixNano: end } : {}),
    attributes: sub(f, 9).map((kv) => {
      const kf = fields(kv);
      const value = first(kf, 2)?.bytes;
      return { key: first(kf, 1)?.bytes?.toString('utf8') ?? '', value: value ? anyValue(value) : {} };
    }),
    status: {
      code: Number(first(statusFields, 3)?.varint ?? 0n),
      ...(first(statusFields, 2)?.bytes ? { message: first(statusFields, 2)!.bytes!.toString('utf8') } : {}),
    },
  };
}

/** Decodes a protobuf ExportTraceServiceRequest into its OTLP/JSON shape; undefined when it is not one. */
export function decodeOtlpProtobuf(buf: Buffer): OtlpExport | undefined {
  try {
    return {
      resourceSpans: sub(fields(buf), 1).map((rs) => ({
        scopeSpans: sub(fields(rs), 2).map((ss) => ({ spans: sub(fields(ss), 2).map(span) })),
      })),
    };
  } catch (error) {
    if (error instanceof ProtobufError || error instanceof RangeError) return undefined;
    throw error;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
const isString = (v: unknown): boolean => typeof v === 'string';
const isTime = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';
const listOf = (v: unknown, check: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(check);

function isAnyValue(v: unknown, depth = 0): boolean {
  if (!isObject(v) || depth > 8) return false;
  return (
    optional(v['stringValue'], isString) &&
    optional(v['intValue'], isTime) &&
    optional(v['doubleValue'], (x) => typeof x === 'number') &&
    optional(v['boolValue'], (x) => typeof x === 'boolean') &&
    optional(v['arrayValue'], (a) => isObject(a) && optional(a['values'], (list) => listOf(list, (item) => isAnyValue(item, depth + 1))))
  );
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isAttributes = (list: unknown): boolean => listOf(list, (a) => isObject(a) && optional(a['key'], isString) && optional(a['value'], isAnyValue));

/** An object whose listed fields, when present, each pass their check (OTLP/JSON fields are all optional). */
const withFields =
  (checks: Record<string, (value: unknown) => boolean>) =>
  (v: unknown): boolean =>
    isObject(v) && Object.entries(checks).every(([field, check]) => optional(v[field], check));

const isResource = withFields({ attributes: isAttributes, droppedAttributesCount: isCount });
const isScope = withFields({ name: isString, version: isString, attributes: isAttributes, droppedAttributesCount: isCount });
const isSpanEvent = withFields({ timeUnixNano: isTime, name: isString, attributes: isAttributes, droppedAttributesCount: isCount });
const isSpanLink = withFields({
  traceId: isString,
  spanId: isString,
  traceState: isString,
  attributes: isAttributes,
  droppedAttributesCount: isCount,
  flags: isCount,
});

function isSpan(v: unknown): boolean {
  if (!isObject(v)) return false;
  return (
    optional(v['traceState'], isString) &&
    optional(v['flags'], isCount) &&
    optional(v['kind'], isTime) &&
    optional(v['events'], (list) => listOf(list, isSpanEvent)) &&
    optional(v['links'], (list) => listOf(list, isSpanLink)) &&
    optional(v['droppedAttributesCount'], isCount) &&
    optional(v['droppedEventsCount'], isCount) &&
    optional(v['droppedLinksCount'], isCount) &&
    optional(v['traceId'], isString) &&
    optional(v['spanId'], isString) &&
    optional(v['parentSpanId'], isString) &&
    optional(v['name'], isString) &&
    optional(v['startTimeUnixNano'], isTime) &&
    optional(v['endTimeUnixNano'], isTime) &&
    optional(v['attributes'], isAttributes) &&
    optional(v['status'], (st) => isObject(st) && optional(st['code'], isTime) && optional(st['message'], isString))
  );
}

/**
 * An OTLP/JSON export whose every known part (resource, scope, spans with their attributes, status,
 * events and links) has the type OTLP gives it; undefined otherwise (answered with 400). Unknown fields
 * are allowed, as OTLP/JSON receivers must.
 */
export function checkOtlpJson(body: unknown): OtlpExport | undefined {
  if (!isObject(body)) return undefined;
  const isScopeSpans = (ss: unknown): boolean =>
    isObject(ss) && optional(ss['scope'], isScope) && optional(ss['schemaUrl'], isString) && optional(ss['spans'], (spans) => listOf(spans, isSpan));
  const ok = optional(body['resourceSpans'], (list) =>
    listOf(
      list,
      (rs) =>
        isObject(rs) &&
        optional(rs['resource'], isResource) &&
        optional(rs['schemaUrl'], isString) &&
        optional(rs['scopeSpans'], (scopes) => listOf(scopes, isScopeSpans)),
    ),
  );
  return ok ? (body as OtlpExport) : undefined;
}

function attributeMap(s: OtlpSpan): Map<string, OtlpAnyValue> {
  return new Map((s.attributes ?? []).flatMap((a) => (a.key && a.value ? [[a.key, a.value] as const] : [])));
}

const text = (v: OtlpAnyValue | undefined): string | undefined => v?.stringValue;
const integer = (v: OtlpAnyValue | undefined): number | undefined => {
  const raw = v?.intValue ?? v?.doubleValue;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
};
/** `gen_ai.response.finish_reasons` is a list in OpenTelemetry; a plain string is kept as it is. */
const reasons = (v: OtlpAnyValue | undefined): string | string[] | undefined => {
  if (v?.stringValue !== undefined) return v.stringValue;
  const values = v?.arrayValue?.values?.flatMap((item) => (item.stringValue !== undefined ? [item.stringValue] : []));
  return values && values.length > 0 ? values : undefined;
};

function nanos(raw: string | number | undefined): bigint | undefined {
  if (raw === undefined || !/^\d{1,20}$/.test(String(raw))) return undefined;
  return BigInt(raw);
}

/** A stable UUIDv4-shaped id per (traceId, spanId), so re-exporting the same span never duplicates it. */
function eventIdOf(traceId: string, spanId: string): string {
  const h = createHash('sha256').update(`${traceId}/${spanId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Spans as LumiqTrace events, mapped as the OTLP reference's table says: span name → `operation`,
 * `gen_ai.system` → `provider`, `gen_ai.request.model` → `model`, `gen_ai.usage.prompt_tokens` /
 * `completion_tokens` → `input_tokens` / `output_tokens`, `gen_ai.response.finish_reasons` →
 * `finish_reason`, and the ids. A field whose attribute is absent stays absent (a span without `gen_ai.*`
 * attributes has no model or provider). The table names no source for the rest; the sandbox fills
 * `timestamp` from the start time, `latency_ms` from the duration and `status` from the span status
 * (error or success), and sets no `span_kind`. Spans without a traceId or spanId are skipped.
 */
export function otlpToEvents(request: OtlpExport): LqEvent[] {
  const events: LqEvent[] = [];
  for (const resource of request.resourceSpans ?? []) {
    for (const scope of resource.scopeSpans ?? []) {
      for (const s of scope.spans ?? []) {
        if (!s.traceId || !s.spanId) continue;
        const attrs = attributeMap(s);
        // At most 20 digits of nanoseconds: always inside the range a Date can show.
        const startNs = nanos(s.startTimeUnixNano) ?? 0n;
        const rawEnd = nanos(s.endTimeUnixNano) ?? startNs;
        const endNs = rawEnd < startNs ? startNs : rawEnd;
        const system = text(attrs.get('gen_ai.system'));
        const model = text(attrs.get('gen_ai.request.model'));
        const input = integer(attrs.get('gen_ai.usage.prompt_tokens'));
        const output = integer(attrs.get('gen_ai.usage.completion_tokens'));
        const finish = reasons(attrs.get('gen_ai.response.finish_reasons'));
        const failed = Number(s.status?.code) === 2 || s.status?.code === 'STATUS_CODE_ERROR';
        events.push({
          event_id: eventIdOf(s.traceId, s.spanId),
          trace_id: s.traceId,
          span_id: s.spanId,
          parent_span_id: s.parentSpanId ? s.parentSpanId : null,
          timestamp: new Date(Number(startNs / 1_000_000n)).toISOString(),
          ...(s.name !== undefined ? { operation: s.name } : {}),
          ...(system !== undefined ? { provider: system } : {}),
          ...(model !== undefined ? { model } : {}),
          latency_ms: Number((endNs - startNs) / 1_000_000n),
          ...(input !== undefined ? { input_tokens: input } : {}),
          ...(output !== undefined ? { output_tokens: output } : {}),
          ...(finish !== undefined ? { finish_reason: finish } : {}),
          status: failed ? 'error' : 'success',
          ...(failed && s.status?.message ? { error_message: s.status.message } : {}),
        });
      }
    }
  }
  return events;
}
