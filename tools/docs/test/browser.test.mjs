// Opens each API's rendered reference in headless Chromium, served from 127.0.0.1, and checks it
// works with no network: every operation is shown with its samples, nothing logs an error and no
// request leaves 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURL_LABEL, TYPESCRIPT_LABEL, operationKey } from '../src/code-samples.mjs';
import { indexHtml } from '../src/html.mjs';
import { listMarker, unintendedListLines } from '../src/markdown.mjs';
import { forReaders } from '../src/reader-notes.mjs';
import { renderSite } from '../src/render.mjs';
import { RENDERER_FILE, vendorRenderer } from '../src/renderer.mjs';
import { operations } from '../src/spec-walk.mjs';
import { apiNames, readBundledSpec } from '../src/workspace.mjs';
import { serveFolder } from './static-server.mjs';

const CHROMIUM = '/usr/bin/chromium';
const testOutput = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-output');
const siteDir = join(testOutput, 'site');
const apis = await apiNames();

let site;
let browser;
const rendered = new Map();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the docs browser test needs Debian's chromium (run tools/setup.sh as root, or apt-get install chromium)`);
  }
  for (const result of await renderSite({ outDir: siteDir })) rendered.set(result.api, result);
  site = await serveFolder(siteDir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openPage(url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const offHostRequests = [];
  const consoleErrors = [];
  // Routing every request (workers included) lets us both record and refuse anything off 127.0.0.1.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    offHostRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== '127.0.0.1') offHostRequests.push(url.href);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return { context, page, offHostRequests, consoleErrors };
}

/** Clicks every tab with this label and returns the text of the panel each one shows. */
async function samplePanels(page, label) {
  const tabs = page.getByRole('tab', { name: label, exact: true });
  const texts = [];
  for (let index = 0; index < (await tabs.count()); index += 1) {
    const tab = tabs.nth(index);
    await tab.click();
    const panelId = await tab.getAttribute('aria-controls');
    texts.push(await page.locator(`[id="${panelId}"]`).innerText());
  }
  return texts;
}

const normalise = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * Every list on the page except Redoc's own widgets (sidebar menu, tab bars, JSON samples): so every list
 * rendered from Markdown (descriptions), and every list of our changelog entries.
 */
const renderedLists = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol, ul')]
      .filter((list) => !list.closest('.menu-content, .redoc-json, [role="tablist"], #bar, nav') && !list.classList.contains('collapsible'))
      .map((list) => ({
      tag: list.tagName.toLowerCase(),
      start: list.getAttribute('start'),
      // An item's own text, without the lists nested in it.
      items: [...list.children]
        .filter((child) => child.tagName === 'LI')
        .map((item) => {
          const copy = item.cloneNode(true);
          copy.querySelectorAll('ol, ul').forEach((nested) => nested.remove());
          return copy.textContent.trim();
        }),
    })),
  );

/**
 * What identifies a list item across Markdown source and rendered text: its first 20 letters and digits
 * (link targets dropped), so emphasis, code spans and escapes do not matter.
 */
const itemKey = (text) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);

/** The start of every list item the Markdown sources mean (markers inside code and unintended ones excluded). */
function intendedItems(texts) {
  const items = new Set();
  for (const text of texts) {
    const lines = text.split('\n');
    const unintended = new Set(unintendedListLines(text));
    let fence = false;
    lines.forEach((line, index) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      const marker = !fence && !unintended.has(index) && listMarker(line.trimStart());
      if (marker) items.add(itemKey(marker.text));
    });
  }
  return items;
}

function markdownTexts(node, out = []) {
  if (!node || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-codeSamples' || key === 'example' || key === 'examples') continue;
    if (key === 'description' && typeof value === 'string') out.push(value);
    else markdownTexts(value, out);
  }
  return out;
}

/**
 * A rendered list is intended when it comes from list source: an ordered list starts at 1 and every item
 * begins like an item the Markdown sources mean; no item reads like a status code left at a line start.
 */
function unintendedLists(lists, intended) {
  const problems = [];
  for (const list of lists) {
    if (list.tag === 'ol' && list.start !== null && list.start !== '1') problems.push(`<ol start="${list.start}"> ${list.items[0]}`);
    for (const item of list.items) {
      const text = normalise(item);
      if (/^[1-5]\d\d\b/.test(text) && !intended.has(itemKey(text))) problems.push(`status-like item: ${text.slice(0, 60)}`);
      else if (!intended.has(itemKey(text))) problems.push(`item without list source: ${text.slice(0, 60)}`);
    }
  }
  return problems;
}

describe('the landing page', () => {
  it('links every API reference and changelog, and every link on it resolves', async () => {
    const { context, page, offHostRequests, consoleErrors } = await openPage(`${site.url}/index.html`);
    try {
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
      const pages = [...new Set(links.filter((href) => href.startsWith(`${site.url}/`)).map((href) => href.split('#')[0]))];
      expect(pages.sort()).toEqual(apis.flatMap((api) => [`${site.url}/${api}/changelog.html`, `${site.url}/${api}/index.html`]).sort());
      for (const target of pages) expect((await fetch(target)).status, target).toBe(200);
      expect(offHostRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** The code shown in every selected sample tab whose code starts with `prefix`. */
const selectedPanels = (page, prefix) =>
  page.evaluate(
    (start) =>
      [...document.querySelectorAll('[role="tabpanel"]')]
        .map((panel) => panel.innerText)
        .map((text) => (text.startsWith(start) ? text : text.slice(text.indexOf(`\n${start}`) + 1 || text.length)))
        .filter((text) => text.startsWith(start)),
    prefix,
  );

describe.each(apis)('%s reference in Chromium', (api) => {
  it('shows every operation with curl and client samples, offline and without errors; no unintended list', async () => {
    const { spec, client, typescriptSources } = rendered.get(api);
    const ops = [...operations(spec)];
    const { context, page, offHostRequests, consoleErrors } = await openPage(`${site.url}/index.html`);
    try {
      // Reached from the landing page, like a reader would: its links into this API, then the page itself.
      const reference = `${site.url}/${api}/index.html`;
      const landingLinks = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
      const hashes = landingLinks.filter((href) => href.startsWith(`${reference}#`)).map((href) => decodeURIComponent(href.split('#')[1]));
      await page.locator(`#${api} h2 a`).click();
      await page.waitForURL(reference);
      await page.waitForLoadState('networkidle');
      await page.waitForSelector('.api-info');
      // Every operation of the bundled spec has its anchor, and every landing link lands on one.
      const anchors = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((element) => element.id).filter((id) => /(^|\/)operation\//.test(id)));
      const reached = new Set(anchors.map((id) => decodeURIComponent(id.split('operation/').at(-1))));
      const operationIds = [...operations(readBundledSpec(api))].map(({ operation }) => operation.operationId);
      expect([...reached].sort(), 'operations reached from the landing page').toEqual([...operationIds].sort());
      expect(hashes).toHaveLength(operationIds.length);
      for (const hash of hashes) expect(anchors, hash).toContain(hash);
      const pageText = await page.evaluate(() => document.body.innerText);
      for (const { operation } of ops) expect(pageText, `summary of ${operation.operationId}`).toContain(operation.summary);
      // Readers see our assumptions said as such, and none of the notes meant for maintainers.
      const bundledText = JSON.stringify(readBundledSpec(api));
      if (bundledText.includes('"x-assumption"')) expect(pageText).toContain('Our assumption, not documented by the vendor:');
      const maintainerNotes = [];
      JSON.parse(bundledText, (key, value) => (key === 'x-maintainer-notes' && maintainerNotes.push(...[value].flat(Infinity)), value));
      for (const note of maintainerNotes.flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value ?? {}).filter((v) => typeof v === 'string')))) {
        expect(normalise(pageText), 'a maintainer note reached the page').not.toContain(normalise(note).slice(0, 60));
      }

      const curlPanels = await samplePanels(page, CURL_LABEL);
      expect(curlPanels).toHaveLength(ops.length);
      ops.forEach(({ operation }, index) => {
        const curl = operation['x-codeSamples'].find((sample) => sample.label === CURL_LABEL).source;
        expect(normalise(curlPanels[index])).toContain(normalise(curl.split('\n')[0]));
      });

      const typescriptPanels = await samplePanels(page, TYPESCRIPT_LABEL);
      expect(typescriptPanels).toHaveLength(client ? ops.length : 0);
      ops.forEach(({ operation }, index) => {
        if (!client) return;
        const firstLine = typescriptSources[operation.operationId].trim().split('\n')[0];
        expect(normalise(typescriptPanels[index])).toContain(normalise(firstLine));
      });

      const problems = unintendedLists(await renderedLists(page), intendedItems(markdownTexts(spec)));
      expect(problems, 'lists that no Markdown list source asked for').toEqual([]);

      await page.getByRole('tab', { name: CURL_LABEL, exact: true }).first().click();
      await page.waitForLoadState('networkidle');
      await mkdir(testOutput, { recursive: true });
      await page.screenshot({ path: join(testOutput, `${api}.png`) });

      // The target switch: every sample (curl and TypeScript) now talks to the sandbox, with no request.
      const { sandbox } = rendered.get(api);
      await page.getByLabel('Sandbox').check();
      await page.waitForFunction(() => document.body.dataset.target === 'sandbox');
      await page.waitForSelector('.api-info');
      const sandboxCurl = await samplePanels(page, CURL_LABEL);
      expect(sandboxCurl).toHaveLength(ops.length);
      ops.forEach((entry, index) => {
        const expected = sandbox.samples[operationKey(entry)][0].source;
        expect(normalise(sandboxCurl[index])).toContain(normalise(expected));
        expect(sandboxCurl[index]).toContain(sandbox.url);
      });
      if (client) {
        await page.getByRole('tab', { name: TYPESCRIPT_LABEL, exact: true }).first().click();
        const [firstTypescript] = await selectedPanels(page, 'import ');
        expect(normalise(firstTypescript)).toContain(normalise(sandbox.samples[operationKey(ops[0])][1].source));
        expect(firstTypescript).toContain(`'${sandbox.url}'`);
      }
      await page.screenshot({ path: join(testOutput, `${api}-sandbox.png`) });
      expect(new URL(page.url()).searchParams.get('target')).toBe('sandbox');
      if (api === apis[0]) {
        // The choice is in the URL: reloading keeps it.
        await page.reload();
        await page.waitForFunction(() => document.body.dataset.target === 'sandbox');
        expect(await page.getByLabel('Sandbox').isChecked()).toBe(true);
      }

      // The changelog, linked from the reference: plain HTML, lists only where its changesets have them.
      await page.getByRole('link', { name: 'Changelog' }).click();
      await page.waitForURL(`${site.url}/${api}/changelog.html`);
      const changelog = rendered.get(api).changelog;
      const changelogSources = [...changelog.unreleased, ...changelog.releases.flatMap((release) => release.entries)].map((entry) => entry.summary);
      expect(await page.locator('article.entry').count()).toBe(changelogSources.length);
      expect(unintendedLists(await renderedLists(page), intendedItems(changelogSources))).toEqual([]);

      expect(offHostRequests, 'requests that left 127.0.0.1').toEqual([]);
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the list check itself', () => {
  it('reports a wrapped "413." line rendered as a list, and finds none once the reader copy escapes it', async () => {
    // A hard-wrapped bullet item: Redoc's renderer nests its second line as <ol start="413">.
    const wrapped = 'Limits:\n\n- A body over 1 MiB is refused: the server answers\n  413. Retrying the same body will not help.';
    const spec = { openapi: '3.1.0', info: { title: 'Lists', version: '1', description: wrapped }, paths: {} };
    const dir = join(siteDir, 'lists');
    await mkdir(dir, { recursive: true });
    await vendorRenderer(dir);
    const problemsOf = async (name, document) => {
      await writeFile(join(dir, `${name}.html`), indexHtml({ title: name, spec: document, rendererFile: RENDERER_FILE }));
      const { context, page } = await openPage(`${site.url}/lists/${name}.html`);
      try {
        await page.waitForSelector('.api-info');
        return unintendedLists(await renderedLists(page), intendedItems(markdownTexts(document)));
      } finally {
        await context.close();
      }
    };
    expect(await problemsOf('raw-lists', spec)).toEqual([
      '<ol start="413"> Retrying the same body will not help.',
      'item without list source: Retrying the same body will not help.',
    ]);
    expect(await problemsOf('reader-lists', forReaders(spec))).toEqual([]);
  });
});

describe('the offline guard itself', () => {
  it('records and blocks a request to another host, and reports console errors', async () => {
    await mkdir(join(siteDir, 'leaky'), { recursive: true });
    await writeFile(
      join(siteDir, 'leaky', 'index.html'),
      '<!doctype html><title>leaky</title><img src="https://example.com/pixel.png"><script>console.error("boom")</script>',
    );
    const { context, offHostRequests, consoleErrors } = await openPage(`${site.url}/leaky/`);
    await context.close();
    expect(offHostRequests).toContain('https://example.com/pixel.png');
    expect(consoleErrors).toContain('boom');
  });
});
