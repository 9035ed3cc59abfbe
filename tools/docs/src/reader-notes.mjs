// Prepares a spec for partners: every assumption of ours is said in plain words where it applies, the
// sources are listed, and notes meant for maintainers are left out (spec/PROVENANCE.md). A hard-wrapped
// line that begins with a number and a dot ("413. …") stays text instead of becoming a numbered list.
import { escapeUnintendedLists } from './markdown.mjs';

const ASSUMPTION_LEAD = '**Our assumption, not documented by the vendor:**';

function addNote(node, text) {
  const note = `${ASSUMPTION_LEAD} ${text.replace(/\s+/g, ' ').trim()}`;
  const description = typeof node.description === 'string' ? node.description.trimEnd() : '';
  if (!description.includes(note)) node.description = description ? `${description}\n\n${note}` : note;
}

function annotate(node, seen) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) annotate(item, seen);
    return;
  }
  delete node['x-maintainer-notes'];
  if (typeof node['x-assumption'] === 'string') addNote(node, node['x-assumption']);
  // A media type has no description of its own: its note goes to the request body or response.
  if (node.content && typeof node.content === 'object' && !Array.isArray(node.content)) {
    for (const [mediaType, media] of Object.entries(node.content)) {
      if (typeof media?.['x-assumption'] === 'string') addNote(node, `${mediaType}: ${media['x-assumption']}`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'x-codeSamples') continue;
    annotate(value, seen);
  }
  if (typeof node.description === 'string') node.description = escapeUnintendedLists(node.description);
}

function sourcesSection(sources) {
  const entries = Object.values(sources ?? {});
  if (entries.length === 0) return '';
  const lines = entries.map((source) => `* ${source.url ? `[${source.title}](${source.url})` : source.title}`);
  return `\n\n## Sources\nEvery fact in this reference comes from these public sources, except where a field, parameter or response says it is our assumption:\n\n${lines.join('\n')}`;
}

/** A copy of the bundled spec for rendering to partners. */
export function forReaders(spec) {
  const copy = structuredClone(spec);
  annotate(copy, new WeakSet());
  if (copy.info) copy.info.description = escapeUnintendedLists(`${(copy.info.description ?? '').trimEnd()}${sourcesSection(copy['x-sources'])}`);
  return copy;
}

export { ASSUMPTION_LEAD };
