export function readmeExamples(packageRoot: string): Array<{ path: string; block: string }>;
export function syncReadmeExamples(packageRoot: string): boolean;
export function typecheckFiles(packageRoot: string, files: string[]): string[];
