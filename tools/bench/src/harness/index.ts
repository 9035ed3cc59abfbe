/** Pieces every client benchmark shares; import from '@apiforge/bench/harness'. */
export { startCannedServer, pagedBodies, type CannedServer, type PagedBodiesOptions } from './canned-server.js';
export { compareAB, type AbComparison } from './compare.js';
export { measureBundle, explainBundle, defaultModuleGroup, type BundleSize, type EsbuildBuild } from './bundle.js';
export { profileCalls, explainProfiles, frameGroup, type ProfileSummary } from './profile.js';
export { importWorkspacePackage, workspacePackageDir } from './import-package.js';
export { median } from '../stats.js';
export type { BenchResult, BenchOptions } from '../types.js';
