import { isDeepStrictEqual } from 'node:util';
import type { BodyMatcher } from './profiles/types.js';

/** Compares a body with a documented example; returns why it differs, or null. */
export function matchBody(matcher: BodyMatcher, actual: unknown, expected: unknown): string | null {
  const ok = matcher === 'exact' ? isDeepStrictEqual(actual, expected) : contains(actual, expected);
  if (ok) return null;
  return `body ${JSON.stringify(actual)} does not ${matcher === 'exact' ? 'equal' : 'contain'} ${JSON.stringify(expected)}`;
}

/** Every property of `expected` is in `actual` with a matching value; each expected array item matches some actual item. */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e) => actual.some((a) => contains(a, e)));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return isDeepStrictEqual(actual, expected);
}
