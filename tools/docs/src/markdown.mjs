// A small, strict Markdown renderer for the pages we write ourselves (changelogs). It knows paragraphs,
// headings, bullet and ordered lists (nested by indentation), fenced code, inline code, bold, italics and
// links; everything else is text, and raw HTML is always escaped. Lists follow CommonMark's rule that an
// ordered list may interrupt a paragraph only when it starts at 1, so a hard-wrapped line that happens to
// begin with "413." stays part of its paragraph.

export const escapeHtml = (text) =>
  String(text ?? '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const BULLET = /^( {0,3})([-*+])( +|$)(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})([.)])( +|$)(.*)$/;

/** The list marker a line opens, or undefined. */
export function listMarker(line) {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, indent: bullet[1].length, width: bullet[1].length + 1 + Math.max(1, bullet[3].length), start: 1, text: bullet[4] };
  const ordered = ORDERED.exec(line);
  if (ordered) {
    return {
      ordered: true,
      indent: ordered[1].length,
      width: ordered[1].length + ordered[2].length + 1 + Math.max(1, ordered[4].length),
      start: Number(ordered[2]),
      text: ordered[5],
    };
  }
  return undefined;
}

/**
 * Whether a line opens a list given the line before it: a bullet may interrupt a paragraph, an ordered
 * marker only when it is "1." (CommonMark); after a blank line, a heading or at the start, any marker does.
 */
export function opensList(line, previous) {
  const marker = listMarker(line);
  if (!marker || marker.text.trim() === '') return false;
  const afterParagraph = previous !== undefined && previous.trim() !== '' && !/^ {0,3}#{1,6}\s/.test(previous);
  return !(afterParagraph && marker.ordered && marker.start !== 1);
}

function inline(text) {
  const parts = text.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  let html = '';
  for (let index = 0; index < parts.length; index += 1) {
    if (index % 3 === 0) html += emphasis(escapeHtml(parts[index]));
    else if (index % 3 === 2) html += `<code>${escapeHtml(parts[index].trim() || parts[index])}</code>`;
  }
  return html;
}

function emphasis(escaped) {
  return escaped
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\.{0,2}\/|#)[^\s)]*)\)/g, (_, label, href) => `<a href="${href}">${label}</a>`)
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(?=\S)([^_]*?\S)_(?=$|[\s.,;:)])/g, '$1<em>$2</em>');
}

const dedent = (line, width) => line.slice(Math.min(width, line.length - line.trimStart().length));

function renderList(lines, index) {
  const first = listMarker(lines[index]);
  const items = [];
  let i = index;
  while (i < lines.length) {
    const marker = listMarker(lines[i]);
    if (!marker || marker.ordered !== first.ordered || marker.indent !== first.indent) break;
    const body = [marker.text];
    i += 1;
    while (i < lines.length) {
      const line = lines[i];
      if (line.trim() === '') {
        // A blank line continues the item only when indented content follows.
        const next = lines[i + 1];
        if (next !== undefined && next.trim() !== '' && next.length - next.trimStart().length >= marker.width) {
          body.push('');
          i += 1;
          continue;
        }
        break;
      }
      const sibling = listMarker(line);
      if (sibling && sibling.indent < marker.width) break;
      if (!sibling && line.length - line.trimStart().length === 0 && /^ {0,3}(#{1,6}\s|```)/.test(line)) break;
      body.push(dedent(line, marker.width));
      i += 1;
    }
    items.push(body);
    while (i < lines.length && lines[i].trim() === '' && listMarker(lines[i + 1] ?? '')?.indent === first.indent) i += 1;
  }
  const tag = first.ordered ? 'ol' : 'ul';
  const start = first.ordered && first.start !== 1 ? ` start="${first.start}"` : '';
  const html = items
    .map((body) => {
      const inner = renderBlocks(body);
      // A tight item (one paragraph) is rendered without <p>.
      const tight = inner.match(/^<p>([\s\S]*)<\/p>(\n?)([\s\S]*)$/);
      return `<li>${tight && !tight[1].includes('<p>') ? `${tight[1]}${tight[3] ? `\n${tight[3]}` : ''}` : inner}</li>`;
    })
    .join('\n');
  return { html: `<${tag}${start}>\n${html}\n</${tag}>`, next: i };
}

function renderBlocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = /^ {0,3}(```+|~~~+)/.exec(line);
    if (fence) {
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) code.push(lines[i++]);
      i += 1;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i += 1;
      continue;
    }
    if (opensList(line, undefined)) {
      const list = renderList(lines, i);
      out.push(list.html);
      i = list.next;
      continue;
    }
    const paragraph = [line.trim()];
    i += 1;
    while (i < lines.length && lines[i].trim() !== '' && !/^ {0,3}(#{1,6}\s|```|~~~)/.test(lines[i]) && !opensList(lines[i], lines[i - 1])) {
      paragraph.push(lines[i].trim());
      i += 1;
    }
    out.push(`<p>${inline(paragraph.join('\n'))}</p>`);
  }
  return out.join('\n');
}

/** Markdown source → HTML (headings are shifted down two levels: the page has its own h1/h2). */
export function markdownToHtml(source) {
  return renderBlocks(String(source ?? '').replace(/\r\n?/g, '\n').split('\n'));
}

/**
 * Lines of a Markdown text that a renderer would turn into an ordered list nobody meant: a marker other
 * than "1." that does not continue an ordered list at its indentation, typically a hard-wrapped sentence
 * whose next line begins with a status code ("… answers\n413. …"), in a paragraph or inside a bullet
 * item (where Redoc's renderer nests it as `<ol start="413">`). The "2.", "3." … of a real list are fine.
 */
export function unintendedListLines(text) {
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const found = [];
  let inList = false;
  let orderedIndents = new Set(); // indentations of the ordered lists open in the current list
  let inFence = false;
  const sameLevel = (indent) => [...orderedIndents].some((open) => Math.abs(open - indent) <= 1);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (line.trim() === '') {
      // A list goes on past a blank line only when the next text is indented or another marker.
      const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '');
      if (next === undefined || (!listMarker(next.trimStart()) && !/^\s{2,}\S/.test(next))) {
        inList = false;
        orderedIndents = new Set();
      }
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const marker = listMarker(line.trimStart());
    if (marker && marker.text.trim() !== '') {
      if (!marker.ordered) {
        for (const open of [...orderedIndents]) if (open >= indent - 1) orderedIndents.delete(open);
        inList = inList || opensList(line.trimStart(), index > 0 ? lines[index - 1] : undefined);
        continue;
      }
      if (marker.start === 1 ? inList || opensList(line.trimStart(), index > 0 ? lines[index - 1] : undefined) : inList && sameLevel(indent)) {
        inList = true;
        orderedIndents.add(indent);
        continue;
      }
      found.push(index);
      continue;
    }
    if (/^ {0,3}#{1,6}\s/.test(line)) {
      inList = false;
      orderedIndents = new Set();
    }
  }
  return found;
}

/** Escapes the marker of every unintended ordered list ("413." → "413\."), leaving the text as written. */
export function escapeUnintendedLists(text) {
  const unintended = new Set(unintendedListLines(text));
  if (unintended.size === 0) return text;
  return String(text)
    .split('\n')
    .map((line, index) => (unintended.has(index) ? line.replace(/^(\s*\d+)([.)])/, '$1\\$2') : line))
    .join('\n');
}
