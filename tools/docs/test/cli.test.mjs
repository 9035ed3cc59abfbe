// The docs command says what it does, refuses what it does not know, and renders one API on request.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/docs.mjs', import.meta.url));
const outDir = await mkdtemp(join(tmpdir(), 'apiforge-docs-cli-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

const docs = (...args) =>
  run(process.execPath, [bin, ...args], { timeout: 120_000 }).then(
    (ok) => ({ code: 0, ...ok }),
    (failed) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
  );

describe('pnpm run docs', () => {
  it('--help explains the command and exits 0', async () => {
    const result = await docs('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: pnpm run docs [api ...] [--out DIR]');
  });

  it('refuses an unknown flag or API with exit 2 and the usage, rendering nothing', async () => {
    for (const args of [['--bogus'], ['nope'], ['--out']]) {
      const result = await docs(...args, '--out', join(outDir, 'never'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/unknown option --bogus|unknown API nope|--out needs a directory/);
      expect(result.stderr).toContain('Usage:');
    }
    await expect(readdir(join(outDir, 'never'))).rejects.toThrow();
  });

  it('renders one API on request, with a landing page that links each of its operations', async () => {
    const result = await docs('lucent', '--out', outDir);
    expect(result.code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(['index.html', 'lucent']);
    expect(result.stdout).toMatch(/docs: lucent -> .*production \+ sandbox http:\/\/127\.0\.0\.1:4020; changelog: \d+ unreleased/);
    const landing = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(landing).toContain('href="./lucent/index.html#tag/Issues/operation/getIssue"');
    expect(landing).toContain('href="./lucent/changelog.html"');
    const reference = await readFile(join(outDir, 'lucent', 'index.html'), 'utf8');
    expect(reference).toContain('href="./changelog.html"');
    expect(reference).toContain('href="../index.html"');
    expect(await readFile(join(outDir, 'lucent', 'changelog.html'), 'utf8')).toContain('<h1>Lucent API changelog</h1>');
    expect(landing).not.toMatch(/<(link|script)[^>]+(href|src)="(https?:)?\/\//);
  }, 120_000);
});
