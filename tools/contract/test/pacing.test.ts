import { describe, expect, it } from 'vitest';
import { curlFor, Pacer, retryAfterSeconds, Secrets, toGithubAnnotations, toMarkdown, type Operation, type RunReport } from '../src/index.js';

const op = (rateLimit?: Operation['rateLimit']): Operation =>
  ({ id: 'listThings', method: 'GET', path: '/things', security: [], parameters: [], responses: [], servers: [], ...(rateLimit ? { rateLimit } : {}) }) as Operation;

/** A clock that only moves when the pacer sleeps. */
function fakeClock() {
  let now = 1_000_000;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('pacing by the documented rate limit', () => {
  it('never lets more than the documented limit into any window, per credential', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ scale: 1, now: clock.now, sleep: clock.sleep });
    const limited = op({ group: 'reads', limit: 5, windowSeconds: 60, per: 'token' });
    const sent: Array<{ at: number; token: string }> = [];
    for (let i = 0; i < 23; i++) {
      const token = i % 3 === 0 ? 'b' : 'a';
      const slot = await pacer.acquire(limited, token);
      sent.push({ at: clock.now(), token });
      clock.advance(10); // the answer takes 10 ms
      pacer.release(slot);
    }
    for (const token of ['a', 'b']) {
      const times = sent.filter((s) => s.token === token).map((s) => s.at);
      // Any 5 + 1 consecutive requests of one token span more than the window.
      for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThan(60_000);
    }
    expect(pacer.stats.requests).toBe(23);
    expect(pacer.stats.waitedMs).toBeGreaterThan(0);
  });

  it('shares one window when the limit is not per credential, and keeps to --max-rps', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ scale: 1, maxRps: 4, now: clock.now, sleep: clock.sleep });
    const org = op({ group: 'org', limit: 100, windowSeconds: 60, per: 'organization' });
    const starts: number[] = [];
    for (let i = 0; i < 9; i++) {
      pacer.release(await pacer.acquire(org, `t${i}`));
      starts.push(clock.now());
    }
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('does not pace a target that counts nothing (a mock), and paces at the scale a target enforces', async () => {
    const clock = fakeClock();
    const limited = op({ group: 'reads', limit: 2, windowSeconds: 60, per: 'token' });
    const mock = new Pacer({ scale: null, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 10; i++) mock.release(await mock.acquire(limited, 'a'));
    expect(mock.stats.waitedMs).toBe(0);
    const scaled = new Pacer({ scale: 100, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 200; i++) scaled.release(await scaled.acquire(limited, 'a'));
    expect(scaled.stats.waitedMs).toBe(0);
    scaled.release(await scaled.acquire(limited, 'a'));
    expect(scaled.stats.waitedMs).toBeGreaterThan(59_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds(undefined)).toBeUndefined();
    expect(retryAfterSeconds('-1')).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });
});

describe('repro and reporters', () => {
  const secrets = new Secrets();
  secrets.add('luc_api_secret_value', 'LUCENT_CONTRACT_READ_TOKEN');
  secrets.add('luc_pk_secret$key', 'LUCENT_CONTRACT_INGEST_KEY');

  it('curl names the variable, never the value, and quotes everything else', () => {
    const curl = curlFor('POST', 'http://h/x?api_key=luc_pk_secret%24key&q=it%27s', { headers: { Authorization: 'Bearer luc_api_secret_value', 'X-Note': 'a "b" $HOME `c`' }, bodyText: `{"a":"it's"}` }, secrets);
    expect(curl).not.toContain('secret');
    expect(curl).toContain('"http://h/x?api_key=${LUCENT_CONTRACT_INGEST_KEY}&q=it%27s"');
    expect(curl).toContain('-H "Authorization: Bearer ${LUCENT_CONTRACT_READ_TOKEN}"');
    expect(curl).toContain('-H "X-Note: a \\"b\\" \\$HOME \\`c\\`"');
    expect(curl).toContain(`--data-binary '{"a":"it'\\''s"}'`);
    expect(secrets.redact('GET http://h/x?api_key=luc_pk_secret%24key')).toBe('GET http://h/x?api_key=[redacted]');
    const gz = curlFor('POST', 'http://h/', { headers: { 'Content-Encoding': 'gzip' }, bodyText: '{}', encoding: 'gzip' }, secrets);
    expect(gz).toMatch(/^printf '%s' '\{\}' \| gzip -c \| curl .* --data-binary @-$/);
  });

  const report: RunReport = {
    api: 'lucent',
    target: 'https://staging.example',
    durationMs: 1200,
    notices: ['submitReplayBatch lives on another host'],
    pacing: { requests: 3, waitedMs: 0, throttled: [] },
    results: [
      { kind: 'auth', name: 'a | b', operationId: 'listIssues', status: 'failed', expected: 'status 401', actual: '100% wrong,\nreally', request: { method: 'GET', url: 'https://staging.example/x', status: 200, curl: 'curl -sS' }, durationMs: 1 },
      { kind: 'errors', name: 'c', status: 'warned', expected: 'x', actual: 'y', assumption: 'ours', durationMs: 1 },
      { kind: 'limits', name: 'd', status: 'passed', durationMs: 1 },
    ],
  };

  it('GitHub annotations escape what workflow commands need escaped', () => {
    const lines = toGithubAnnotations(report).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error title=contract lucent \[auth\] listIssues::a \| b%0Aexpected: status 401%0Aactual: 100%25 wrong,%0Areally%0Arequest: GET https:\/\/staging.example\/x → 200%0Arepro: curl -sS$/);
    expect(lines[1]).toMatch(/^::warning /);
  });

  it('Markdown has the counts, the notices and each failure with its repro', () => {
    const md = toMarkdown(report);
    expect(md).toMatch(/^### ❌ Contract suite: lucent against https:\/\/staging.example/);
    expect(md).toContain('| auth | 0 | 1 | 0 | 0 |');
    expect(md).toContain('a \\| b');
    expect(md).toContain('```sh\ncurl -sS\n```');
    expect(md).toContain('- submitReplayBatch lives on another host');
  });
});
