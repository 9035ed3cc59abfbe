// The reviewer scenario from the review issue, end to end: a change that only touches x- extensions
// (a token prefix removed, the cursor field renamed) is breaking, and --check fails without a major bump.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/spec-diff.mjs', import.meta.url));
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid' };
let repo: string;

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const git = (...args: string[]) => run('git', args, { cwd: repo, env: gitEnv });

const spec = (prefixes: string[], cursorField: string) => `openapi: 3.1.0
info: { title: Demo, version: 1.0.0 }
servers: [{ url: https://demo.example.com }]
security: [{ bearerAuth: [] }]
paths:
  /items:
    get:
      operationId: listItems
      x-pagination: { strategy: cursor, cursorParam: cursor, nextCursorField: ${cursorField}, itemsField: items }
      parameters: [{ name: cursor, in: query, schema: { type: string } }]
      responses:
        '200':
          description: A page.
          content:
            application/json:
              schema: { type: object, properties: { items: { type: array, items: { type: string } }, ${cursorField}: { type: [string, 'null'] } } }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer, x-token-prefixes: [${prefixes.join(', ')}] }
`;

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'spec-diff-reviewer-'));
  await git('init', '-q', '-b', 'main');
  write('redocly.yaml', 'apis:\n  demo:\n    root: spec/demo/openapi.yaml\n');
  write('spec/demo/openapi.yaml', spec(['luc_api_', 'luc_mcp_'], 'nextCursor'));
  write('packages/demo-openapi/package.json', JSON.stringify({ name: '@apiforge/demo-openapi', version: '1.0.0', apiforge: { apis: ['demo'] } }));
  write('.changeset/README.md', 'x\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base');
  await git('checkout', '-q', '-b', 'feature');
  write('spec/demo/openapi.yaml', spec(['luc_api_'], 'nextCursor').replace('nextCursorField: nextCursor', 'nextCursorField: next'));
  await git('commit', '-q', '-am', 'drop legacy prefix, rename cursor field');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

it('reports both extension changes as breaking and --check fails', async () => {
  const result = await run(process.execPath, [bin, '--check'], { cwd: repo, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } }).then(
    (ok) => ({ code: 0, ...ok }),
    (failed: { code?: number; stdout?: string; stderr?: string }) => ({ code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }),
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('**2 breaking**');
  expect(result.stdout).toContain('x-token-prefixes removed luc_mcp_');
  expect(result.stdout).toContain('x-pagination.nextCursorField "nextCursor" → "next"');
  expect(result.stderr).toContain('@apiforge/demo-openapi: needs a major changeset');
}, 60_000);
