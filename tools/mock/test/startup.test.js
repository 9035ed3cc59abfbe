// Startup is honest: a taken port or an address that is not this machine's fails at once with the
// reason (and the CLI exits non-zero); "ready" only comes after a documented request was answered.
import { createServer } from 'node:net';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('the CLI writes --pid-file with its own PID once ready, stops Prism on SIGTERM and removes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apiforge-mock-pid-'));
    const pidFile = join(dir, 'server.pid');
    const child = spawn(process.execPath, [bin, 'luludesk', '--port', '0', '--pid-file', pidFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 450 && !existsSync(pidFile) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 200));
      expect(readFileSync(pidFile, 'utf8').trim(), output).toBe(String(child.pid));
      expect(output).toMatch(/luludesk Prism mock ready on http:\/\/127\.0\.0\.1:\d+/);
      process.kill(child.pid, 'SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
