export type Mark = { kind: 'source'; sources: string[] } | { kind: 'assumption'; text: string };
export interface Fact { kind: string; pointer: string; label: string; mark: Mark | undefined }
export interface ProvenanceReport {
  api: string;
  version: string;
  sources: Record<string, { title: string; url?: string; seed?: string }>;
  counts: { facts: number; documented: number; assumed: number; unmarked: number };
  byKind: Record<string, { documented: number; assumed: number; unmarked: number }>;
  bySource: Record<string, number>;
  assumptions: Array<{ kind: string; label: string; pointer: string; assumption: string }>;
  unmarked: Array<{ kind: string; label: string; pointer: string }>;
}
type Spec = Record<string, any>;
export declare function ownMark(node: unknown): Mark | undefined;
export declare function resolveRef(spec: Spec, node: unknown): { node: any; pointer: string | undefined };
export declare function operationsOf(spec: Spec): Array<{ path: string; method: string; operation: any; pathItem: any; pointer: string }>;
export declare function markForInstancePath(spec: Spec, schema: unknown, segments: Array<string | number>, inherited?: Mark): Mark | undefined;
export declare function responseMark(spec: Spec, operation: any, status: string | number): Mark | undefined;
export declare function headerMark(spec: Spec, operation: any, status: string | number, headerName: string): Mark | undefined;
export declare function parameterMark(spec: Spec, pathItem: any, operation: any, name: string, location?: string): Mark | undefined;
export declare function collectFacts(spec: Spec): Fact[];
export declare function provenanceReport(spec: Spec): ProvenanceReport;
export declare function provenanceMarkdown(report: ProvenanceReport): string;
