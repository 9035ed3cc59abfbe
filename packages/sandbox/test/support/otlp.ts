/**
 * OTLP trace exports written by hand for the LumiqTrace tests, in both OTLP/HTTP encodings: the JSON
 * mapping and the protobuf wire format (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span).
 */

/** An attribute value: a string, a whole number (intValue) or a list of strings (arrayValue). */
export type TestAttribute = string | number | string[];

export interface TestSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string | undefined;
  name?: string | undefined;
  startNs: bigint;
  endNs: bigint;
  attributes?: Array<[string, TestAttribute]> | undefined;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode?: 0 | 1 | 2 | undefined;
  statusMessage?: string | undefined;
}

function jsonValue(value: TestAttribute): Record<string, unknown> {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'number') return { intValue: String(value) };
  return { stringValue: value };
}

/** The OTLP/JSON encoding (ids as hex strings, times as decimal strings, int64 values as strings). */
export function toOtlpJson(spans: readonly TestSpan[]): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'sandbox-test' } }] },
        scopeSpans: [
          {
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId !== undefined ? { parentSpanId: s.parentSpanId } : {}),
              ...(s.name !== undefined ? { name: s.name } : {}),
              startTimeUnixNano: String(s.startNs),
              endTimeUnixNano: String(s.endNs),
              attributes: (s.attributes ?? []).map(([key, value]) => ({ key, value: jsonValue(value) })),
              ...(s.statusCode !== undefined ? { status: { code: s.statusCode, ...(s.statusMessage ? { message: s.statusMessage } : {}) } } : {}),
            })),
          },
        ],
      },
    ],
  };
}

const varint = (value: number | bigint): number[] => {
  let n = BigInt(value);
  const out: number[] = [];
  while (n > 127n) {
    out.push(Number(n & 127n) | 128);
    n >>= 7n;
  }
  out.push(Number(n));
  return out;
};
const bytesField = (no: number, bytes: readonly number[]): number[] => [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
const varintField = (no: number, value: number | bigint): number[] => [...varint(no << 3), ...varint(value)];
const fixed64Field = (no: number, value: bigint): number[] => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return [...varint((no << 3) | 1), ...b];
};
const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const hexBytes = (hex: string): number[] => [...Buffer.from(hex, 'hex')];

function protoValue(value: TestAttribute): number[] {
  if (Array.isArray(value)) return bytesField(5, value.flatMap((v) => bytesField(1, bytesField(1, utf8(v)))));
  if (typeof value === 'number') return varintField(3, BigInt.asUintN(64, BigInt(value)));
  return bytesField(1, utf8(value));
}

/** The protobuf encoding (field numbers of opentelemetry/proto/trace/v1/trace.proto). */
export function toOtlpProtobuf(spans: readonly TestSpan[]): Uint8Array {
  const encoded = spans.flatMap((s) =>
    bytesField(2, [
      ...bytesField(1, hexBytes(s.traceId)),
      ...bytesField(2, hexBytes(s.spanId)),
      ...(s.parentSpanId !== undefined ? bytesField(4, hexBytes(s.parentSpanId)) : []),
      ...(s.name !== undefined ? bytesField(5, utf8(s.name)) : []),
      ...fixed64Field(7, s.startNs),
      ...fixed64Field(8, s.endNs),
      ...(s.attributes ?? []).flatMap(([key, value]) => bytesField(9, [...bytesField(1, utf8(key)), ...bytesField(2, protoValue(value))])),
      ...(s.statusCode !== undefined
        ? bytesField(15, [...(s.statusMessage ? bytesField(2, utf8(s.statusMessage)) : []), ...varintField(3, s.statusCode)])
        : []),
    ]),
  );
  return Uint8Array.from(bytesField(1, bytesField(2, encoded)));
}
