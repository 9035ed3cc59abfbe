import fc from 'fast-check';
import { arbitraryFromSchema } from './schema-arbitrary.js';

type Schema = Record<string, unknown>;

/**
 * Longest generated URL value. Node's HTTP parser answers a request head over 16 KiB with its own bare 431
 * before any API code runs, so values stay well under that (the head also carries headers).
 */
const MAX_URL_VALUE = 4_000;

/** A query or path value: `raw` is sent as is (already URL syntax, e.g. a stray `%`), anything else is percent-encoded. */
export type WireValue = { text: string; raw?: boolean };

const encoded = (text: string): WireValue => ({ text });
const raw = (text: string): WireValue => ({ text, raw: true });

export function toWire(value: WireValue): string {
  return value.raw ? value.text : percentEncode(value.text);
}

/** encodeURIComponent, except that a lone surrogate travels as the UTF-8 of U+FFFD instead of throwing. */
export function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
  }
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Values the schema allows, as they travel in a URL. */
export function validWireValue(doc: unknown, schema: Schema): fc.Arbitrary<WireValue> {
  return arbitraryFromSchema(doc, schema).map((v) => encoded(Array.isArray(v) ? v.map(scalarText).join(',') : scalarText(v)));
}

const HOSTILE_TEXTS = [
  '', ' ', '1e2', '1E1', '1.0', '1.5', '-1', '-0', '05', '0x10', '+1', ' 1', '1 ', 'NaN', 'Infinity', '-Infinity',
  '9999999999999999999999', '1e309', 'null', 'true', '[]', '{}', 'undefined', '\u0000', '../../etc/passwd', '<script>',
  "' OR 1=1 --", '\u202e\u0645\u0631\u062d\u0628\u0627', '😀'.repeat(8), '\ud800', 'ﬁ', 'Ⅻ', 'İ',
];

const RAW_HOSTILE = ['%', '%zz', '%ff', '%c3%28', '%e2%82', '%00', '%2e%2e', '%2F', '+', '%20', 'a%', '%%'];

/** The raw values above that are well-formed percent-encoding (a server decodes them without error). */
const RAW_WELL_FORMED = RAW_HOSTILE.filter((text) => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
});

/** Values a client might send that the schema does not allow: out of range, wrong type, odd syntax, huge, unicode. */
export function hostileWireValue(schema: Schema, options: { malformedEscapes?: boolean } = {}): fc.Arbitrary<WireValue> {
  const bounds: WireValue[] = [];
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength'] as const) {
    const bound = schema[key];
    if (typeof bound === 'number') {
      if (key.endsWith('Length')) bounds.push(encoded('x'.repeat(Math.max(0, bound - 1))), encoded('x'.repeat(Math.min(bound + 1, MAX_URL_VALUE))));
      else bounds.push(encoded(String(bound - 1)), encoded(String(bound + 1)), encoded(String(bound + 0.5)), encoded(`${bound}.0`));
    }
  }
  const enumValues = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]).map(String) : [];
  const enumVariants = enumValues.flatMap((v) => [encoded(v.toUpperCase()), encoded(` ${v}`), encoded(`${v},${v}`), encoded(v.slice(0, -1))]);
  return fc.oneof(
    fc.constantFrom(...HOSTILE_TEXTS.map(encoded), ...bounds, ...enumVariants),
    // Malformed escapes (`%`, `%zz`, broken UTF-8) can be left out for a server that dies on them (Prism 5.14).
    fc.constantFrom(...(options.malformedEscapes === false ? RAW_WELL_FORMED : RAW_HOSTILE).map(raw)),
    fc.string({ maxLength: 30, unit: 'binary' }).map(encoded),
    fc.integer({ min: 1, max: MAX_URL_VALUE }).map((n) => encoded('a'.repeat(n))),
    fc.double().map((n) => encoded(String(n))),
    fc.bigInt().map((n) => encoded(String(n))),
  );
}

/** Characters Node's HTTP client accepts in a header value (visible ASCII, space, tab and Latin-1). */
export const headerText = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    maxLength,
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
  });
