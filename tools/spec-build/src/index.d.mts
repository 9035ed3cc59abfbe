export declare const repoRoot: string;
export interface ApiEntry { name: string; root: string }
export interface LintProblem { ruleId: string; severity: string; message: string; where: string; file: string }
export declare function listApis(configPath?: string): Promise<ApiEntry[]>;
export declare function lint(target: string, options?: { config?: string; cwd?: string }): Promise<LintProblem[]>;
export declare function formatProblems(problems: LintProblem[]): string;
export declare function bundle(api: string, outDir: string): Promise<Record<string, unknown>>;
export declare function workflowFile(api: string): Promise<string | undefined>;
export declare function bundleWorkflows(api: string, outDir: string): Promise<string | undefined>;
