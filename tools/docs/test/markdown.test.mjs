// Lists appear only where the source meant one: a wrapped line starting with "413." stays text.
import { describe, expect, it } from 'vitest';
import { escapeUnintendedLists, markdownToHtml, unintendedListLines } from '../src/markdown.mjs';
import { forReaders } from '../src/reader-notes.mjs';

const wrapped = 'A body over the limit is refused and the server answers\n413. Retrying the same body will not help.';

describe('unintended lists', () => {
  it('finds an ordered marker other than 1. outside a list, not the items of a real list', () => {
    const text = `${wrapped}\n\n1. one\n2. two\n   continued\n3. three\n\nText:\n- a\n- b\n\n404. alone after a blank line\n\n- x\n  1. nested\n  2. nested`;
    expect(unintendedListLines(text)).toEqual([1, 12]);
    expect(escapeUnintendedLists(wrapped)).toBe(wrapped.replace('\n413.', '\n413\\.'));
    expect(escapeUnintendedLists('```\n413. in code\n```')).toBe('```\n413. in code\n```');
  });

  it('reader copies of a spec escape them in every description', () => {
    const spec = { info: { title: 't', version: '1', description: wrapped }, paths: { '/x': { get: { description: wrapped, responses: { 413: { description: wrapped } } } } } };
    const copy = forReaders(spec);
    for (const text of [copy.info.description, copy.paths['/x'].get.description, copy.paths['/x'].get.responses[413].description]) {
      expect(unintendedListLines(text)).toEqual([]);
      expect(text).toContain('413\\. Retrying');
    }
  });

  it('our own renderer keeps such a line in its paragraph and renders real lists', () => {
    expect(markdownToHtml(wrapped)).toBe(`<p>${wrapped}</p>`);
    expect(markdownToHtml('Intro:\n- `a` is **bold**\n- [b](https://example.com/b)\n\n1. first\n2. second')).toBe(
      '<p>Intro:</p>\n<ul>\n<li><code>a</code> is <strong>bold</strong></li>\n<li><a href="https://example.com/b">b</a></li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
    );
    expect(markdownToHtml('<script>alert(1)</script> & [x](javascript:alert(1))')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; [x](javascript:alert(1))</p>',
    );
  });
});
