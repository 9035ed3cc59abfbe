import { beforeAll, describe, expect, it } from 'vitest';
import { fieldAt, hasMoreOf } from '../src/derive/common.js';
import { matchBody } from '../src/match.js';
import { ConformanceRecorder, runContract, SchemaValidator, weighByProvenance, type RunReport } from '../src/index.js';
import type { Exchange } from '../src/http.js';
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
} as const;

/**
 * Faults that only drop headers LuluDesk does not document (the spec declares them as optional
 * assumptions of the sandbox): without them the sandbox still answers as LuluDesk documents.
 */
const HARMLESS = {
  'no-www-authenticate': 'auth',
  'no-cache-control': 'errors',
} as const;

describe('LuluDesk mutation check: the suite catches sandbox faults', () => {
  it.each(Object.entries(CATCHES))('fault %s fails a %s case', async (fault, kind) => {
    const report = await runContract({ api: 'luludesk', target: 'sandbox', faults: [fault], kinds: [kind] });
    const failures = report.results.filter((r) => r.status === 'failed');
    expect(failures.length, `no ${kind} case failed with fault ${fault}`).toBeGreaterThan(0);
  }, 60_000);

  it.each(Object.entries(HARMLESS))('fault %s drops an optional, undocumented header: no %s case fails', async (fault, kind) => {
    const report = await runContract({ api: 'luludesk', target: 'sandbox', faults: [fault], kinds: [kind] });
    expect(report.results.filter((r) => r.kind === kind && r.status === 'passed').length).toBeGreaterThan(0);
    expect(failuresOf(report)).toEqual([]);
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

describe('LuluDesk against a live target: documented facts fail, our assumptions warn', () => {
  const model = loadModel(profileFor('luludesk'));
  const live = { live: true };
  const exchange = (status: number, json: unknown, headers: Record<string, string> = {}): Exchange => ({
    method: 'GET',
    url: 'https://luluclaw.example.test/api/v1/workspaces/550e8400-e29b-41d4-a716-446655440000/x',
    status,
    headers: { 'content-type': json === undefined ? 'text/html' : 'application/json', ...headers },
    text: json === undefined ? '<html>slow down</html>' : JSON.stringify(json),
    json: json as Exchange['json'],
  });
  const record = (operationId: string, answer: Exchange) => {
    const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
    recorder.record(model.operation(operationId), answer);
    return { conformance: recorder.conformanceResults()[0]!, errors: recorder.errorResults().filter((r) => r.status !== 'na') };
  };

  it('accepts an error body with only a code, another code, and no Cache-Control or WWW-Authenticate', () => {
    for (const body of [{ error: 'auth_required' }, { error: 'token_expired', hint: 'new code' }, {}]) {
      const { conformance, errors } = record('getInsights', exchange(401, body));
      expect(conformance.status, JSON.stringify(body)).toBe('passed');
      expect(errors.map((r) => r.status)).toEqual(['passed']);
    }
  });

  it('accepts a handoff page in any shape, and knowledge sources and conversation statuses LuluDesk does not list', () => {
    expect(record('listHandoffs', exchange(200, { data: [{ id: 'h1', status: 'escalated' }], cursor: 'x' })).conformance.status).toBe('passed');
    const conversation = { id: 'c1', workspace_id: 'w-1', started_at: '2026-05-16T14:00:00.000Z', ended_at: '2026-05-16T14:07:22.000Z', message_count: 2, handoff_id: null, status: 'abandoned' };
    const page = { data: [conversation], pagination: { page: 1, limit: 20, total: 1, has_more: false, next_cursor: 'eyJ9' } };
    expect(record('listConversations', exchange(200, page)).conformance.status).toBe('passed');
  });

  it('fails a conversation page without its documented pagination, even against a live target', () => {
    const { conformance } = record('listConversations', exchange(200, { data: [] }));
    expect(conformance).toMatchObject({ status: 'failed' });
    expect(conformance.assumption).toBeUndefined();
    expect(weighByProvenance(conformance, live, false).status).toBe('failed');
  });

  it('only warns about a 429 that is not what the sandbox sends: the status is our assumption', () => {
    const { conformance } = record('getUsage', exchange(429, undefined));
    expect(conformance).toMatchObject({ status: 'failed', assumption: expect.stringContaining('publishes no limit') });
    expect(weighByProvenance(conformance, live, false).status).toBe('warned');
  });
});
