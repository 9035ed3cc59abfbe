export { diffSpecs, formatLocation } from './diff/index.js';
export type { Change, ChangeKind, Severity } from './diff/index.js';
