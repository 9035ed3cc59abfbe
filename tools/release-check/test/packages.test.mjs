// Every public package, judged as the tarball `pnpm publish` would upload.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblems } from '../src/contents.mjs';
import { runAttw, runPublint } from '../src/lint.mjs';
import { packPackage } from '../src/pack.mjs';
import { publicPackages, repoRoot } from '../src/workspace.mjs';

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

  it('has the metadata a registry page and a licence check need', () => {
    const m = pkg.manifest;
    expect(m.license).toBe('MIT');
    expect(m.repository).toEqual({ type: 'git', url: 'git+https://github.com/apiforge/apiforge.git', directory: pkg.relDir });
    expect(m.homepage).toBe(`https://github.com/apiforge/apiforge/tree/main/${pkg.relDir}#readme`);
    expect(m.bugs).toEqual({ url: 'https://github.com/apiforge/apiforge/issues' });
    expect(m.engines).toEqual({ node: '>=20.19' });
    expect(m.files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'LICENSE']));
    expect(packed.files).toContain('LICENSE');
    const licence = readFileSync(join(pkg.dir, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} apiforge contributors\n/);
  });

  it('serves require() as well as import from every module entry (dual exports, or ESM under `default`)', () => {
    expect(pkg.manifest.exports, 'an export map').toBeTypeOf('object');
    for (const [subpath, target] of Object.entries(pkg.manifest.exports)) {
      if (typeof target === 'string') continue;
      if ('import' in target || 'require' in target) {
        // A dual build: each half with its own declarations.
        expect(Object.keys(target), subpath).toEqual(['import', 'require']);
        expect(target.require.types, subpath).toMatch(/\.d\.c?ts$/);
      } else {
        // Plain ESM (no build step) under `default`: Node 20.19+ serves it to require() too (require(esm));
        // the registry check require()s it from a CommonJS script.
        expect(Object.keys(target), subpath).toEqual(['types', 'default']);
        expect(pkg.manifest.type, subpath).toBe('module');
      }
    }
  });

  it('depends only on packages a registry has: @apiforge dependencies are public packages of this repository', () => {
    const publicNames = new Set(publicPackages().map((p) => p.manifest.name));
    const m = pkg.manifest;
    const runtime = { ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies };
    const unpublished = Object.keys(runtime).filter((dep) => dep.startsWith('@apiforge/') && !publicNames.has(dep));
    expect(unpublished, 'private workspace packages cannot be installed by users: make them public or move them to devDependencies').toEqual([]);
    const loose = Object.entries(runtime).filter(([dep, range]) => !dep.startsWith('@apiforge/') && !/^\d+\.\d+\.\d+(-[\w.-]+)?$/.test(range));
    expect(loose, 'third-party dependencies are pinned to exact versions').toEqual([]);
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

describe('versions', () => {
  it('every public package has the same version and is in one changesets `fixed` group', () => {
    const packages = publicPackages();
    expect(new Set(packages.map((p) => p.manifest.version)).size).toBe(1);
    const config = JSON.parse(readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8'));
    expect(config.fixed).toHaveLength(1);
    expect([...config.fixed[0]].sort()).toEqual(packages.map((p) => p.manifest.name).sort());
  });
});
