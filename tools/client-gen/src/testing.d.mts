export function readmeExamples(packageRoot: string): Array<{ path: string; block: string }>;
export function syncReadmeExamples(packageRoot: string): boolean;
export function typecheckFiles(packageRoot: string, files: string[]): string[];
/** Example values of one operation from the spec, grouped `{ path, query, body }` like operationSamples take them. */
export function specExampleArgs(spec: unknown, operationId: string): { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
