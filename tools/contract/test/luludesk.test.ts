import { beforeAll, describe, expect, it } from 'vitest';
import { fieldAt, hasMoreOf } from '../src/derive/common.js';
import { matchBody } from '../src/match.js';
import { runContract, type RunReport } from '../src/index.js';
import { loadModel } from '../src/runner.js';
import { profileFor } from '../src/profiles/index.js';

const failuresOf = (report: RunReport) =>
  report.results.filter((r) => r.status === 'failed').map((r) => `[${r.kind}] ${r.name}: expected ${r.expected}; actual ${r.actual}`);

describe('LuluDesk contract run against the sandbox', () => {
  let report: RunReport;
  beforeAll(async () => {
    report = await runContract({ api: 'luludesk', target: 'sandbox' });
  }, 120_000);

  it('passes every case', () => {
    expect(failuresOf(report)).toEqual([]);
  });

  it('walks conversations by cursor and by page, handoffs by before, knowledge sources by page', () => {
    const passed = (pattern: RegExp) => report.results.filter((r) => r.kind === 'cursors' && r.status === 'passed' && pattern.test(r.name)).length;
    expect(passed(/^listConversations: walk at limit/)).toBeGreaterThanOrEqual(3);
    expect(passed(/^listConversations: page walk at limit/)).toBeGreaterThanOrEqual(3);
    expect(passed(/^listHandoffs: before walk at limit/)).toBe(4);
    expect(passed(/^listKnowledgeSources: page walk at limit/)).toBe(4);
    expect(passed(/cursor issued to another tenant/)).toBe(1);
  });

  it('checks the 422 details against the named example with the value sent, and LuluDesk\'s 403 answers', () => {
    const passed = (kind: string, pattern: RegExp) => report.results.filter((r) => r.kind === kind && r.status === 'passed' && pattern.test(r.name)).length;
    expect(passed('limits', /→ 422 invalidLimit$/)).toBeGreaterThanOrEqual(18);
    expect(passed('limits', /→ 422 invalidPage$/)).toBeGreaterThanOrEqual(10);
    expect(passed('enums', /→ 422 invalidStatus$/)).toBe(1);
    expect(passed('auth', /revoked token \(revoked\) → 403$/)).toBe(5);
    expect(passed('isolation', /token → 403 forbidden$/)).toBe(5);
    expect(passed('errors', /malformed id → 404 workspaceNotFound$/)).toBe(5);
  });
});

describe('LuluDesk contract run against Prism', () => {
  it('has no failures and gives every not-applicable case a Prism reason', async () => {
    const report = await runContract({ api: 'luludesk', target: 'prism' });
    expect(failuresOf(report)).toEqual([]);
    for (const kind of ['cursors', 'rate-limits', 'isolation'] as const) {
      for (const c of report.results.filter((r) => r.kind === kind)) {
        expect(c.status, c.name).toBe('na');
        expect(c.reason, c.name).toMatch(/^not applicable on Prism: /);
      }
    }
    expect(report.results.filter((r) => r.kind === 'errors' && r.status === 'passed' && /documented 422/.test(r.name)).length).toBe(12);
  }, 120_000);
});

/** Generic engine faults, applied to LuluDesk, and the check kind that must catch each. */
const CATCHES = {
  'tenant-leak': 'isolation',
  'cursor-unchecked': 'cursors',
  'limit-off-by-one': 'limits',
  'scope-unchecked': 'scopes',
  ordering: 'cursors',
  'no-www-authenticate': 'auth',
  'no-cache-control': 'errors',
} as const;

describe('LuluDesk mutation check: the suite catches sandbox faults', () => {
  it.each(Object.entries(CATCHES))('fault %s fails a %s case', async (fault, kind) => {
    const report = await runContract({ api: 'luludesk', target: 'sandbox', faults: [fault], kinds: [kind] });
    const failures = report.results.filter((r) => r.status === 'failed');
    expect(failures.length, `no ${kind} case failed with fault ${fault}`).toBeGreaterThan(0);
  }, 60_000);
});

describe('generic pieces LuluDesk needed', () => {
  const model = loadModel(profileFor('luludesk'));
  const conversations = model.operation('listConversations');
  const handoffs = model.operation('listHandoffs');
  const sources = model.operation('listKnowledgeSources');

  it('reads dotted x-pagination fields and three kinds of end-of-list indicator', () => {
    const body = { data: [{ id: 'a' }], pagination: { next_cursor: null, has_more: false } };
    expect(fieldAt(body, 'pagination.next_cursor')).toBeNull();
    expect(hasMoreOf(conversations, body)).toBe(false);
    expect(hasMoreOf(conversations, { data: [], pagination: { next_cursor: 'abc' } })).toBe(true);
    expect(hasMoreOf(handoffs, { data: [], meta: { has_more: true } })).toBe(true);
    expect(hasMoreOf(sources, { data: [{}, {}], meta: { total: 5 } }, 2)).toBe(true);
    expect(hasMoreOf(sources, { data: [{}], meta: { total: 5 } }, 4)).toBe(false);
  });

  it('matches echoed values against what was sent, and only by type when nothing was sent', () => {
    const example = { error: 'invalid_params', details: [{ field: 'limit', value: '-5', constraint: 'integer between 1 and 100' }] };
    const actual = { error: 'invalid_params', message: 'x', details: [{ field: 'limit', value: '0', constraint: 'integer between 1 and 100' }] };
    expect(matchBody('subset', actual, example, { keys: ['value'], sent: '0' })).toBeNull();
    expect(matchBody('subset', actual, example, { keys: ['value'], sent: '7' })).toMatch(/does not contain/);
    expect(matchBody('subset', actual, example, { keys: ['value'] })).toBeNull();
    expect(matchBody('subset', actual, example)).toMatch(/does not contain/);
    expect(matchBody('subset', { ...actual, details: [{ ...actual.details[0], field: 'page' }] }, example, { keys: ['value'], sent: '0' })).toMatch(/does not contain/);
  });
});
