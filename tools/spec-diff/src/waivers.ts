// Waivers: a breaking change the team accepts without a major release, each with a reason and an expiry,
// kept in spec-diff-waivers.yaml at the repository root (oasdiff calls this its ignore file).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatLocation, type Change } from './diff/types.js';
import { UsageError } from './git.js';
import { asArray, asObject } from './diff/resolve.js';

export const WAIVERS_FILE = 'spec-diff-waivers.yaml';

export interface Waiver {
  api: string;
  /** A part of the change's location as the report prints it, e.g. `GET /api/v1/issues › query.limit`. */
  location: string;
  kind?: string;
  reason: string;
  /** YYYY-MM-DD; the waiver no longer applies after this day. */
  expires: string;
}

export function readWaivers(root: string, file = join(root, WAIVERS_FILE)): Waiver[] {
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${WAIVERS_FILE} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return asArray(asObject(raw).waivers).map((entry, index) => {
    const w = asObject(entry);
    const where = `${WAIVERS_FILE} waiver ${index + 1}`;
    for (const field of ['api', 'location', 'reason', 'expires'] as const) {
      if (typeof w[field] !== 'string' || (w[field] as string).trim() === '') throw new UsageError(`${where} needs a non-empty ${field}.`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(w.expires as string) || Number.isNaN(Date.parse(w.expires as string))) {
      throw new UsageError(`${where}: expires must be a date like 2027-01-31, got ${JSON.stringify(w.expires)}.`);
    }
    if ((w.reason as string).trim().length < 10) throw new UsageError(`${where}: the reason must say why the change is accepted.`);
    return { api: w.api as string, location: w.location as string, reason: w.reason as string, expires: w.expires as string, ...(typeof w.kind === 'string' ? { kind: w.kind } : {}) };
  });
}

export interface WaiverOutcome {
  changes: Change[];
  /** Waivers past their expiry that still match a change: they waive nothing, and the report says so. */
  expired: Waiver[];
}

/** Marks each breaking change a live waiver covers: a warning, which the gate treats as non-breaking. */
export function applyWaivers(api: string, changes: Change[], waivers: readonly Waiver[], today = new Date().toISOString().slice(0, 10)): WaiverOutcome {
  const expired: Waiver[] = [];
  const result = changes.map((change) => {
    if (change.severity !== 'breaking') return change;
    const where = formatLocation(change);
    const matching = waivers.filter((w) => w.api === api && where.includes(w.location) && (!w.kind || w.kind === change.kind));
    const live = matching.find((w) => w.expires >= today);
    for (const w of matching) if (w.expires < today && !expired.includes(w)) expired.push(w);
    return live ? { ...change, severity: 'non-breaking' as const, level: 'warning' as const, waived: { reason: live.reason, expires: live.expires } } : change;
  });
  return { changes: result, expired };
}
