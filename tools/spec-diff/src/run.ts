import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSpec } from './bundle.js';
import { type ApiEntry, readApis } from './config.js';
import { diffSpecs, type DiffOptions } from './diff/index.js';
import { applyWaivers, readWaivers } from './waivers.js';
import type { JsonObject } from './diff/resolve.js';
import type { Change } from './diff/types.js';
import { combineChangesets } from './gate/changesets.js';
import { evaluateGate, type GateResult } from './gate/check.js';
import { packagesByApi } from './gate/packages.js';
import { type Base, changedChangesets, chooseBase, materialise, repoRoot, UsageError } from './git.js';

export type ApiStatus = 'new' | 'removed' | 'changed' | 'unchanged';

export interface ApiReport {
  name: string;
  status: ApiStatus;
  /** breaking/nonBreaking/docsOnly: what the release needs; breaking/warning/info: the review levels. */
  counts: { breaking: number; nonBreaking: number; docsOnly: number; warning: number; info: number };
  changes: Change[];
}

/** Both bundled documents of an API (undefined on the side where it does not exist). */
export interface ApiBundles {
  before: JsonObject | undefined;
  after: JsonObject | undefined;
}

export interface SpecDiffReport {
  base: Base;
  apis: ApiReport[];
  /** Things the reader should know that are not changes, e.g. a declared API whose root file is missing. */
  notes: string[];
  gate?: GateResult & { changesets: string[] };
  /** Only with `keepBundles`: the bundled documents per API, for tools built on the diff (pnpm review). */
  bundles?: Map<string, ApiBundles>;
}

export interface RunOptions extends DiffOptions {
  cwd: string;
  base?: string | undefined;
  check: boolean;
  /** Keep each API's two bundles on the report (`report.bundles`). */
  keepBundles?: boolean;
  /** Materialise the base into this directory (spec/ and redocly.yaml) and leave it there for the caller. */
  baseDir?: string;
}

function countChanges(changes: Change[]): ApiReport['counts'] {
  return {
    breaking: changes.filter((change) => change.severity === 'breaking').length,
    nonBreaking: changes.filter((change) => change.severity === 'non-breaking').length,
    docsOnly: changes.filter((change) => change.severity === 'docs-only').length,
    warning: changes.filter((change) => change.level === 'warning').length,
    info: changes.filter((change) => change.level === 'info').length,
  };
}

async function bundleIfPresent(dir: string, entry: ApiEntry | undefined): Promise<JsonObject | undefined> {
  if (!entry || !existsSync(join(dir, entry.root))) return undefined;
  return bundleSpec(dir, entry.root);
}

function statusOf(before: JsonObject | undefined, after: JsonObject | undefined, changes: Change[]): ApiStatus {
  if (!before) return 'new';
  if (!after) return 'removed';
  return changes.length ? 'changed' : 'unchanged';
}

export async function runSpecDiff(options: RunOptions): Promise<SpecDiffReport> {
  const root = await repoRoot(options.cwd);
  const base = await chooseBase(root, options.base);
  const headApis = readApis(root);
  if (!headApis) throw new UsageError(`No redocly.yaml in ${root}. spec-diff reads the APIs to compare from its \`apis:\` section.`);
  const work = options.baseDir ? undefined : mkdtempSync(join(tmpdir(), 'spec-diff-base-'));
  try {
    const baseDir = options.baseDir ?? join(work as string, 'base');
    if (base.commit) await materialise(root, base.commit, baseDir);
    const baseApis = base.commit ? (readApis(baseDir) ?? []) : [];
    const names = [...new Set([...headApis, ...baseApis].map((entry) => entry.name))];
    const notes: string[] = [];
    const waivers = readWaivers(root);
    const bundles = new Map<string, ApiBundles>();
    const diffOptions: DiffOptions = { ...(options.today ? { today: options.today } : {}), ...(options.deprecationDays !== undefined ? { deprecationDays: options.deprecationDays } : {}) };
    const apis = await Promise.all(names.map(async (name): Promise<ApiReport | undefined> => {
      const headEntry = headApis.find((entry) => entry.name === name);
      const baseEntry = baseApis.find((entry) => entry.name === name);
      const [before, after] = await Promise.all([bundleIfPresent(baseDir, baseEntry), bundleIfPresent(root, headEntry)]);
      if (!before && !after) {
        notes.push(`API ${name} is declared in redocly.yaml but its root file (${headEntry?.root ?? baseEntry?.root}) exists on neither side; nothing compared.`);
        return undefined;
      }
      if (options.keepBundles) bundles.set(name, { before, after });
      const { changes, expired } = applyWaivers(name, diffSpecs(before, after, diffOptions), waivers, options.today);
      for (const w of expired) notes.push(`Waiver for ${w.api} ${w.location} expired on ${w.expires} and waives nothing: make the release it asks for, or renew it with a reason.`);
      return { name, status: statusOf(before, after, changes), counts: countChanges(changes), changes };
    }));
    const report: SpecDiffReport = { base, apis: apis.filter((api): api is ApiReport => api !== undefined), notes };
    if (options.keepBundles) report.bundles = bundles;
    if (options.check) {
      const changesets = await changedChangesets(root, base.commit);
      const present = changesets.filter((file) => existsSync(join(root, file)));
      const bumps = combineChangesets(present.map((file) => readFileSync(join(root, file), 'utf8')), present);
      const gate = evaluateGate(new Map(report.apis.map((api) => [api.name, api.changes])), packagesByApi(root), bumps);
      report.gate = { ...gate, changesets };
    }
    return report;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
