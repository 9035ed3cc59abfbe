/**
 * What a browser bundle gets through the package's `browser` import conditions (tests otherwise run the
 * Node variants): logging and hooks only after `@apiforge/client-core/logging` is imported, with a clear
 * error when they are asked for without it; abort signals combined by the platform.
 */
import { describe, expect, it } from 'vitest';
import type { ClientDefinition } from '../src/api-client.js';
import { combineSignals } from '../src/combine-signals-browser.js';
import { installLogging, loggingFor } from '../src/logging-browser.js';
import { createLogging } from '../src/logging.js';

const DEFINITION = { name: 'WidgetClient', envPrefix: 'WIDGET' } as ClientDefinition;

describe('browser logging (#logging, browser condition)', () => {
  it('costs nothing and needs nothing when no logging is asked for', () => {
    expect(loggingFor(DEFINITION, {}, {})).toBeUndefined();
    expect(loggingFor(DEFINITION, { logLevel: 'off' }, {})).toBeUndefined();
  });

  it('refuses logging options without the logging import, naming the import to add', () => {
    const logger = { error() {}, warn() {}, info() {}, debug() {} };
    expect(() => loggingFor(DEFINITION, { logLevel: 'debug', logger, onResponse: () => undefined }, {})).toThrow(
      "WidgetClient: logger, logLevel, onRequest and onResponse need `import '@apiforge/client-core/logging'` in a browser bundle.",
    );
    expect(() => loggingFor({ ...DEFINITION, package: '@apiforge/widget-client' }, { onRequest: () => undefined }, {})).toThrow("need `import '@apiforge/widget-client/logging'`");
  });

  it('logs once the logging module is installed (what the /logging entry does)', async () => {
    installLogging(createLogging);
    const lines: string[] = [];
    const logger = { error: (line: string) => lines.push(line), warn() {}, info() {}, debug() {} };
    const logging = loggingFor(DEFINITION, { logLevel: 'error', logger }, {});
    const failing = logging?.observer?.({ method: 'GET', url: 'https://api.widgets.test/w?api_key=secret123', headers: {} }, () => Promise.reject(new Error('down')));
    await expect(failing).rejects.toThrow('down');
    expect(lines).toEqual(['[widget] ✕ GET https://api.widgets.test/w?api_key=%5BREDACTED%5D: Error: down']);
  });
});

describe('browser signal combination (#combine-signals, browser condition)', () => {
  it('passes one signal through and combines several so that any aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    expect(combineSignals([a.signal, undefined])).toBe(a.signal);
    expect(combineSignals([])).toBeUndefined();
    const combined = combineSignals([a.signal, b.signal])!;
    expect(combined.aborted).toBe(false);
    b.abort(new Error('stop'));
    expect(combined.aborted).toBe(true);
    expect((combined.reason as Error).message).toBe('stop');
  });

  it('falls back to listeners where AbortSignal.any is missing (older browsers)', () => {
    const any = AbortSignal.any;
    try {
      (AbortSignal as { any?: unknown }).any = undefined;
      const a = new AbortController();
      const combined = combineSignals([a.signal, new AbortController().signal])!;
      a.abort('why');
      expect(combined.reason).toBe('why');
      expect(combineSignals([AbortSignal.abort('early'), new AbortController().signal])!.reason).toBe('early');
    } finally {
      AbortSignal.any = any;
    }
  });
});

describe('browser redirects (#redirects, browser condition)', () => {
  it('follows nothing: a browser shows an opaque redirect without its Location, so it is a RedirectError', async () => {
    const { followRedirects } = await import('../src/redirects-browser.js');
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers() } as unknown as Response;
    await expect(followRedirects(opaque, { method: 'GET', url: 'https://api.widgets.test/w' })).rejects.toMatchObject({
      name: 'RedirectError',
      message: expect.stringContaining('The API answered a redirect to an unreadable location'),
    });
  });
});
