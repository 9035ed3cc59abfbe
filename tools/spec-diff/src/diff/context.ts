import { type Change, type ChangeKind, defaultLevel, type Severity } from './types.js';
import type { SpecDocument } from './resolve.js';

/** Shared state of one spec comparison: both documents and the changes found so far. */
export interface DiffOptions {
  /** YYYY-MM-DD; sunset dates are compared with it. Defaults to the current UTC date. */
  today?: string;
  /** Minimum notice, in days, between deprecating something and its x-sunset date (default 90). */
  deprecationDays?: number;
}

export const DEFAULT_DEPRECATION_DAYS = 90;

/**
 * `warning` stands for a non-breaking change (a minor release at most) that a reviewer must look at:
 * it may break someone, or it breaks on purpose within the deprecation policy.
 */
export type EmitSeverity = Severity | 'warning';

/** Shared state of one spec comparison: both documents and the changes found so far. */
export class DiffContext {
  readonly changes: Change[] = [];
  readonly today: string;
  readonly deprecationDays: number;
  /** The spec announces sunsets (x-sunset somewhere on either side): removals then need a sunset that has passed. */
  readonly sunsetPolicy: boolean;

  constructor(
    readonly before: SpecDocument,
    readonly after: SpecDocument,
    options: DiffOptions = {},
    sunsetPolicy?: boolean,
  ) {
    this.today = options.today ?? new Date().toISOString().slice(0, 10);
    this.deprecationDays = options.deprecationDays ?? DEFAULT_DEPRECATION_DAYS;
    this.sunsetPolicy = sunsetPolicy ?? (usesSunset(before.root) || usesSunset(after.root));
  }

  emit(kind: ChangeKind, severity: EmitSeverity, location: string[], detail: string, message: string): void {
    if (severity === 'warning') this.changes.push({ kind, severity: 'non-breaking', level: 'warning', location, detail, message });
    else this.changes.push({ kind, severity, level: defaultLevel(severity), location, detail, message });
  }

  /** A context that records into its own list; used to try a pairing before committing to it. */
  scratch(): DiffContext {
    return new DiffContext(this.before, this.after, { today: this.today, deprecationDays: this.deprecationDays }, this.sunsetPolicy);
  }
}

/** Whether any object in the document carries `x-sunset`. Bounded by the document's own size. */
function usesSunset(root: unknown): boolean {
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && 'x-sunset' in node) return true;
    stack.push(...Object.values(node));
  }
  return false;
}
