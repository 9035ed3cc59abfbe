// `redocly lint` of an API at the base and in the working tree, both with the working tree's rules
// (redocly.yaml and house plugins), so the page shows which problems the change brings or fixes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { lint, type LintProblem } from '@apiforge/spec-build';
import { parse, stringify } from 'yaml';

export interface LintSide {
  /** undefined when the API does not exist on that side. */
  problems: LintProblem[] | undefined;
  error?: string;
}

export interface LintResult {
  before: LintSide;
  after: LintSide;
  /** Problems in the working tree that the base did not have. */
  introduced: LintProblem[];
  /** Problems of the base that are gone. */
  fixed: LintProblem[];
}

const key = (p: LintProblem) => `${p.ruleId}|${p.severity}|${p.file}|${p.where}|${p.message}`;

/** The head's redocly.yaml with plugin paths made absolute, written next to the base checkout. */
export function baseLintConfig(root: string, baseDir: string): string {
  const config = (parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  if (Array.isArray(config.plugins)) {
    // Only file paths move with the config; a plugin named as a package resolves the same from anywhere.
    config.plugins = config.plugins.map((plugin) => (typeof plugin === 'string' && /^\.\.?\//.test(plugin) ? resolve(root, plugin) : plugin));
  }
  const file = join(baseDir, 'redocly.review.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

async function lintSide(api: string, present: boolean, cwd: string, config: string): Promise<LintSide> {
  if (!present) return { problems: undefined };
  try {
    // File names relative to each side's root, so the same problem matches across the two checkouts.
    const problems = await lint(api, { cwd, config });
    return { problems: problems.map((p) => ({ ...p, file: isAbsolute(p.file) ? relative(cwd, p.file) : p.file })) };
  } catch (error) {
    // A spec that Redocly cannot even read is a finding of the review, not a crash of it.
    const text = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
    return { problems: undefined, error: text.split('\n').filter((line) => line.trim()).slice(-8).join('\n') };
  }
}

export async function lintBothSides(api: string, root: string, baseDir: string, baseConfig: string | undefined, roots: { before?: string; after?: string }): Promise<LintResult> {
  const [before, after] = await Promise.all([
    lintSide(api, Boolean(baseConfig && roots.before && existsSync(join(baseDir, roots.before))), baseDir, baseConfig ?? ''),
    lintSide(api, Boolean(roots.after && existsSync(join(root, roots.after))), root, join(root, 'redocly.yaml')),
  ]);
  const was = new Set((before.problems ?? []).map(key));
  const is = new Set((after.problems ?? []).map(key));
  return {
    before,
    after,
    introduced: (after.problems ?? []).filter((p) => !was.has(key(p))),
    fixed: (before.problems ?? []).filter((p) => !is.has(key(p))),
  };
}
