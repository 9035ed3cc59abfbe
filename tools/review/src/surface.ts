// The public client surface of an API, before and after: the client generator (tools/client-gen) runs on
// each side's bundled spec in a temporary folder, and one `tsc --emitDeclarationOnly` turns both outputs
// into .d.ts files, which are diffed. Bounded: no workspace build, no install, one generator run per side.
// The client package's naming config (its scripts/generate.mjs `surface` option: class names, credential
// labels) is read from the working tree and used for both sides, so the diff shows what the spec changed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { diffLines, type DiffLine } from './text-diff.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface SurfaceFile {
  file: string;
  status: 'added' | 'removed' | 'changed';
  lines: DiffLine[];
}

export interface SurfaceDiff {
  clientPackage: string | undefined;
  /** Files compared per side, and how many differ. */
  compared: number;
  files: SurfaceFile[];
  notes: string[];
  error?: string;
}

interface ClientPackage {
  name: string;
  dir: string;
}

/** The workspace package `<something>-client` built from this API (declared in its apiforge.apis). */
export function clientPackageOf(root: string, api: string): ClientPackage | undefined {
  const packagesDir = join(root, 'packages');
  if (!existsSync(packagesDir)) return undefined;
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifest = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; apiforge?: { apis?: unknown } };
      const apis = Array.isArray(json.apiforge?.apis) ? json.apiforge.apis : [];
      if (typeof json.name === 'string' && json.name.endsWith('-client') && apis.includes(api)) return { name: json.name, dir: join(packagesDir, folder) };
    } catch {
      continue;
    }
  }
  return undefined;
}

// Runs the package's own generate script with `@apiforge/client-gen` replaced by a stand-in that prints
// the options it was called with: the surface config without executing the generator or editing files.
const CAPTURE_HOOK = `
export async function resolve(specifier, context, next) {
  if (specifier === '@apiforge/client-gen') {
    const source = 'export async function generateClient(options) { process.stdout.write("@@SURFACE@@" + JSON.stringify(options.surface ?? null)); process.exit(0); }';
    return { url: 'data:text/javascript,' + encodeURIComponent(source), shortCircuit: true };
  }
  try {
    return await next(specifier, context);
  } catch {
    // A checkout without node_modules: the script only needs the name to resolve, not the file.
    return { url: 'file:///unresolved/' + specifier.replace(/[^A-Za-z0-9._@-]/g, '_'), shortCircuit: true };
  }
}`;

async function surfaceConfig(pkg: ClientPackage): Promise<unknown> {
  const script = join(pkg.dir, 'scripts', 'generate.mjs');
  if (!existsSync(script)) return null;
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(CAPTURE_HOOK)}));`;
  const { stdout } = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, script], { cwd: pkg.dir, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 });
  const at = stdout.indexOf('@@SURFACE@@');
  return at >= 0 ? JSON.parse(stdout.slice(at + '@@SURFACE@@'.length)) : null;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

type Generate = (options: { packageRoot: string; specPath: string; specPackage: string; surface?: unknown }) => Promise<void>;

export async function diffClientSurface(root: string, api: string, before: unknown, after: unknown): Promise<SurfaceDiff> {
  const pkg = clientPackageOf(root, api);
  if (!pkg) return { clientPackage: undefined, compared: 0, files: [], notes: [`No package under packages/ is a client of ${api} (a "-client" package listing it in apiforge.apis).`] };
  const notes: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'review-surface-'));
  try {
    const generator = '@apiforge/client-gen'; // an untyped .mjs package: its one function is typed below
    const { generateClient } = (await import(generator)) as { generateClient: Generate };
    let surface: unknown = null;
    try {
      surface = await surfaceConfig(pkg);
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').split('\n').find((line) => /Error/.test(line)) ?? 'the generate script failed';
      notes.push(`Could not read the naming config of ${pkg.name} from scripts/generate.mjs (${stderr.trim().slice(0, 200)}); compared the generated types and operations only.`);
    }
    const specPackage = pkg.name.replace(/-client$/, '-openapi');
    for (const [side, doc] of [['before', before], ['after', after]] as const) {
      if (!doc) continue;
      const packageRoot = join(work, side);
      mkdirSync(packageRoot, { recursive: true });
      writeFileSync(join(packageRoot, 'package.json'), JSON.stringify({ name: `${pkg.name}-${side}`, private: true, type: 'module' }));
      const specPath = join(work, `${side}.openapi.json`);
      writeFileSync(specPath, JSON.stringify(doc));
      try {
        await generateClient({ packageRoot, specPath, specPackage, ...(surface ? { surface } : {}) });
      } catch (error) {
        if (!surface) throw error;
        notes.push(`The ${side} spec does not generate ${pkg.name}'s client classes (${(error as Error).message.split('\n')[0]}); that side shows the generated types and operations only.`);
        await generateClient({ packageRoot, specPath, specPackage });
      }
    }
    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        declaration: true, emitDeclarationOnly: true, noCheck: true, skipLibCheck: true, strict: true, types: [], rootDir: '.', outDir: 'dts',
      },
      include: ['before/src/generated', 'after/src/generated'],
    }));
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    try {
      await run(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')], { cwd: work, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      // With noCheck, tsc reports only what stops declaration output; the files it did write still compare.
      const out = String((error as { stdout?: unknown }).stdout ?? '').split('\n').filter(Boolean).slice(0, 5).join(' ');
      notes.push(`tsc reported problems while writing declarations: ${out || (error as Error).message.split('\n')[0]}`);
    }
    const beforeDir = join(work, 'dts', 'before', 'src', 'generated');
    const afterDir = join(work, 'dts', 'after', 'src', 'generated');
    const names = [...new Set([...listFiles(beforeDir), ...listFiles(afterDir)])].sort();
    if (names.length === 0) throw new Error('the generator produced no declarations');
    const files: SurfaceFile[] = [];
    for (const file of names) {
      const was = existsSync(join(beforeDir, file)) ? readFileSync(join(beforeDir, file), 'utf8') : undefined;
      const is = existsSync(join(afterDir, file)) ? readFileSync(join(afterDir, file), 'utf8') : undefined;
      if (was === is) continue;
      files.push({ file, status: was === undefined ? 'added' : is === undefined ? 'removed' : 'changed', lines: diffLines(was ?? '', is ?? '') });
    }
    return { clientPackage: pkg.name, compared: names.length, files, notes };
  } catch (error) {
    return { clientPackage: pkg.name, compared: 0, files: [], notes, error: (error as Error).message.split('\n').slice(0, 6).join('\n') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
