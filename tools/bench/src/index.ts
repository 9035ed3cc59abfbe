export type { BenchOptions, BenchResult, BenchRow, BenchReport, RunBench, ExpectedBenchmark, BenchProvider } from './types.js';
export { runBenchmarks, validateResults } from './runner.js';
export { formatTable, formatMarkdown, formatJson, formatRatio, formatMet, summaryLine } from './format.js';
export { buildReport, writeReport } from './report.js';
export { goalMet } from './goal.js';
export { interleave, median, timed } from './stats.js';
export { main } from './cli.js';
