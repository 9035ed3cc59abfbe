/** Pieces every client benchmark shares; import from '@apiforge/bench/harness'. */
export { startCannedServer, pagedBodies, type CannedServer, type PagedBodiesOptions } from './canned-server.js';
export { compareAB, type AbComparison } from './compare.js';
export { measureBundle, explainBundle, defaultModuleGroup, type BundleSize, type EsbuildBuild } from './bundle.js';
export { profileCalls, explainProfiles, frameGroup, type ProfileSummary } from './profile.js';
export { importWorkspacePackage, workspacePackageDir } from './import-package.js';
export {
  runClientBench,
  measureClient,
  clientBenchRows,
  CLIENT_GOALS,
  type ClientBenchSpec,
  type ClientBenchOptions,
  type ClientMeasurements,
  type OverheadMeasurement,
  type PaginationMeasurement,
} from './client-bench.js';
export { formatBenchRows } from './print.js';
export { median } from '../stats.js';
export type { BenchResult, BenchOptions } from '../types.js';
