import { describe, expect, it } from 'vitest';
import { FAULTS } from '@apiforge/sandbox';
import { runContract, type CheckKind } from '../src/index.js';

/** Each deliberate sandbox fault and the check kind that must catch it. */
const CATCHES: Record<string, CheckKind> = {
  ordering: 'cursors',
  'no-www-authenticate': 'auth',
  'limit-off-by-one': 'limits',
  'cursor-unchecked': 'cursors',
  'scope-unchecked': 'scopes',
  'no-cache-control': 'errors',
  'tenant-leak': 'isolation',
};

/** Faults that only an NDJSON API can show, checked in test/lumiqtrace.test.ts. */
const NDJSON_ONLY = ['ndjson-uncapped', 'dedupe-off'];

describe('mutation check: the suite catches every sandbox fault', () => {
  it('knows every fault the sandbox offers', () => {
    expect([...Object.keys(CATCHES), ...NDJSON_ONLY].sort()).toEqual(Object.keys(FAULTS).sort());
  });

  it.each(Object.entries(CATCHES))('fault %s fails a %s case', async (fault, kind) => {
    const report = await runContract({ api: 'lucent', target: 'sandbox', faults: [fault], kinds: [kind] });
    const failures = report.results.filter((r) => r.status === 'failed');
    expect(failures.length, `no ${kind} case failed with fault ${fault}`).toBeGreaterThan(0);
    expect(failures.every((f) => f.kind === kind)).toBe(true);
  });
});
