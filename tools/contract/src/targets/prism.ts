import { readFileSync } from 'node:fs';
import { SetupError, type CaseDef, type Target } from '../types.js';

/**
 * The Prism mock answers from the spec's examples. It checks that credentials are present but not
 * their value, ignores scopes, serves example pages rather than real ones, counts nothing, and
 * answers an invalid request with the first example of the spec's 400 response (or a generated 422
 * when there is none). Cases that need more are reported as not applicable, with these reasons.
 */
export const MOCK_LACKS: Target['lacks'] = {
  'credential-values': 'not applicable on Prism: it checks that a credential is present, never its value, kind or revocation',
  scopes: 'not applicable on Prism: it ignores the scopes of security requirements',
  'real-data': 'not applicable on Prism: it returns the spec examples, not real records, pages or filters',
  'rate-limits': 'not applicable on Prism: it does not count requests or enforce rate limits',
  'compressed-bodies': 'not applicable on Prism: it does not decode a compressed request body and never answers one',
  'ndjson-bodies': 'not applicable on Prism: 5.14 validates a whole NDJSON body as one string against the one-line schema and answers every upload with the 400 example, whatever Prefer says',
  'record-counts': 'not applicable on Prism: it stores nothing, so there is nothing to count',
  'strict-numbers': 'not applicable on Prism: it coerces query strings with JavaScript number parsing and accepts scientific notation',
};

function mockNotApplicable(def: CaseDef): string | null {
  const expected = def.invalidValue;
  if (!expected) return null;
  if (expected.status !== 400) {
    return `not applicable on Prism: it answers an invalid value with the first example of the operation's 400 response (else its 422, else a generated 422) verbatim, not the documented ${expected.status}${expected.example ? ` ${expected.example}` : ''} for the value sent`;
  }
  if (expected.example && !expected.firstExampleOfStatus) {
    return `not applicable on Prism: it answers every invalid request with the first 400 example, not ${expected.example}`;
  }
  return null;
}

/** A Prism mock already running at `url` (`--target mock=URL`, e.g. `pnpm mock lucent`): every operation goes there. */
export function mockAtUrl(url: string, name = `mock ${url}`, close: () => Promise<void> = async () => {}): Target {
  return {
    name,
    baseUrl: () => url,
    lacks: MOCK_LACKS,
    notApplicable: mockNotApplicable,
    pacingScale: null,
    probeUrls: [url],
    notices: [],
    reset: async () => {},
    close,
  };
}

/** This package's version (package.json is two folders up from src/targets and dist/targets): @apiforge/mock is released with it. */
function ownVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'latest';
  }
}

/** Starts Prism on the bundled spec (needs @apiforge/mock: in the apiforge repository, or installed next to this package). */
export async function prismTarget(options: { api: string }): Promise<Target> {
  let startMock: typeof import('@apiforge/mock').startMock;
  try {
    ({ startMock } = await import('@apiforge/mock'));
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('@apiforge/mock');
    if (!missing) throw error;
    throw new SetupError(
      `--target prism starts the Prism mock of @apiforge/mock (an optional peer dependency), which is not installed next to @apiforge/contract: install it (npm install -D @apiforge/mock@${ownVersion()}, the same release as @apiforge/contract), or start a mock yourself and attach with --target mock=URL`,
    );
  }
  const mock = await startMock({ api: options.api, port: 0 });
  return mockAtUrl(mock.url, 'prism', () => mock.close());
}
