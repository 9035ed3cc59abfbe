// pnpm review: the spec diff (tools/spec-diff) plus everything a reviewer of a spec change needs, one
// self-contained HTML page per changed API and a Markdown summary for the pull request.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagesByApi, parseChangeset, readApis, repoRoot, runSpecDiff, type ApiReport, type SpecDiffReport } from '@apiforge/spec-diff';
import { parseArgs, USAGE, UsageError } from './args.js';
import { baseLintConfig, lintBothSides } from './lint.js';
import type { OperationRef } from './operation-view.js';
import { renderPage, type ApiReview, type ChangesetFile } from './page.js';
import { diffProvenance } from './provenance.js';
import { diffClientSurface } from './surface.js';

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAX_OPERATIONS = 40;

/** Operations a change touches: "METHOD /path" locations, plus every operation of an added or removed path. */
export function changedOperations(api: ApiReport, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): OperationRef[] {
  const seen = new Map<string, OperationRef>();
  const add = (method: string, path: string) => {
    const key = `${method.toLowerCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
    if (!seen.has(key)) seen.set(key, { method: method.toLowerCase(), path });
  };
  for (const change of api.changes) {
    const first = change.location[0] ?? '';
    const match = /^([A-Z]+) (\/.*)$/.exec(first);
    if (match && METHODS.includes((match[1] as string).toLowerCase())) add(match[1] as string, match[2] as string);
    else if (change.kind === 'path-added' || change.kind === 'path-removed') {
      const doc = change.kind === 'path-added' ? after : before;
      const item = (doc?.paths as Record<string, Record<string, unknown>> | undefined)?.[first] ?? {};
      for (const method of METHODS) if (item[method]) add(method, first);
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
}

function changesetFiles(root: string, files: string[]): ChangesetFile[] {
  return files
    .filter((file) => existsSync(join(root, file)))
    .map((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      let bumps: ChangesetFile['bumps'] = [];
      try {
        bumps = [...parseChangeset(text)];
      } catch {
        bumps = [];
      }
      const body = text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\s*/, '').trim();
      return { file, bumps, summary: (body.split('\n')[0] ?? '').slice(0, 200) };
    });
}

export function summaryMarkdown(report: SpecDiffReport, reviews: ApiReview[], outDir: string): string {
  const lines = ['## Spec review', ''];
  const base = report.base.commit ? `\`${report.base.ref}\` at \`${report.base.commit.slice(0, 12)}\`` : 'none';
  lines.push(`Base: ${base} (${report.base.reason}).`, '');
  if (!reviews.length) {
    lines.push('No API spec changed: no review page.', '');
    return `${lines.join('\n')}\n`;
  }
  lines.push('| API | breaking | warnings | info | new lint problems | client files changed | changesets | page |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of reviews) {
    const missing = r.changesets.verdicts.filter((v) => !v.ok);
    const changesets = missing.length ? `❌ ${missing.map((v) => `${v.package} needs ${v.needed}`).join(', ')}` : '✅';
    lines.push(`| ${r.api} | ${r.counts.breaking} | ${r.counts.warning} | ${r.counts.info} | ${r.lint.introduced.length} | ${r.surface ? (r.surface.error ? 'not generated' : r.surface.files.length) : 'skipped'} | ${changesets} | \`${r.api}.html\` |`);
  }
  lines.push('', `The pages (${reviews.map((r) => `${r.api}.html`).join(', ')}) are self-contained HTML in \`${outDir}\`; in CI they are the \`spec-review\` artifact.`, '');
  for (const r of reviews) {
    const breaking = r.changes.filter((c) => c.level === 'breaking');
    if (!breaking.length) continue;
    lines.push(`### ${r.api}: breaking`, '', ...breaking.slice(0, 20).map((c) => `- \`${[...c.location, c.detail].filter(Boolean).join(' › ')}\`: ${c.message}`), '');
  }
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let work: string | undefined;
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const root = await repoRoot(io.cwd);
    const outDir = resolve(io.cwd, options.out ?? fileURLToPath(new URL('../output', import.meta.url)));
    const headApis = readApis(root) ?? [];
    for (const name of options.apis) {
      if (!headApis.some((entry) => entry.name === name)) throw new UsageError(`--api ${name}: not an API in redocly.yaml (${headApis.map((e) => e.name).join(', ') || 'none declared'}).`);
    }
    work = mkdtempSync(join(tmpdir(), 'review-'));
    const baseDir = join(work, 'base');
    const started = Date.now();
    io.stderr('review: comparing specs…\n');
    const report = await runSpecDiff({ cwd: io.cwd, base: options.base, check: true, keepBundles: true, baseDir });
    const baseApis = existsSync(join(baseDir, 'redocly.yaml')) ? (readApis(baseDir) ?? []) : [];
    const baseConfig = existsSync(join(baseDir, 'redocly.yaml')) ? baseLintConfig(root, baseDir) : undefined;
    const owners = packagesByApi(root);
    const changed = report.apis.filter((api) => api.status !== 'unchanged' && (!options.apis.length || options.apis.includes(api.name)));
    mkdirSync(outDir, { recursive: true });
    const reviews: ApiReview[] = [];
    for (const api of changed) {
      io.stderr(`review: ${api.name}: lint, provenance, client surface…\n`);
      const bundles = report.bundles?.get(api.name) ?? { before: undefined, after: undefined };
      const roots: { before?: string; after?: string } = {};
      const beforeRoot = baseApis.find((e) => e.name === api.name)?.root;
      const afterRoot = headApis.find((e) => e.name === api.name)?.root;
      if (beforeRoot) roots.before = beforeRoot;
      if (afterRoot) roots.after = afterRoot;
      const [lint, surface] = await Promise.all([
        lintBothSides(api.name, root, baseDir, baseConfig, roots),
        options.surface ? diffClientSurface(root, api.name, bundles.before, bundles.after) : Promise.resolve(undefined),
      ]);
      const packages = owners.get(api.name) ?? [];
      const operations = changedOperations(api, bundles.before, bundles.after);
      const review: ApiReview = {
        api: api.name,
        status: api.status,
        base: report.base,
        changes: api.changes,
        counts: { breaking: api.counts.breaking, warning: api.counts.warning, info: api.counts.info },
        lint,
        provenance: diffProvenance(bundles.before, bundles.after),
        surface,
        changesets: {
          checked: Boolean(report.gate),
          verdicts: (report.gate?.verdicts ?? []).filter((v) => v.apis.includes(api.name)),
          files: changesetFiles(root, report.gate?.changesets ?? []),
          packages,
        },
        operations: operations.slice(0, MAX_OPERATIONS),
        operationsLeftOut: Math.max(0, operations.length - MAX_OPERATIONS),
        before: bundles.before,
        after: bundles.after,
        notes: report.notes,
      };
      writeFileSync(join(outDir, `${api.name}.html`), renderPage(review));
      reviews.push(review);
    }
    writeFileSync(join(outDir, 'summary.md'), summaryMarkdown(report, reviews, outDir));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!reviews.length) io.stdout(`review: no API spec changed since ${report.base.ref}; wrote ${join(outDir, 'summary.md')} (${seconds}s)\n`);
    for (const r of reviews) {
      io.stdout(`review: ${r.api}: ${r.counts.breaking} breaking, ${r.counts.warning} warning(s), ${r.counts.info} info; ${r.lint.introduced.length} new lint problem(s); wrote ${join(outDir, `${r.api}.html`)}\n`);
    }
    if (reviews.length) io.stdout(`review: summary in ${join(outDir, 'summary.md')} (${seconds}s)\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`review: ${error.message}\n${/Unknown argument|needs a value|takes no value/.test(error.message) ? `\n${USAGE}\n` : ''}`);
    } else {
      io.stderr(`review: ${(error as Error).message}\n`);
    }
    return 2;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
