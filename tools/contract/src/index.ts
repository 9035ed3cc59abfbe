export { runContract, loadModel, weighByProvenance, type RunOptions, type RunReport } from './runner.js';
export { deriveCases } from './derive/index.js';
export { buildModel, type ApiModel, type Operation } from './spec.js';
export { SchemaValidator, ConformanceRecorder } from './conformance.js';
export { toJunitXml } from './report/junit.js';
export { formatSummary, countByKind, type KindCounts } from './report/summary.js';
export { profileFor, type ApiProfile, type TokenFixture } from './profiles/index.js';
export { tamperCursor } from './derive/cursors.js';
export { CHECK_KINDS, type CheckKind, type CaseResult, type CaseDef, type Capability, type Target } from './types.js';
