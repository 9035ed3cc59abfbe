/**
 * What a change asks of the release (the changeset gate): `breaking` → major, `non-breaking` → minor,
 * `docs-only` → patch. `docs-only` changes alter no wire behaviour.
 */
export type Severity = 'breaking' | 'non-breaking' | 'docs-only';

/**
 * What a change means for a reviewer, the same three levels as oasdiff's error / warn / info:
 * `breaking` — a caller or generated client that worked before can fail (fails CI unless a major
 * changeset releases it or a waiver accepts it); `warning` — may break someone but cannot be proven to,
 * or was accepted on purpose (a waiver, a removal after its deprecation); `info` — safe.
 */
export type Level = 'breaking' | 'warning' | 'info';

export const LEVELS: readonly Level[] = ['breaking', 'warning', 'info'];

export type ChangeKind =
  | 'api-added'
  | 'api-removed'
  | 'path-added'
  | 'path-removed'
  | 'operation-added'
  | 'operation-removed'
  | 'operation-id-changed'
  | 'deprecated'
  | 'parameter-added'
  | 'parameter-removed'
  | 'path-parameter-renamed'
  | 'parameter-became-required'
  | 'parameter-became-optional'
  | 'request-body-added'
  | 'request-body-removed'
  | 'request-body-became-required'
  | 'request-body-became-optional'
  | 'media-type-added'
  | 'media-type-removed'
  | 'request-property-added'
  | 'request-property-removed'
  | 'request-property-became-required'
  | 'request-property-became-optional'
  | 'response-property-added'
  | 'response-property-removed'
  | 'response-property-became-optional'
  | 'response-property-became-required'
  | 'response-status-added'
  | 'response-status-removed'
  | 'response-header-added'
  | 'response-header-removed'
  | 'response-header-became-optional'
  | 'response-header-became-required'
  | 'type-narrowed'
  | 'type-widened'
  | 'type-changed'
  | 'format-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-added'
  | 'enum-removed'
  | 'const-changed'
  | 'bound-tightened'
  | 'bound-loosened'
  | 'pattern-changed'
  | 'additional-properties-changed'
  | 'variant-added'
  | 'variant-removed'
  | 'security-tightened'
  | 'security-relaxed'
  | 'security-scheme-changed'
  | 'server-url-changed'
  | 'server-url-added'
  | 'docs-changed'
  /** An x- extension our generated clients, sandbox or contract suite consume (prefixes, pagination, limits). */
  | 'extension-changed'
  /** A provenance mark (x-source / x-assumption) appeared, went or changed kind. */
  | 'provenance-changed'
  /** `deprecated: true` removed again. */
  | 'reactivated'
  /** The x-sunset date of a deprecated element was removed, moved or cannot be read. */
  | 'sunset-changed';

export interface Change {
  kind: ChangeKind;
  severity: Severity;
  level: Level;
  /** Where the change is, as segments, e.g. ["GET /api/v1/issues", "query.limit", "maximum"]. */
  location: string[];
  /** Short before → after summary, e.g. "200 → 100". Empty when the location says it all. */
  detail: string;
  /** One plain-English sentence saying what changed and what it means for callers. */
  message: string;
  /** A breaking change accepted through spec-diff-waivers.yaml (then reported as non-breaking). */
  waived?: { reason: string; expires: string };
}

export const LOCATION_SEPARATOR = ' › ';

export function formatLocation(change: Change): string {
  const base = change.location.join(LOCATION_SEPARATOR);
  return change.detail ? `${base} ${change.detail}` : base;
}

/** The level a severity has unless a rule says otherwise. */
export function defaultLevel(severity: Severity): Level {
  return severity === 'breaking' ? 'breaking' : 'info';
}
