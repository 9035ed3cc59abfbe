import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, SECOND, startLuluDesk, type LuluDeskSandbox } from './support/luludesk.js';

let sandbox: LuluDeskSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function withFault(fault: string): Promise<LuluDeskSandbox> {
  sandbox = await startLuluDesk({ rateLimitScale: 100, faults: [fault] });
  return sandbox;
}

/** The generic engine faults apply to LuluDesk as they do to Lucent; faulty answers skip the spec check. */
describe('LuluDesk under deliberate faults', () => {
  it('tenant-leak: a key of the other workspace reads this one', async () => {
    const s = await withFault('tenant-leak');
    const answer = await s.get('insights', { key: KEYS.second, unchecked: true });
    expect(answer.status).toBe(200);
    expect(answer.json.workspace_id).toBe('550e8400-e29b-41d4-a716-446655440000');
  });

  it('scope-unchecked: a read:usage key lists conversations', async () => {
    const s = await withFault('scope-unchecked');
    expect((await s.get('conversations', { key: KEYS.usageOnly, unchecked: true })).status).toBe(200);
  });

  it('limit-off-by-one: limit 101 and 201 are accepted', async () => {
    const s = await withFault('limit-off-by-one');
    expect((await s.get('conversations?limit=101', { unchecked: true })).json.data).toHaveLength(101);
    expect((await s.get('handoffs?limit=201', { unchecked: true })).status).toBe(200);
  });

  it('cursor-unchecked: a cursor of the other workspace is followed', async () => {
    const s = await withFault('cursor-unchecked');
    const foreign = (await s.get('conversations?limit=5', { workspace: SECOND, key: KEYS.second })).json.pagination.next_cursor;
    expect((await s.get(`conversations?cursor=${foreign}`, { unchecked: true })).status).toBe(200);
  });

  it('ordering: conversations sharing started_at lose the id tie-break and a cursor walk skips some', async () => {
    const s = await withFault('ordering');
    const walked = await s.conversations(3);
    expect(new Set(walked.map((c) => c.id)).size).toBeLessThan(312);
  });

  it('no-cache-control and no-www-authenticate drop the sandbox\'s optional headers', async () => {
    let s = await withFault('no-cache-control');
    expect((await s.get('insights', { key: null, unchecked: true })).headers.get('cache-control')).toBeNull();
    await s.close();
    s = await withFault('no-www-authenticate');
    expect((await s.get('insights', { key: null, unchecked: true })).headers.get('www-authenticate')).toBeNull();
  });
});
