import { isObject } from './resolve.js';

/** JSON text with object keys sorted, so that equal values compare equal regardless of key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** A value as it should appear in a report: short, JSON-ish, never multi-line. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? JSON.stringify(value) : canonical(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function formatList(values: readonly unknown[]): string {
  return values.map(formatValue).join(', ');
}
