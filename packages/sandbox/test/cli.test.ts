import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli.js';

describe('sandbox CLI arguments', () => {
  it('reads the API, port, scale and faults from flags and the environment', () => {
    expect(parseArgs(['lucent'], {})).toMatchObject({ api: 'lucent', port: 4020, host: '127.0.0.1', faults: [] });
    expect(parseArgs(['lucent'], { PORT: '5000', SANDBOX_RATE_LIMIT_SCALE: '0.5', SANDBOX_FAULTS: 'ordering, tenant-leak' })).toMatchObject({
      port: 5000,
      rateLimitScale: 0.5,
      faults: ['ordering', 'tenant-leak'],
    });
    expect(parseArgs(['--', 'lucent', '--port', '4021', '--fault', 'ordering', '--fault=no-cache-control', '--rate-limit-scale=2'], { PORT: '1' })).toMatchObject({
      port: 4021,
      rateLimitScale: 2,
      faults: ['ordering', 'no-cache-control'],
    });
  });

  it.each([
    [[], /Name the API/],
    [['nope'], /Unknown API "nope". Available: lucent/],
    [['lucent', 'luludesk'], /One API at a time/],
    [['lucent', '--port'], /--port needs a non-negative integer/],
    [['lucent', '--port', 'abc'], /--port needs/],
    [['lucent', '--port', '70000'], /at most 65535/],
    [['lucent', '--verbose'], /Unknown option --verbose/],
    [['lucent', '--fault', 'bogus'], /Unknown fault "bogus"/],
    [['lucent', '--rate-limit-scale', '-1'], /non-negative number/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv as string[], {})).toThrow(message);
  });

  it('prints a clear error and exits 2 from the bin script', async () => {
    const bin = fileURLToPath(new URL('../bin/sandbox.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown API "nope"');
  });

  it('serves from the bin script on the given port until stopped', async () => {
    const bin = fileURLToPath(new URL('../bin/sandbox.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'lucent', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const response = await fetch(`${url}/api/v1/issues?limit=1`, { headers: { authorization: 'Bearer luc_api_sandbox_read' } });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  });
});
