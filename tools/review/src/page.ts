// The review page of one API: a single HTML file with inline CSS and no script, image or font request.
import type { Base, Bump, Change, PackageVerdict } from '@apiforge/spec-diff';
import { formatLocation } from '@apiforge/spec-diff';
import { CSS, escapeHtml as esc } from './html.js';
import type { LintResult } from './lint.js';
import { renderOperation, type OperationRef } from './operation-view.js';
import type { ProvenanceDiff } from './provenance.js';
import type { SurfaceDiff } from './surface.js';
import { hunks } from './text-diff.js';

export interface ChangesetFile {
  file: string;
  bumps: Array<[string, Bump]>;
  summary: string;
}

export interface ApiReview {
  api: string;
  status: string;
  base: Base;
  changes: Change[];
  counts: { breaking: number; warning: number; info: number };
  lint: LintResult;
  provenance: ProvenanceDiff;
  surface: SurfaceDiff | undefined;
  changesets: { checked: boolean; verdicts: PackageVerdict[]; files: ChangesetFile[]; packages: string[] };
  operations: OperationRef[];
  operationsLeftOut: number;
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
  notes: string[];
}

/** The sections every page has, in order (the Chromium test checks them). */
export const SECTIONS = [
  ['summary', 'Summary'],
  ['changes', 'Changes'],
  ['lint', 'Lint'],
  ['provenance', 'Provenance'],
  ['surface', 'Client surface'],
  ['changesets', 'Changesets'],
  ['operations', 'Operations before and after'],
] as const;

const LEVEL_TEXT = { breaking: 'Breaking', warning: 'Warnings', info: 'Info' } as const;

function changesSection(review: ApiReview): string {
  if (review.changes.length === 0) return '<p>No changes.</p>';
  const out: string[] = [];
  for (const level of ['breaking', 'warning', 'info'] as const) {
    const changes = review.changes.filter((c) => c.level === level);
    if (!changes.length) continue;
    const rows = changes
      .map((c) => `<tr><td><span class="level ${level}">${level}</span></td><td><code>${esc(formatLocation(c))}</code></td><td>${esc(c.kind)}</td><td>${esc(c.message)}${c.waived ? `<br><span class="muted">Waived until ${esc(c.waived.expires)}: ${esc(c.waived.reason)}</span>` : ''}</td></tr>`)
      .join('');
    out.push(`<h3 id="level-${level}">${LEVEL_TEXT[level]} (${changes.length})</h3><table><thead><tr><th>level</th><th>where</th><th>kind</th><th>what it means</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  return out.join('\n');
}

function problemList(problems: LintResult['introduced']): string {
  if (!problems.length) return '<p class="muted">None.</p>';
  return `<ul>${problems.map((p) => `<li class="problem-${p.severity === 'error' ? 'error' : 'warn'}"><strong>${esc(p.severity)}</strong> <code>${esc(p.ruleId)}</code>: ${esc(p.message)} <span class="muted">at <code>${esc(`${p.file}${p.where}`)}</code></span></li>`).join('')}</ul>`;
}

function lintSection(lint: LintResult): string {
  const side = (name: string, s: LintResult['before']) =>
    s.error ? `<p class="problem-error">${name}: Redocly could not lint it:</p><pre class="diff">${esc(s.error)}</pre>` : s.problems === undefined ? `<p class="muted">${name}: the API does not exist.</p>` : `<p>${name}: <strong>${s.problems.length}</strong> problem(s).</p>`;
  return [
    '<p class="muted">Both sides are linted with the working tree\'s <code>redocly.yaml</code> and house rules, so the difference is what this change brings.</p>',
    side('Base', lint.before),
    side('Working tree', lint.after),
    '<h3>Introduced by this change</h3>',
    problemList(lint.introduced),
    '<h3>Fixed by this change</h3>',
    problemList(lint.fixed),
    lint.after.problems && lint.after.problems.length ? `<details><summary>All ${lint.after.problems.length} problem(s) in the working tree</summary>${problemList(lint.after.problems)}</details>` : '',
  ].join('\n');
}

function provenanceSection(p: ProvenanceDiff): string {
  const marks = (title: string, list: Array<{ where: string; text: string }>) =>
    `<h3>${title} (${list.length})</h3>${list.length ? `<ul>${list.map((m) => `<li><code>${esc(m.where)}</code>: ${esc(m.text)}</li>`).join('')}</ul>` : '<p class="muted">None.</p>'}`;
  return [
    `<p>Assumptions (<code>x-assumption</code>): ${p.counts.before.assumptions} → <strong>${p.counts.after.assumptions}</strong>; vendor-sourced facts (<code>x-source</code>): ${p.counts.before.sources} → <strong>${p.counts.after.sources}</strong>.</p>`,
    marks('Assumptions added', p.assumptionsAdded),
    marks('Assumptions removed', p.assumptionsRemoved),
    `<h3>Assumptions reworded (${p.assumptionsChanged.length})</h3>${p.assumptionsChanged.length ? `<ul>${p.assumptionsChanged.map((c) => `<li><code>${esc(c.where)}</code>: <del>${esc(c.before)}</del> → ${esc(c.after)}</li>`).join('')}</ul>` : '<p class="muted">None.</p>'}`,
    marks('Source marks added', p.sourcesAdded),
    marks('Source marks removed', p.sourcesRemoved),
  ].join('\n');
}

function surfaceSection(surface: SurfaceDiff | undefined): string {
  if (!surface) return '<p class="muted">Skipped (<code>--no-surface</code>).</p>';
  const notes = surface.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('');
  if (surface.error) return `${notes}<p class="problem-error">The client surface of ${esc(surface.clientPackage ?? '')} could not be generated:</p><pre class="diff">${esc(surface.error)}</pre>`;
  if (!surface.clientPackage) return notes;
  const intro = `<p>Generated declarations of <code>${esc(surface.clientPackage)}</code> from each side's spec (client generator output, <code>tsc --emitDeclarationOnly</code>): ${surface.compared} file(s), <strong>${surface.files.length}</strong> changed.</p>`;
  if (!surface.files.length) return `${notes}${intro}<p>The public client surface is unchanged.</p>`;
  const files = surface.files
    .map((f) => {
      const lines = hunks(f.lines)
        .map((line) => (line.op === '…' ? `<span class="skip">… ${esc(line.text)}</span>` : line.op === '+' ? `<span class="add">+ ${esc(line.text)}</span>` : line.op === '-' ? `<span class="del">- ${esc(line.text)}</span>` : `  ${esc(line.text)}\n`))
        .join('');
      const added = f.lines.filter((l) => l.op === '+').length;
      const removed = f.lines.filter((l) => l.op === '-').length;
      return `<details open><summary><code>${esc(f.file)}</code> ${esc(f.status)} (+${added} −${removed})</summary><pre class="diff">${lines}</pre></details>`;
    })
    .join('\n');
  return `${notes}${intro}${files}`;
}

function changesetsSection(c: ApiReview['changesets']): string {
  if (!c.checked) return '<p class="muted">Not checked.</p>';
  const out: string[] = [];
  if (!c.packages.length) out.push('<p class="muted">No package under packages/ declares this API, so no changeset is required.</p>');
  if (c.verdicts.length) {
    out.push(`<table><thead><tr><th>package</th><th>needs at least</th><th>found</th><th></th></tr></thead><tbody>${c.verdicts
      .map((v) => `<tr><td><code>${esc(v.package)}</code></td><td>${esc(v.needed)}</td><td>${esc(v.found)}</td><td>${v.ok ? '<span class="level info">ok</span>' : '<span class="level breaking">missing</span>'}</td></tr>`)
      .join('')}</tbody></table>`);
  } else if (c.packages.length) {
    out.push('<p>Nothing to release for this API.</p>');
  }
  out.push(`<h3>Changesets since the base (${c.files.length})</h3>`);
  out.push(c.files.length
    ? `<ul>${c.files.map((f) => `<li><code>${esc(f.file)}</code>: ${f.bumps.map(([pkg, bump]) => `<code>${esc(pkg)}</code> ${esc(bump)}${c.packages.includes(pkg) ? '' : ' <span class="muted">(another API)</span>'}`).join(', ') || '<span class="muted">no packages</span>'}${f.summary ? ` — ${esc(f.summary)}` : ''}</li>`).join('')}</ul>`
    : '<p class="muted">None. Add one with <code>pnpm changeset</code>.</p>');
  return out.join('\n');
}

function operationsSection(review: ApiReview): string {
  if (!review.operations.length) return '<p class="muted">No operation changed.</p>';
  const blocks = review.operations.map((ref) => {
    const id = `op-${ref.method}${ref.path.replace(/[^A-Za-z0-9]+/g, '-')}`.replace(/-+$/, '');
    return `<h3 id="${esc(id)}">${esc(ref.method.toUpperCase())} <code>${esc(ref.path)}</code></h3><div class="pair"><div><div class="label">Before (base)</div>${renderOperation(review.before, ref, review.after, 'before')}</div><div><div class="label">After (working tree)</div>${renderOperation(review.after, ref, review.before, 'after')}</div></div>`;
  });
  const more = review.operationsLeftOut ? `<p class="muted">${review.operationsLeftOut} more changed operation(s) not shown; see the change list.</p>` : '';
  return `<p class="muted">Each changed operation as the reference docs describe it; rows only on one side are highlighted.</p>${blocks.join('\n')}${more}`;
}

export function renderPage(review: ApiReview): string {
  const { counts } = review;
  const failing = review.changesets.verdicts.filter((v) => !v.ok);
  const base = review.base.commit ? `${review.base.ref} at ${review.base.commit.slice(0, 12)} (${review.base.reason})` : `none (${review.base.reason})`;
  const cards = [
    `<div class="card breaking"><b>${counts.breaking}</b>breaking</div>`,
    `<div class="card warning"><b>${counts.warning}</b>warning(s)</div>`,
    `<div class="card info"><b>${counts.info}</b>info</div>`,
    `<div class="card ${review.lint.introduced.length ? 'fail' : 'ok'}"><b>${review.lint.introduced.length}</b>new lint problem(s)</div>`,
    `<div class="card ${failing.length ? 'fail' : 'ok'}"><b>${failing.length ? 'missing' : 'ok'}</b>changesets</div>`,
    `<div class="card info"><b>${review.surface?.files.length ?? '–'}</b>client file(s) changed</div>`,
  ].join('');
  const sections: Record<(typeof SECTIONS)[number][0], string> = {
    summary: `<div class="cards">${cards}</div>${review.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('')}`,
    changes: changesSection(review),
    lint: lintSection(review.lint),
    provenance: provenanceSection(review.provenance),
    surface: surfaceSection(review.surface),
    changesets: changesetsSection(review.changesets),
    operations: operationsSection(review),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Spec review: ${esc(review.api)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="page"><h1>Spec review: ${esc(review.api)}${review.status === 'new' ? ' (new API)' : review.status === 'removed' ? ' (API removed)' : ''}</h1><p>Base: ${esc(base)}. Compared with the working tree.</p></header>
<nav class="toc">${SECTIONS.map(([id, title]) => `<a href="#${id}">${title}</a>`).join('')}</nav>
<main>
${SECTIONS.map(([id, title]) => `<section id="${id}"><h2>${title}</h2>\n${sections[id]}\n</section>`).join('\n')}
</main>
</body>
</html>
`;
}
