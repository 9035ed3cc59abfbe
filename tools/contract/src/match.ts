import { isDeepStrictEqual } from 'node:util';
import type { BodyMatcher } from './profiles/types.js';

/**
 * Values under `keys` echo the request: they must equal `sent` when the case knows what it sent,
 * else only have the example's type (e.g. `details[].value` of a validation error).
 */
export interface Echo {
  keys: readonly string[];
  sent?: string;
}

/** Compares a body with a documented example; returns why it differs, or null. */
export function matchBody(matcher: BodyMatcher, actual: unknown, expected: unknown, echo?: Echo): string | null {
  const ok = matcher === 'exact' ? isDeepStrictEqual(actual, expected) : contains(actual, expected, echo);
  if (ok) return null;
  const echoed = echo?.keys.length ? ` (${echo.keys.join(', ')} ${echo.sent !== undefined ? `= ${JSON.stringify(echo.sent)}` : 'of any value'})` : '';
  return `body ${JSON.stringify(actual)} does not ${matcher === 'exact' ? 'equal' : 'contain'} ${JSON.stringify(expected)}${echoed}`;
}

/** Every property of `expected` is in `actual` with a matching value; each expected array item matches some actual item. */
function contains(actual: unknown, expected: unknown, echo?: Echo): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e) => actual.some((a) => contains(a, e, echo)));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => {
      const value = (actual as Record<string, unknown>)[k];
      if (echo?.keys.includes(k)) return echo.sent !== undefined ? value === echo.sent : typeof value === typeof v;
      return contains(value, v, echo);
    });
  }
  return isDeepStrictEqual(actual, expected);
}
