// Every public package, judged as the tarball `pnpm publish` would upload.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblems } from '../src/contents.mjs';
import { runAttw, runPublint } from '../src/lint.mjs';
import { packPackage } from '../src/pack.mjs';
import { publicPackages } from '../src/workspace.mjs';

const packs = await mkdtemp(join(tmpdir(), 'apiforge-release-check-'));
afterAll(() => rm(packs, { recursive: true, force: true }));

describe.each(publicPackages().map((pkg) => [pkg.manifest.name, pkg]))('%s', (name, pkg) => {
  let packed;
  beforeAll(async () => {
    packed = await packPackage(pkg.dir, packs);
    console.log(`${name}: ${packed.files.length} files, ${(packed.bytes / 1024).toFixed(1)} KiB packed`);
  });

  it('has a README and a CHANGELOG in the repository', () => {
    expect(existsSync(join(pkg.dir, 'README.md')), 'README.md').toBe(true);
    expect(existsSync(join(pkg.dir, 'CHANGELOG.md')), 'CHANGELOG.md').toBe(true);
  });

  it('has a semver version', () => {
    expect(pkg.manifest.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('packs only what it needs', () => {
    expect(contentProblems(pkg.manifest, packed.files).join('\n')).toBe('');
  });

  it('passes publint', async () => {
    const { errors, warnings, suggestions } = await runPublint(packed.tarball);
    if (suggestions.length) console.log(`${name} publint suggestions:\n  ${suggestions.join('\n  ')}`);
    expect([...errors, ...warnings].join('\n')).toBe('');
  });

  it('passes Are The Types Wrong', async () => {
    expect((await runAttw(packed.tarball, pkg.manifest)).join('\n')).toBe('');
  });
});
