import type { Change, ChangeKind, Severity } from './types.js';
import type { SpecDocument } from './resolve.js';

/** Shared state of one spec comparison: both documents and the changes found so far. */
export class DiffContext {
  readonly changes: Change[] = [];

  constructor(
    readonly before: SpecDocument,
    readonly after: SpecDocument,
  ) {}

  emit(kind: ChangeKind, severity: Severity, location: string[], detail: string, message: string): void {
    this.changes.push({ kind, severity, location, detail, message });
  }

  /** A context that records into its own list; used to try a pairing before committing to it. */
  scratch(): DiffContext {
    return new DiffContext(this.before, this.after);
  }
}
