// The changelog pages: pending changesets and the CHANGELOG.md files `changeset version` writes, placed
// on the page of each API whose packages they change; shared packages (sandbox, client core) on every page.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { apiChangelog, changelogHtml, parseChangelog, parseChangeset, readPendingChangesets, readReleasedChangelogs } from '../src/changelog.mjs';
import { apiNames, repoRoot } from '../src/workspace.mjs';

const run = promisify(execFile);
const root = await mkdtemp(join(tmpdir(), 'apiforge-docs-changelog-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const APIS = ['alpha', 'beta'];
const PACKAGES = ['alpha-openapi', 'alpha-client', 'beta-openapi', 'sandbox'];

async function workspace() {
  await mkdir(join(root, '.changeset'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'fixture', private: true, workspaces: ['packages/*'] }));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  for (const name of PACKAGES) {
    await mkdir(join(root, 'packages', name), { recursive: true });
    const dependencies = name === 'sandbox' ? { '@apiforge/alpha-openapi': '1.0.0' } : undefined;
    await writeFile(join(root, 'packages', name, 'package.json'), JSON.stringify({ name: `@apiforge/${name}`, version: '1.0.0', dependencies }));
  }
  await writeFile(
    join(root, '.changeset', 'config.json'),
    JSON.stringify({ changelog: '@changesets/cli/changelog', commit: false, fixed: [], linked: [], access: 'public', baseBranch: 'main', updateInternalDependencies: 'patch', ignore: [] }),
  );
}

const changeset = (name, releases, summary) =>
  writeFile(join(root, '.changeset', `${name}.md`), `---\n${Object.entries(releases).map(([pkg, bump]) => `"@apiforge/${pkg}": ${bump}`).join('\n')}\n---\n\n${summary}\n`);

describe('changelog per API', () => {
  it('parses changesets and refuses a malformed one', () => {
    expect(parseChangeset('x', '---\n"@apiforge/a": minor\nb: patch\n---\n\nText.\n')).toEqual({ id: 'x', releases: { '@apiforge/a': 'minor', b: 'patch' }, summary: 'Text.' });
    expect(() => parseChangeset('x', 'no front matter')).toThrow('.changeset/x.md has no front matter');
    expect(() => parseChangeset('x', '---\n"@apiforge/a": huge\n---\nText')).toThrow('is not "package": major|minor|patch');
  });

  it('places released entries (real `changeset version` output) and pending ones on the right pages', async () => {
    await workspace();
    await changeset('alpha-break', { 'alpha-openapi': 'major', 'alpha-client': 'major' }, 'Renamed `x-pagination.nextCursorField`; the client\nfollows it.\n\n- first point\n- second point');
    await changeset('sandbox-fix', { sandbox: 'patch' }, 'The sandbox answers 413 for big bodies.');
    await changeset('beta-add', { 'beta-openapi': 'minor' }, 'New beta endpoint.');
    await run(join(repoRoot, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: root, timeout: 60_000 });
    await changeset('alpha-next', { 'alpha-client': 'patch', sandbox: 'patch' }, 'A wrapped line that ends with a status\n413. must stay text.');

    const released = readReleasedChangelogs(root);
    expect(released.map(({ name }) => name)).toEqual(PACKAGES.map((name) => `@apiforge/${name}`).sort());
    const pending = readPendingChangesets(root);
    expect(pending.map(({ id }) => id)).toEqual(['alpha-next']);

    const alpha = apiChangelog('alpha', { apis: APIS, pending, released });
    expect(alpha.unreleased).toMatchObject([{ id: 'alpha-next', bump: 'patch', scope: 'api', packages: ['@apiforge/alpha-client', '@apiforge/sandbox'] }]);
    expect(alpha.releases.map(({ version }) => version)).toEqual(['2.0.0', '1.0.1']);
    expect(alpha.releases[0].entries).toMatchObject([{ bump: 'major', scope: 'api', packages: ['@apiforge/alpha-client', '@apiforge/alpha-openapi'] }]);
    expect(alpha.releases[0].entries[0].summary).toContain('- second point');
    // The sandbox's own entry is shared; its automatic "Updated dependencies" note is not an entry.
    expect(alpha.releases[1].entries).toMatchObject([{ bump: 'patch', scope: 'shared', summary: 'The sandbox answers 413 for big bodies.' }]);

    const beta = apiChangelog('beta', { apis: APIS, pending, released });
    expect(beta.unreleased).toEqual([]);
    expect(beta.releases.map(({ version, entries }) => [version, entries.map((entry) => entry.summary)])).toEqual([
      ['1.1.0', ['New beta endpoint.']],
      ['1.0.1', ['The sandbox answers 413 for big bodies.']],
    ]);

    const html = changelogHtml({ api: 'alpha', title: 'Alpha', changelog: alpha });
    expect(html).toContain('<h2>2.0.0</h2>');
    expect(html).toContain('<h3>Breaking changes (major)</h3>');
    expect(html).toContain('Shared packages (sandbox, client core): fixes (patch)');
    expect(html).toContain('<li>second point</li>');
    expect(html).toContain('status\n413. must stay text.</p>');
    expect(html).not.toMatch(/<ol/);
    expect(html).not.toMatch(/<(script|link)\b/);
  }, 60_000);

  it('reads a CHANGELOG.md with commit ids and drops dependency notes', () => {
    const text = '# @apiforge/x\n\n## 1.2.0\n\n### Minor Changes\n\n- 1a2b3c4: Added a thing.\n\n  More about it.\n\n### Patch Changes\n\n- Updated dependencies [1a2b3c4]\n  - @apiforge/y@1.2.0\n';
    expect(parseChangelog(text)).toEqual([{ version: '1.2.0', entries: [{ bump: 'minor', commit: '1a2b3c4', summary: 'Added a thing.\n\nMore about it.' }] }]);
  });

  it("this repository's changesets all parse and render without a numbered list that does not start at 1", async () => {
    const pending = readPendingChangesets(repoRoot);
    expect(pending.length).toBeGreaterThan(0);
    const released = readReleasedChangelogs(repoRoot);
    const apis = await apiNames();
    for (const api of apis) {
      const changelog = apiChangelog(api, { apis, pending, released });
      expect(changelog.unreleased.length).toBeGreaterThan(0);
      expect(changelogHtml({ api, title: api, changelog })).not.toMatch(/<ol start=/);
    }
  });
});
