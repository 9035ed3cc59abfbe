// Cursors are accepted only in the exact form the sandbox issued, and are signed with a secret that is
// random per run unless a test or a user passes one (a fixed, published secret would let anyone forge them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCursorCodec } from '../src/engine/index.js';
import { expectError, startTestSandbox, TOKENS, type TestSandbox } from './support/http.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimitScale: 100 });
});
afterAll(() => sandbox.close());

const firstCursor = async (target: TestSandbox): Promise<string> => (await target.get('/api/v1/issues?limit=3', TOKENS.read)).json.nextCursor;

describe('canonical cursors', () => {
  it.each([
    ['two characters appended', (c: string) => `${c}!!`],
    ['base64 padding appended', (c: string) => `${c}==`],
    ['a newline appended', (c: string) => `${c}\n`],
    ['a space prepended', (c: string) => ` ${c}`],
    ['the signature in standard base64', (c: string) => {
      const [payload, signature] = c.split('.') as [string, string];
      return `${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`;
    }],
    ['the payload in standard base64', (c: string) => {
      const [payload, signature] = c.split('.') as [string, string];
      return `${Buffer.from(payload, 'base64url').toString('base64')}.${signature}`;
    }],
  ])('refuses a valid cursor with %s', async (_what, alter) => {
    const cursor = await firstCursor(sandbox);
    expect((await sandbox.get(`/api/v1/issues?limit=3&cursor=${encodeURIComponent(cursor)}`, TOKENS.read)).status).toBe(200);
    expectError(await sandbox.get(`/api/v1/issues?limit=3&cursor=${encodeURIComponent(alter(cursor))}`, TOKENS.read), 400, 'Invalid cursor');
  });

  it('the codec decodes exactly what it encodes and nothing else', () => {
    for (const format of ['dotted', 'compact'] as const) {
      const codec = createCursorCodec('a-test-secret-of-some-length', { format });
      const cursor = codec.encode('binding', ['2026-01-01T00:00:00.000Z', 'id-1']);
      expect(codec.decode('binding', cursor)).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
      for (const altered of [`${cursor}=`, `${cursor}AA`, cursor.replace(/-/g, '+').replace(/_/g, '/'), `${cursor}%0A`]) {
        if (altered !== cursor) expect(codec.decode('binding', altered)).toBeUndefined();
      }
    }
  });
});

describe('cursor secret', () => {
  it('is random per run: a cursor of one sandbox is refused by another', async () => {
    const other = await startTestSandbox({ rateLimitScale: 100 });
    try {
      const cursor = await firstCursor(sandbox);
      expectError(await other.get(`/api/v1/issues?limit=3&cursor=${encodeURIComponent(cursor)}`, TOKENS.read), 400, 'Invalid cursor');
    } finally {
      await other.close();
    }
  });

  it('survives a restart when a secret is given (reproducible tests)', async () => {
    const first = await startTestSandbox({ rateLimitScale: 100, cursorSecret: 'reproducible-secret-123456' });
    const cursor = await firstCursor(first);
    await first.close();
    const second = await startTestSandbox({ rateLimitScale: 100, cursorSecret: 'reproducible-secret-123456' });
    try {
      expect((await second.get(`/api/v1/issues?limit=3&cursor=${encodeURIComponent(cursor)}`, TOKENS.read)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
