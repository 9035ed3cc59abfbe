export { diffSpecs, formatLocation } from './diff/index.js';
export type { Change, ChangeKind, DiffOptions, Level, Severity } from './diff/index.js';
export { DEFAULT_DEPRECATION_DAYS } from './diff/index.js';
// For tools built on the diff (tools/review): the whole run, its report and the workspace helpers.
export { runSpecDiff } from './run.js';
export type { ApiBundles, ApiReport, ApiStatus, RunOptions, SpecDiffReport } from './run.js';
export { UsageError, repoRoot } from './git.js';
export { forEachFlag, type Flag } from './cli/flags.js';
export type { Base } from './git.js';
export { readApis } from './config.js';
export type { ApiEntry } from './config.js';
export { packagesByApi } from './gate/packages.js';
export { parseChangeset } from './gate/changesets.js';
export type { Bump } from './gate/changesets.js';
export type { GateResult, PackageVerdict } from './gate/check.js';
