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

const cli = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } }).then(
    (ok) => ({ code: 0, ...ok }),
    (failed: { code?: number; stdout?: string; stderr?: string }) => ({ code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }),
  );

it('reports for CI: JUnit with a failure per breaking change, GitHub annotations', async () => {
  const junit = await cli('--format', 'junit');
  expect(junit.stdout).toContain('<testsuite name="demo" tests="2" failures="2">');
  expect(junit.stdout).toContain('<failure message="Tokens starting with luc_mcp_');
  expect(junit.stdout).toContain('<property name="level" value="breaking"/>');
  const json = JSON.parse((await cli('--format', 'json')).stdout);
  expect(json.apis[0].counts).toMatchObject({ breaking: 2, warning: 0, info: 0 });
  expect(json.apis[0].changes.map((c: { level: string }) => c.level)).toEqual(['breaking', 'breaking']);
  const github = await cli('--format', 'github');
  expect(github.stdout).toContain('::error title=Breaking change in demo::components › securitySchemes.bearerAuth › x-token-prefixes removed luc_mcp_');
}, 60_000);

it('a waiver with a reason and a future expiry turns the major bump into a minor one; an expired one waives nothing and says so', async () => {
  write('spec-diff-waivers.yaml', `waivers:
  - api: demo
    location: x-token-prefixes
    reason: luc_mcp_ keys were all revoked before this release; no caller can still hold one.
    expires: 2999-01-01
  - api: demo
    location: x-pagination.nextCursorField
    reason: The only consumer of the list is our own dashboard, updated in the same release.
    expires: 2999-01-01
`);
  const waived = await cli('--check');
  expect(waived.stdout).toContain('waived until 2999-01-01');
  expect(waived.stdout).toContain('**0 breaking**, 2 warnings');
  expect(waived.stdout).toContain('#### Warnings');
  expect(waived.code).toBe(1);
  expect(waived.stderr).toContain('@apiforge/demo-openapi: needs a minor changeset');
  write('spec-diff-waivers.yaml', `waivers:
  - api: demo
    location: x-token-prefixes
    reason: luc_mcp_ keys were all revoked before this release; no caller can still hold one.
    expires: 2000-01-01
`);
  const expired = await cli('--check');
  expect(expired.code).toBe(1);
  expect(expired.stderr).toContain('needs a major changeset');
  expect(expired.stdout).toContain('expired on 2000-01-01 and waives nothing');
  write('spec-diff-waivers.yaml', 'waivers:\n  - api: demo\n    location: x\n    expires: 2999-01-01\n');
  const invalid = await cli();
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain('needs a non-empty reason');
}, 120_000);
