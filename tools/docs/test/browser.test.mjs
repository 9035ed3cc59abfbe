// Opens each API's rendered reference in headless Chromium, served from 127.0.0.1, and checks it
// works with no network: every operation is shown with its samples, nothing logs an error and no
// request leaves 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURL_LABEL, TYPESCRIPT_LABEL } from '../src/code-samples.mjs';
import { renderAll } from '../src/render.mjs';
import { operations } from '../src/spec-walk.mjs';
import { apiNames } from '../src/workspace.mjs';
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
  for (const result of await renderAll({ outDir: siteDir })) rendered.set(result.api, result);
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

describe.each(apis)('%s reference in Chromium', (api) => {
  it('shows every operation with curl and client samples, offline and without errors', async () => {
    const { spec, client, typescriptSources } = rendered.get(api);
    const ops = [...operations(spec)];
    const { context, page, offHostRequests, consoleErrors } = await openPage(`${site.url}/${api}/`);
    try {
      const pageText = await page.evaluate(() => document.body.innerText);
      for (const { operation } of ops) expect(pageText, `summary of ${operation.operationId}`).toContain(operation.summary);

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

      await page.getByRole('tab', { name: CURL_LABEL, exact: true }).first().click();
      await page.waitForLoadState('networkidle');
      await mkdir(testOutput, { recursive: true });
      await page.screenshot({ path: join(testOutput, `${api}.png`) });

      expect(offHostRequests, 'requests that left 127.0.0.1').toEqual([]);
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
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
