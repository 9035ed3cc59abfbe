export interface TargetResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  bodyBytes: number;
}

export interface BenchReport {
  benchmark: 'sandbox-throughput';
  request: string;
  date: string;
  node: string;
  durationSeconds: number;
  connections: number;
  targets: { sandbox: TargetResult; bare: TargetResult; prism: TargetResult };
  ratios: { sandboxVsPrism: number; sandboxVsBare: number };
  goals: { name: string; goal: number; actual: number; met: boolean }[];
}

export const GOALS: { sandboxVsPrism: number; sandboxVsBare: number };
export function runBench(options?: { durationSeconds?: number; connections?: number; write?: boolean; log?: (line: string) => void }): Promise<BenchReport>;
export function formatReport(report: BenchReport): string;
