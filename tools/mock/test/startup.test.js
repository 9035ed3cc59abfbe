// Startup is honest: a taken port or an address that is not this machine's fails at once with the
// reason (and the CLI exits non-zero); "ready" only comes after a documented request was answered.
import { createServer } from 'node:net';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockStartError, startMock } from '../src/index.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/mock.mjs', import.meta.url));
let blocker;
let takenPort;
beforeAll(async () => {
  blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  takenPort = blocker.address().port;
});
afterAll(() => new Promise((resolve) => blocker.close(resolve)));

describe('mock startup', () => {
  it('refuses a taken port with the reason, before starting Prism', async () => {
    const error = await startMock({ api: 'luludesk', port: takenPort }).catch((e) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect(error.message).toContain(`port ${takenPort} on 127.0.0.1 is already in use`);
  });

  it('the CLI exits non-zero with the reason and never prints ready', async () => {
    const result = await run(process.execPath, [bin, 'luludesk', '--port', String(takenPort)], { timeout: 60_000 }).then(
      (ok) => ({ code: 0, ...ok }),
      (failed) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('is already in use');
    expect(result.stdout).not.toContain('ready');
  });

  it('resolves only once a documented request is answered, and closes cleanly', async () => {
    const mock = await startMock({ api: 'lucent', port: 0 });
    try {
      const response = await fetch(`${mock.url}/api/v1/signals`, { headers: { authorization: 'Bearer luc_api_x' }, signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(200);
    } finally {
      await mock.close();
    }
    expect(await mock.exited).not.toBeUndefined();
  }, 90_000);
});
