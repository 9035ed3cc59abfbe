import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class UsageError extends Error {}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

async function tryGit(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch {
    return undefined;
  }
}

export async function repoRoot(cwd: string): Promise<string> {
  const root = await tryGit(cwd, ['rev-parse', '--show-toplevel']);
  if (!root) throw new UsageError(`${cwd} is not inside a git repository; run spec-diff from the repository.`);
  return root;
}

export async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  return tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
}

export interface Base {
  /** What the user or the default rule named, e.g. "main" or "HEAD~1". */
  ref: string;
  /** Commit id, or undefined when HEAD is the first commit and there is nothing to compare with. */
  commit: string | undefined;
  /** One sentence saying why this base was chosen. */
  reason: string;
}

/** In a shallow clone a missing parent means "not fetched", not "first commit"; comparing with nothing would call every API new. */
async function noEarlierCommit(cwd: string, reason: string): Promise<Base> {
  if ((await tryGit(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true') {
    throw new UsageError('This is a shallow clone without the base commit. Fetch history (git fetch --unshallow, or fetch-depth: 0 in CI) or pass --base <ref> with a fetched ref.');
  }
  return { ref: 'HEAD', commit: undefined, reason };
}

export async function chooseBase(cwd: string, explicit: string | undefined): Promise<Base> {
  if (explicit !== undefined) {
    const commit = await resolveCommit(cwd, explicit);
    if (!commit) {
      throw new UsageError(`--base ${explicit}: no such commit, branch or tag. Pass an existing git ref (in a shallow CI clone, fetch it first: git fetch origin ${explicit}).`);
    }
    return { ref: explicit, commit, reason: `--base ${explicit}` };
  }
  const head = await resolveCommit(cwd, 'HEAD');
  if (!head) throw new UsageError('The repository has no commits yet; commit once or pass --base.');
  for (const mainRef of ['main', 'origin/main']) {
    const mergeBase = await tryGit(cwd, ['merge-base', 'HEAD', mainRef]);
    if (!mergeBase) continue;
    if (mergeBase !== head) return { ref: mainRef, commit: mergeBase, reason: `merge base of HEAD and ${mainRef}` };
    const parent = await resolveCommit(cwd, 'HEAD~1');
    if (parent) return { ref: 'HEAD~1', commit: parent, reason: `HEAD is on ${mainRef}, so its parent` };
    return noEarlierCommit(cwd, `HEAD is the first commit on ${mainRef}; every API counts as new`);
  }
  const parent = await resolveCommit(cwd, 'HEAD~1');
  if (parent) return { ref: 'HEAD~1', commit: parent, reason: 'no main branch found, so the parent of HEAD' };
  return noEarlierCommit(cwd, 'no main branch and no earlier commit; every API counts as new');
}

/** Writes spec/ and redocly.yaml as they were at `commit` into `dir` (whichever of them existed). */
export async function materialise(cwd: string, commit: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const present = (await git(cwd, ['ls-tree', '--name-only', commit, '--', 'spec', 'redocly.yaml'])).split('\n').filter(Boolean);
  if (present.length === 0) return;
  const tarball = join(dir, '.base.tar');
  await git(cwd, ['archive', '--format=tar', '-o', tarball, commit, '--', ...present]);
  await run('tar', ['-xf', tarball, '-C', dir]);
}

/** Changeset files added or modified since the base, including ones not yet committed. */
export async function changedChangesets(cwd: string, commit: string | undefined): Promise<string[]> {
  const tracked = commit
    ? await git(cwd, ['diff', '--name-only', '--diff-filter=AMR', commit, '--', '.changeset'])
    : await git(cwd, ['ls-files', '--', '.changeset']);
  const untracked = await git(cwd, ['ls-files', '--others', '--exclude-standard', '--', '.changeset']);
  const files = new Set([...tracked.split('\n'), ...untracked.split('\n')].filter((file) => file.endsWith('.md') && !/(^|\/)README\.md$/i.test(file)));
  return [...files].sort();
}
