import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { asObject } from './diff/resolve.js';

export interface ApiEntry {
  name: string;
  /** Root file of the split spec, relative to the directory holding redocly.yaml. */
  root: string;
}

/** The APIs declared under `apis:` in `<dir>/redocly.yaml`; undefined when there is no such file. */
export function readApis(dir: string): ApiEntry[] | undefined {
  const file = join(dir, 'redocly.yaml');
  if (!existsSync(file)) return undefined;
  let config: unknown;
  try {
    config = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  const apis = asObject(asObject(config).apis);
  return Object.entries(apis).flatMap(([name, entry]) => {
    const root = asObject(entry).root;
    return typeof root === 'string' ? [{ name, root }] : [];
  });
}
