// Started by node-matrix under each Node version: one sandbox and one mock per API, one documented
// request to each, then both stop. Exits non-zero with the reason on the first failure.
import { startMock } from '../../mock/src/index.js';

const { startSandbox, fixtureCredentials } = await import('../../../packages/sandbox/dist/index.js');

const REQUESTS = {
  lucent: { path: '/api/v1/issues?limit=1', scheme: 'bearer', prefix: 'luc_api_' },
  luludesk: { path: '/api/v1/workspaces/550e8400-e29b-41d4-a716-446655440000/usage', scheme: 'bearer', prefix: 'lld_' },
  lumiqtrace: { path: '/v1/projects/proj_acme/overview', scheme: 'bearer', prefix: '' },
};

/** Tries the API's live fixture credentials with the prefix until one is accepted (at most a handful). */
async function sandboxAnswers(api, url, request) {
  let last = '';
  for (const [token, credential] of await fixtureCredentials(api)) {
    if (!token.startsWith(request.prefix) || credential.revoked) continue;
    const response = await fetch(`${url}${request.path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    if (response.status === 200) return;
    last = `${response.status} ${await response.text()}`;
  }
  throw new Error(`sandbox ${api} GET ${request.path}: no fixture credential was accepted (last answer ${last})`);
}

for (const [api, request] of Object.entries(REQUESTS)) {
  const sandbox = await startSandbox({ api, port: 0 });
  try {
    await sandboxAnswers(api, sandbox.url, request);
  } finally {
    await sandbox.close();
  }
  const mock = await startMock({ api, port: 0, startTimeoutMs: 90_000 });
  try {
    const response = await fetch(`${mock.url}${request.path.replace('proj_acme', 'proj_7f3k2m')}`, { headers: { authorization: `Bearer ${request.prefix}smoke` }, signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`mock ${api} GET ${request.path}: ${response.status} ${await response.text()}`);
  } finally {
    await mock.close();
  }
  console.log(`smoke ${process.version}: ${api} sandbox and mock answer`);
}
