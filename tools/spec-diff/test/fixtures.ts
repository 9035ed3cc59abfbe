import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { diffSpecs, formatLocation } from '../src/index.js';
import type { JsonObject } from '../src/diff/resolve.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function loadFixture(name: string, side: 'before' | 'after'): JsonObject {
  return parse(readFileSync(`${fixtures}${name}/${side}.yaml`, 'utf8')) as JsonObject;
}

/** Every fixture is compared on this day, so sunset dates in fixtures mean the same on any day the tests run. */
export const FIXTURE_TODAY = '2027-01-01';

export interface Seen {
  level: string;
  severity: string;
  kind: string;
  where: string;
  message: string;
}

/** Every change between a fixture's before.yaml and after.yaml, flattened for assertions. */
export function diffFixture(name: string): Seen[] {
  return diffSpecs(loadFixture(name, 'before'), loadFixture(name, 'after'), { today: FIXTURE_TODAY }).map((change) => ({
    level: change.level,
    severity: change.severity,
    kind: change.kind,
    where: formatLocation(change),
    message: change.message,
  }));
}

/** One expected change: severity, kind, rendered location, and a fragment its message must contain. */
export type Expected = [severity: string, kind: string, where: string, message: string];

export function expectChanges(seen: Seen[], expected: Expected[]): { actual: string[]; wanted: string[]; messagesOk: boolean } {
  const actual = seen.map((change) => `${change.severity} ${change.kind} ${change.where}`);
  const wanted = expected.map(([severity, kind, where]) => `${severity} ${kind} ${where}`);
  const messagesOk = expected.every(([, , where, message]) => seen.some((change) => change.where === where && change.message.includes(message)));
  return { actual, wanted, messagesOk };
}
