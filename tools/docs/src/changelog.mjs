// One changelog page per API, built from the changesets: the pending `.changeset/*.md` files (unreleased)
// and the packages' CHANGELOG.md files that `changeset version` writes. An entry belongs to an API when it
// changes a package built from that API's spec (`@apiforge/<api>-openapi`, `@apiforge/<api>-client`);
// an entry that changes only shared packages (the sandbox and the client core serve every API) is shown on
// every API's page, in its own group.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, markdownToHtml } from './markdown.mjs';

export const BUMPS = ['major', 'minor', 'patch'];
const BUMP_TITLES = { major: 'Breaking changes (major)', minor: 'Additions (minor)', patch: 'Fixes (patch)' };
const HEADING_BUMP = { 'major changes': 'major', 'minor changes': 'minor', 'patch changes': 'patch' };

export const apiPackages = (api) => [`@apiforge/${api}-openapi`, `@apiforge/${api}-client`];

/** Parses one changeset file: `{ id, releases: { name: bump }, summary }`; throws on a malformed one. */
export function parseChangeset(id, text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`.changeset/${id}.md has no front matter (--- "package": bump ---)`);
  const releases = {};
  for (const line of match[1].split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const entry = /^\s*(?:"([^"]+)"|'([^']+)'|([^:\s]+))\s*:\s*(\w+)\s*$/.exec(line);
    if (!entry || !BUMPS.includes(entry[4])) {
      throw new Error(`.changeset/${id}.md: front matter line ${JSON.stringify(line)} is not "package": major|minor|patch`);
    }
    releases[entry[1] ?? entry[2] ?? entry[3]] = entry[4];
  }
  return { id, releases, summary: match[2].trim() };
}

/** Every pending changeset in `<root>/.changeset` (README.md is the folder's own documentation). */
export function readPendingChangesets(root) {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => parseChangeset(name.slice(0, -3), readFileSync(join(dir, name), 'utf8')));
}

const isDependencyNote = (text) => /^Updated dependencies\b/.test(text);

/**
 * Parses a CHANGELOG.md written by `changeset version`: `## <version>`, `### Major|Minor|Patch Changes`,
 * then `- <commit>: <summary>` entries (continuation lines indented by two spaces). The automatic
 * "Updated dependencies" entries are dropped: they say nothing a partner can act on.
 */
export function parseChangelog(text) {
  const releases = [];
  let release;
  let bump;
  let entry;
  const finish = () => {
    if (entry && release && bump) {
      const summary = entry.lines.join('\n').trim();
      if (summary && !isDependencyNote(summary)) release.entries.push({ bump, commit: entry.commit, summary });
    }
    entry = undefined;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const version = /^## +(\S+)\s*$/.exec(line);
    if (version) {
      finish();
      release = { version: version[1], entries: [] };
      releases.push(release);
      bump = undefined;
      continue;
    }
    const section = /^### +(.+?)\s*$/.exec(line);
    if (section && release) {
      finish();
      bump = HEADING_BUMP[section[1].toLowerCase()];
      continue;
    }
    if (!release || !bump) continue;
    const start = /^- (?:([0-9a-f]{7,40}): )?(.*)$/.exec(line);
    if (start) {
      finish();
      entry = { commit: start[1], lines: [start[2]] };
    } else if (entry) {
      entry.lines.push(line.startsWith('  ') ? line.slice(2) : line);
    }
  }
  finish();
  return releases;
}

/** Every workspace package's CHANGELOG.md, parsed: `[{ name, releases }]`. */
export function readReleasedChangelogs(root) {
  const found = [];
  for (const folder of ['packages', 'tools']) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const manifestPath = join(base, entry.name, 'package.json');
      const changelogPath = join(base, entry.name, 'CHANGELOG.md');
      if (!existsSync(manifestPath) || !existsSync(changelogPath)) continue;
      const { name } = JSON.parse(readFileSync(manifestPath, 'utf8'));
      found.push({ name, releases: parseChangelog(readFileSync(changelogPath, 'utf8')) });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const strongest = (bumps) => BUMPS.find((bump) => bumps.includes(bump));

/**
 * The changelog of one API: `{ unreleased, releases: [{ version, entries }] }`, each entry
 * `{ bump, packages, summary, scope: 'api' | 'shared' }`. `apis` is every API's name, so packages of
 * another API never count as shared.
 */
export function apiChangelog(api, { apis, pending, released }) {
  const own = new Set(apiPackages(api));
  const perApi = new Set(apis.flatMap(apiPackages));
  const scopeOf = (names) => (names.some((name) => own.has(name)) ? 'api' : names.every((name) => !perApi.has(name)) ? 'shared' : undefined);

  const unreleased = [];
  for (const changeset of pending) {
    const names = Object.keys(changeset.releases);
    const scope = scopeOf(names);
    if (!scope) continue;
    const relevant = scope === 'api' ? names.filter((name) => own.has(name)) : names;
    unreleased.push({
      id: changeset.id,
      bump: strongest(relevant.map((name) => changeset.releases[name])),
      packages: names.sort(),
      summary: changeset.summary,
      scope,
    });
  }

  // The same changeset appears in the CHANGELOG.md of every package it bumps: merge by version + text,
  // then place it like a pending one by the packages it bumped.
  const byVersion = new Map();
  for (const { name, releases } of released) {
    for (const release of releases) {
      if (!byVersion.has(release.version)) byVersion.set(release.version, new Map());
      const entries = byVersion.get(release.version);
      for (const entry of release.entries) {
        const merged = entries.get(entry.summary) ?? { bumps: {}, summary: entry.summary, commit: entry.commit };
        merged.bumps[name] = entry.bump;
        entries.set(entry.summary, merged);
      }
    }
  }
  const releases = [];
  for (const [version, entries] of byVersion) {
    const placed = [];
    for (const entry of entries.values()) {
      const names = Object.keys(entry.bumps).sort();
      const scope = scopeOf(names);
      if (!scope) continue;
      const relevant = scope === 'api' ? names.filter((name) => own.has(name)) : names;
      placed.push({ bump: strongest(relevant.map((name) => entry.bumps[name])), packages: names, summary: entry.summary, commit: entry.commit, scope });
    }
    if (placed.length) releases.push({ version, entries: placed });
  }
  releases.sort((a, b) => compareVersions(b.version, a.version));
  return { unreleased, releases };
}

function compareVersions(a, b) {
  const parse = (version) => version.split(/[.+-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [left, right] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] === right[i]) continue;
    if (left[i] === undefined) return 1; // 1.0.0 > 1.0.0-next.1
    if (right[i] === undefined) return -1;
    if (typeof left[i] === 'number' && typeof right[i] === 'number') return left[i] - right[i];
    return String(left[i]).localeCompare(String(right[i]));
  }
  return 0;
}

function entriesHtml(entries, sharedNote) {
  const groups = [];
  for (const scope of ['api', 'shared']) {
    for (const bump of BUMPS) {
      const selected = entries.filter((entry) => entry.scope === scope && entry.bump === bump);
      if (selected.length === 0) continue;
      const title = scope === 'api' ? BUMP_TITLES[bump] : `${sharedNote}: ${BUMP_TITLES[bump].toLowerCase()}`;
      const items = selected
        .map(
          (entry) => `<article class="entry ${bump}">
<p class="packages">${entry.packages.map((name) => `<code>${escapeHtml(name)}</code>`).join(' ')}</p>
<div class="summary">${markdownToHtml(entry.summary)}</div>
</article>`,
        )
        .join('\n');
      groups.push(`<h3>${escapeHtml(title)}</h3>\n${items}`);
    }
  }
  return groups.join('\n');
}

const SHARED_NOTE = 'Shared packages (sandbox, client core)';

/** The changelog page of one API, plain HTML with no script and no external URL. */
export function changelogHtml({ api, title, changelog }) {
  const { unreleased, releases } = changelog;
  const sections = [];
  sections.push(`<section id="unreleased">
<h2>Unreleased</h2>
${unreleased.length ? `<p>Pending changesets: they ship with the next release.</p>\n${entriesHtml(unreleased, SHARED_NOTE)}` : '<p>No pending changes.</p>'}
</section>`);
  for (const release of releases) {
    sections.push(`<section id="v${escapeHtml(release.version)}">
<h2>${escapeHtml(release.version)}</h2>
${entriesHtml(release.entries, SHARED_NOTE)}
</section>`);
  }
  if (releases.length === 0) sections.push('<p class="none">Nothing released yet.</p>');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} changelog</title>
<style>
body { margin: 0 auto; max-width: 60rem; padding: 2rem; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; }
nav a { margin-right: 1rem; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
article.entry { border-left: 4px solid #ccc; padding: 0 0 0 1rem; margin: 1rem 0; }
article.major { border-color: #c0392b; } article.minor { border-color: #2e86c1; } article.patch { border-color: #7f8c8d; }
p.packages { margin: 0; color: #555; font-size: .9em; }
</style>
</head>
<body>
<nav><a href="../index.html">All APIs</a><a href="./index.html">${escapeHtml(title)} reference</a></nav>
<h1>${escapeHtml(title)} changelog</h1>
<p>Built from the changesets of the packages made from this API's spec (<code>${apiPackages(api).map(escapeHtml).join('</code>, <code>')}</code>); changes to the shared sandbox and client core are listed after them.</p>
${sections.join('\n')}
</body>
</html>
`;
}
