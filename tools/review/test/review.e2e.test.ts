// pnpm review end to end, on a copy of the Lucent spec in a temporary git repository: the reviewer scenario
// of issue 17 (a token prefix removed, the cursor field renamed) plus a deprecation and an assumption. The
// page is opened in Chromium: it renders every section, makes no network request, and its screenshot is
// not blank (pixels are counted, never compared with a golden image).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/main.js';
import { SECTIONS } from '../src/page.js';

const run = promisify(execFile);
const source = fileURLToPath(new URL('../../..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/review.mjs', import.meta.url));
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let repo: string;
let out: string;
let result: { code: number; stdout: string; stderr: string };
let browser: Browser | undefined;

const copy = (path: string) => cpSync(join(source, path), join(repo, path), { recursive: true });
const edit = (path: string, change: (text: string) => string) => {
  const file = join(repo, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the sample edit of ${path} changed nothing; update the test to the spec`);
  writeFileSync(file, after);
};
const git = (...args: string[]) => run('git', args, { cwd: repo, env: gitEnv });
const cli = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, timeout: 180_000 }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (failed: { code?: number; stdout?: string; stderr?: string }) => ({ code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }),
  );

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'review-e2e-'));
  out = join(repo, 'review-out');
  // Only Lucent is declared, so the run bundles, lints and generates one API per side.
  const config = parse(readFileSync(join(source, 'redocly.yaml'), 'utf8')) as { apis: Record<string, unknown> };
  config.apis = { lucent: config.apis.lucent };
  writeFileSync(join(repo, 'redocly.yaml'), stringify(config));
  for (const path of ['spec/lucent', 'tools/redocly-house-rules/plugin.js', 'tools/redocly-house-rules/rules', 'packages/lucent-openapi/package.json', 'packages/lucent-client/package.json']) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    copy(path);
  }
  mkdirSync(join(repo, '.changeset'), { recursive: true });
  writeFileSync(join(repo, '.changeset/README.md'), 'Changesets.\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base');
  edit('spec/lucent/openapi.yaml', (t) => t.replace(/\n(\s+)- luc_mcp_\n/, '\n'));
  edit('spec/lucent/paths/api_v1_issues.yaml', (t) => t.replace('nextCursorField: nextCursor', 'nextCursorField: next'));
  edit('spec/lucent/paths/api_v1_signals.yaml', (t) => t.replace(/^get:\n/, 'get:\n  deprecated: true\n  x-sunset: "2999-12-31"\n'));
  edit('spec/lucent/components/schemas/IssueList.yaml', (t) =>
    t.replace('  - nextCursor\n', '  - next\n').replace('  nextCursor:\n', '  next:\n').replace(/(\n    description: Pass back as `cursor`[^\n]*)/, '$1\n    x-assumption: We assume the renamed field keeps the cursor semantics.'));
  writeFileSync(join(repo, '.changeset/sample.md'), '---\n"@apiforge/lucent-openapi": minor\n---\n\nDrop the legacy prefix.\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'sample change');
  result = await cli('--base', 'HEAD~1', '--out', out);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  rmSync(repo, { recursive: true, force: true });
});

describe('pnpm review', () => {
  it('writes one page for the changed API and a summary', () => {
    expect(result.stderr).not.toMatch(/review: (?!comparing|lucent:)/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('review: lucent: 3 breaking, 0 warning(s), 2 info;');
    expect(existsSync(join(out, 'lucent.html'))).toBe(true);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('| lucent | 3 | 0 | 2 |');
    expect(summary).toContain('❌ @apiforge/lucent-client needs major, @apiforge/lucent-openapi needs major');
    expect(summary).toContain('x-token-prefixes › removed luc_mcp_');
  });

  it('the page is self-contained: inline CSS, no script, no external reference', () => {
    const html = readFileSync(join(out, 'lucent.html'), 'utf8');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href="(?!#)/i);
  });

  it('has the findings: levels, lint, provenance, client surface, changesets, operations', () => {
    const html = readFileSync(join(out, 'lucent.html'), 'utf8');
    expect(html).toContain('<span class="level breaking">breaking</span></td><td><code>components › securitySchemes.bearerAuth › x-token-prefixes removed luc_mcp_</code>');
    expect(html).toContain('x-pagination.nextCursorField &quot;nextCursor&quot; → &quot;next&quot;');
    expect(html).toContain('until its sunset on 2999-12-31');
    // Lint runs on both sides: the renamed field no longer matches the documented example page.
    expect(html).toMatch(/<h3>Introduced by this change<\/h3>\n<ul><li class="problem-error"><strong>error<\/strong> <code>no-invalid-media-type-examples<\/code>: Example value must conform to the schema: must have required property &#39;next&#39;\. <span class="muted">at <code>spec\/lucent\/components\/examples\/IssueListPage\.yaml#\/value<\/code>/);
    expect(html).toMatch(/<h3>Fixed by this change<\/h3>\n<p class="muted">None\.<\/p>/);
    expect(html).toContain('Assumptions added (1)');
    expect(html).toContain('We assume the renamed field keeps the cursor semantics.');
    expect(html).toMatch(/<span class="del">- +readonly tokenPrefixes: readonly \[&quot;luc_api_&quot;, &quot;luc_oat_&quot;, &quot;luc_mcp_&quot;\];<\/span>/);
    expect(html).toMatch(/<code>types\.gen\.d\.ts<\/code> changed/);
    expect(html).toContain('<td><code>@apiforge/lucent-openapi</code></td><td>major</td><td>minor</td>');
    expect(html).toContain('<code>.changeset/sample.md</code>: <code>@apiforge/lucent-openapi</code> minor — Drop the legacy prefix.');
    expect(html).toContain('id="op-get-api-v1-issues"');
    expect(html).toContain('id="op-get-api-v1-signals"');
  });

  it('renders in Chromium: every section visible, no request, a screenshot that is not blank', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(join(out, 'lucent.html')).href;
    await page.goto(url);
    expect(requests).toEqual([url]);
    for (const [id, title] of SECTIONS) {
      const heading = page.locator(`section#${id} > h2`);
      expect(await heading.textContent()).toBe(title);
      expect(await heading.isVisible()).toBe(true);
    }
    expect(await page.locator('.op').count()).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(2000);
    const shot = await page.screenshot();
    writeFileSync(join(out, 'lucent.png'), shot);
    // Decode the PNG in a blank page (the review page's CSP allows no images) and count pixels.
    const probe = await browser.newPage();
    const stats = await probe.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const colours = new Set<number>();
      let ink = 0;
      for (let i = 0; i < data.length; i += 4 * 7) {
        const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
        colours.add((r << 16) | (g << 8) | b);
        if (r + g + b < 600) ink += 1;
      }
      return { width: image.width, height: image.height, colours: colours.size, inkShare: ink / (data.length / (4 * 7)) };
    }, shot.toString('base64'));
    expect(stats.width).toBe(1280);
    expect(stats.height).toBe(900);
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.inkShare).toBeGreaterThan(0.01);
  });

  it('refuses an unknown flag and an unknown API with a message and exit 2', async () => {
    const errors: string[] = [];
    const io = { cwd: repo, stdout: () => undefined, stderr: (text: string) => errors.push(text) };
    expect(await main(['--bogus'], io)).toBe(2);
    expect(errors.join('')).toContain('Unknown argument --bogus. Valid options: --base, --out, --api, --no-surface, --help.');
    expect(await main(['--api', 'nope'], io)).toBe(2);
    expect(errors.join('')).toContain('--api nope: not an API in redocly.yaml (lucent)');
    expect(await main(['--base'], io)).toBe(2);
    expect(errors.join('')).toContain('--base needs a value');
  });
});
