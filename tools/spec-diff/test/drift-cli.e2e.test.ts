// `pnpm spec:diff --against` from the command line: exit 0 when only our assumptions differ, 1 on a
// disagreement, 2 with a message that says what to fix on bad input.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/spec-diff.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/drift/lucent-documented-models.yaml', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('spec:diff --against', () => {
  it('exits 0 and lists our assumptions when only they differ; the API is found from the servers', async () => {
    const result = await cli('--against', fixture, '--as', 'lucent-openapi');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Drift review: lucent');
    expect(result.stdout).toContain('No disagreement other than our listed assumptions.');
    expect(result.stdout).toContain('POST /api/sdk/replay → 413');
  }, 120_000);

  it('exits 1 and names the disagreement when the other document says something else', async () => {
    const doc = YAML.parse(readFileSync(fixture, 'utf8'));
    doc.components.schemas.Summary.properties.priority.enum.push('urgent');
    const file = join(mkdtempSync(join(tmpdir(), 'drift-')), 'vendor.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await cli('--against', file, '--api', 'lucent', '--as', 'lucent-openapi', '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.disagreements).toContainEqual(expect.objectContaining({ kind: 'enum', where: 'GET /api/v1/issues → 200 body issues[].priority' }));
    expect(result.stderr).toMatch(/[1-9]\d* disagreement\(s\).*x-assumption/s);
  }, 120_000);

  it('exits 2 with a clear message for a missing file, a non-OpenAPI file, an unknown API or source, and an unreachable URL', async () => {
    expect(await cli('--against', 'nowhere.json', '--api', 'lucent')).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
    const notSpec = join(mkdtempSync(join(tmpdir(), 'drift-')), 'x.yaml');
    writeFileSync(notSpec, 'hello: world\n');
    expect(await cli('--against', notSpec, '--api', 'lucent')).toMatchObject({ code: 2, stderr: expect.stringContaining('not an OpenAPI 3.0 or 3.1 document') });
    expect(await cli('--against', fixture, '--api', 'nope')).toMatchObject({ code: 2, stderr: expect.stringContaining('--api nope is not declared') });
    expect(await cli('--against', fixture, '--api', 'lucent', '--as', 'nope')).toMatchObject({ code: 2, stderr: expect.stringContaining('--as nope is not an id') });
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const unreachable = await cli('--against', `http://127.0.0.1:${port}/openapi.json`, '--api', 'lucent');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/could not fetch http:\/\/127\.0\.0\.1:\d+\/openapi\.json: ECONNREFUSED/);
    expect(await cli('--against', 'http://user:secret@127.0.0.1:1/x.json')).toMatchObject({ code: 2, stderr: expect.not.stringContaining('secret') });
    expect(await cli('--against', fixture, '--check')).toMatchObject({ code: 2, stderr: expect.stringContaining('does not take --base or --check') });
  }, 120_000);
});
