import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/spec-diff.mjs', import.meta.url));
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Spec Diff Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Spec Diff Test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };

let repo: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

async function git(...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: repo, env: gitEnv })).stdout.trim();
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: repo, env: process.env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const ROOT_SPEC = `openapi: 3.1.0
info:
  title: Demo
  version: 1.0.0
servers:
  - url: https://demo.example.com
paths:
  /api/v1/items:
    $ref: paths/items.yaml
`;

const ITEMS_PATH = (maximum: number, extraParameter: string) => `get:
  operationId: listItems
  parameters:
    - name: limit
      in: query
      schema:
        type: integer
        maximum: ${maximum}
${extraParameter}  responses:
    '200':
      description: Items
      content:
        application/json:
          schema:
            type: array
            items:
              $ref: ../components/schemas/Item.yaml
`;

const ITEM_SCHEMA = (withName: boolean) => `type: object
properties:
  id:
    type: string
${withName ? '  name:\n    type: string\n' : ''}`;

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'spec-diff-e2e-'));
  await git('init', '-q', '-b', 'main');
  // A plugin that only exists in the real repo: spec-diff must bundle without loading it.
  write('redocly.yaml', 'plugins:\n  - ./tools/house-rules/plugin.js\napis:\n  demo:\n    root: spec/demo/openapi.yaml\n');
  write('spec/demo/openapi.yaml', ROOT_SPEC);
  write('spec/demo/paths/items.yaml', ITEMS_PATH(200, ''));
  write('spec/demo/components/schemas/Item.yaml', ITEM_SCHEMA(true));
  write('packages/demo-openapi/package.json', JSON.stringify({ name: '@apiforge/demo-openapi', version: '1.0.0', apiforge: { apis: ['demo'] } }, null, 2));
  write('packages/unrelated/package.json', JSON.stringify({ name: '@apiforge/unrelated', version: '1.0.0' }, null, 2));
  write('.changeset/README.md', 'Changesets live here.\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'demo spec');
  await git('checkout', '-q', '-b', 'feature');
  write('spec/demo/paths/items.yaml', ITEMS_PATH(100, '    - name: sort\n      in: query\n      schema:\n        type: string\n'));
  write('spec/demo/components/schemas/Item.yaml', ITEM_SCHEMA(false));
  await git('commit', '-q', '-am', 'tighten limit, drop name, add sort');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('spec-diff CLI in a git repository', () => {
  it('reports breaking and non-breaking changes against the merge base with main', async () => {
    const result = await cli();
    expect(result.code).toBe(0);
    const base = await git('rev-parse', 'main');
    expect(result.stdout).toContain(`Base: \`main\` at \`${base.slice(0, 12)}\` (merge base of HEAD and main)`);
    expect(result.stdout).toContain('### demo');
    expect(result.stdout).toContain('**2 breaking**, 0 warnings, 1 info (for the release: 1 non-breaking, 0 docs only).');
    expect(result.stdout).toContain('| `GET /api/v1/items › query.limit › maximum 200 → 100` | Query parameter `limit`: maximum lowered from 200 to 100; requests that were valid may now be rejected. |');
    expect(result.stdout).toContain('| `GET /api/v1/items › response 200[].name removed` |');
    expect(result.stdout).toMatch(/#### Info\n\n\| Location \| Kind \| Change \|\n\| --- \| --- \| --- \|\n\| `GET \/api\/v1\/items › query.sort added \(optional\)` \| parameter-added \|/);
  });

  it('fails --check without a major changeset, naming the package and the bump', async () => {
    const result = await cli('--check');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('❌ `@apiforge/demo-openapi` needs at least **major** (demo); found no changeset.');
    expect(result.stdout).not.toContain('@apiforge/unrelated');
    expect(result.stderr).toContain('@apiforge/demo-openapi: needs a major changeset (demo changed), found none');
  });

  it('fails --check with a minor changeset and passes once it is major (uncommitted files count)', async () => {
    write('.changeset/demo-limit.md', '---\n"@apiforge/demo-openapi": minor\n---\n\nLower the item limit.\n');
    const minor = await cli('--check');
    expect(minor.code).toBe(1);
    expect(minor.stderr).toContain('needs a major changeset (demo changed), found minor');
    write('.changeset/demo-limit.md', '---\n"@apiforge/demo-openapi": major\n---\n\nLower the item limit.\n');
    const major = await cli('--check');
    expect(major.code).toBe(0);
    expect(major.stdout).toContain('Changesets since the base: `.changeset/demo-limit.md`.');
    expect(major.stdout).toContain('**Result: pass.**');
    rmSync(join(repo, '.changeset/demo-limit.md'));
  });

  it('writes JSON to --out and reports a new API as all additions', async () => {
    write('redocly.yaml', 'apis:\n  demo:\n    root: spec/demo/openapi.yaml\n  extra:\n    root: spec/extra/openapi.yaml\n');
    write('spec/extra/openapi.yaml', 'openapi: 3.1.0\ninfo:\n  title: Extra\n  version: 0.1.0\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        \'204\':\n          description: Pong\n');
    const result = await cli('--format', 'json', '--out', 'diff.json', '--base', 'main');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('spec-diff: wrote');
    const report = JSON.parse(readFileSync(join(repo, 'diff.json'), 'utf8'));
    expect(report.base).toMatchObject({ ref: 'main', reason: '--base main' });
    const extra = report.apis.find((api: { name: string }) => api.name === 'extra');
    expect(extra).toMatchObject({ status: 'new', counts: { breaking: 0, nonBreaking: 2, docsOnly: 0 } });
    expect(extra.changes.map((change: { where: string }) => change.where)).toEqual(['(API) new API', '/ping added']);
    await git('checkout', '-q', '--', 'redocly.yaml');
    rmSync(join(repo, 'spec/extra'), { recursive: true });
    rmSync(join(repo, 'diff.json'));
  });

  it('uses HEAD~1 on main itself', async () => {
    await git('checkout', '-q', 'main');
    write('spec/demo/paths/items.yaml', ITEMS_PATH(200, '').replace('description: Items', 'description: All items'));
    await git('commit', '-q', '-am', 'docs');
    const result = await cli('--check');
    await git('checkout', '-q', 'feature');
    expect(result.stdout).toMatch(/Base: `HEAD~1` at `[0-9a-f]{12}` \(HEAD is on main, so its parent\)/);
    expect(result.stdout).toContain('| `GET /api/v1/items › response 200 › description "Items" → "All items"` | docs only |');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs a patch changeset');
  });

  it('refuses to guess in a shallow clone without the base', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'spec-diff-shallow-'));
    try {
      await run('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone], { env: gitEnv });
      const result = await run(process.execPath, [bin], { cwd: clone }).then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('shallow clone without the base commit');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('explains a bad ref and a bad flag', async () => {
    const badRef = await cli('--base', 'no-such-branch');
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('--base no-such-branch: no such commit, branch or tag');
    const badFlag = await cli('--format', 'html');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('use markdown, json, junit or github');
  });
});
