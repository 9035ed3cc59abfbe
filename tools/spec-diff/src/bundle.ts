import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { JsonObject } from './diff/resolve.js';

const run = promisify(execFile);

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

/**
 * Bundles a split spec into one JSON document with the Redocly CLI.
 * A neutral config is passed on purpose: the repo's redocly.yaml may load plugins from tools/
 * that do not exist in a base-ref checkout, and lint rules play no part in a diff.
 */
export async function bundleSpec(cwd: string, root: string): Promise<JsonObject> {
  const work = mkdtempSync(join(tmpdir(), 'spec-diff-bundle-'));
  try {
    const config = join(work, 'redocly.yaml');
    const output = join(work, 'bundle.json');
    writeFileSync(config, '{}\n');
    try {
      await run(process.execPath, [redoclyBin(), 'bundle', root, '-o', output, '--config', config], {
        cwd,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      const stdout = String((error as { stdout?: unknown }).stdout ?? '');
      const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.trim() && !/[╔╗╚╝║]/.test(line));
      throw new Error(`redocly bundle ${root} failed in ${cwd}:\n${lines.slice(-25).join('\n')}`);
    }
    return JSON.parse(readFileSync(output, 'utf8')) as JsonObject;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
