import { describe, expect, it } from 'vitest';
import { discoverProviders, expectedBenchmarks } from '../src/catalog.js';
import { formatGoals, goalVerdict } from '../src/format.js';
import { frameGroup } from '../src/harness/profile.js';
import type { BenchRow } from '../src/types.js';
import { findRepoRoot, listWorkspacePackages } from '../src/workspace.js';

const row = (overrides: Partial<BenchRow>): BenchRow => ({
  key: 'x/y',
  id: 'y',
  source: 'x',
  title: 'T',
  measured: 'm',
  ratio: 1,
  goal: '<= 1.05x',
  met: true,
  status: 'ok',
  ...overrides,
});

describe('goal verdicts', () => {
  it('says met, or by how much a ratio or a size misses, and what the peer comparison says', () => {
    expect(goalVerdict(row({ ratio: 1.02 }))).toBe('met: 1.02x (goal <= 1.05x)');
    expect(goalVerdict(row({ ratio: 1.26, met: false }))).toBe('MISSED by 0.21x (20%): 1.26x (goal <= 1.05x)');
    expect(goalVerdict(row({ ratio: 6.5, met: false, goal: '<= 5 kB' }))).toBe('MISSED by 1.50 kB: 6.50 kB (goal <= 5 kB)');
    expect(goalVerdict(row({ ratio: 8, met: false, goal: '>= 10x' }))).toBe('MISSED by 2.00x (20%): 8.00x (goal >= 10x)');
    const peer = row({ ratio: 1.03, met: false, goal: '<= 1.05x and < openapi-fetch', details: { ratioVsOpenapiFetch: 1.04 } });
    expect(goalVerdict(peer)).toBe('MISSED by the second condition: 1.03x (goal <= 1.05x and < openapi-fetch); vs openapi-fetch 1.04x (above it by 4%)');
    expect(goalVerdict(row({ goal: 'none set' }))).toBeUndefined();
    expect(goalVerdict(row({ status: 'timeout', ratio: null, met: false }))).toBe('not measured (timeout)');
  });

  it('prints the explanation under a missed goal only', () => {
    const text = formatGoals([
      row({ title: 'A', ratio: 1.5, met: false, details: { explanation: 'where A goes' } }),
      row({ title: 'B', details: { explanation: 'not shown' } }),
    ]);
    expect(text).toContain('- A: MISSED');
    expect(text).toContain('where it goes: where A goes');
    expect(text).not.toContain('not shown');
  });
});

describe('profile groups', () => {
  it('attributes frames to client-core files, generated code, the peer and undici', () => {
    expect(frameGroup('file:///w/packages/client-core/dist/request.js', 'attempt')).toBe('client-core request.js');
    expect(frameGroup('file:///w/packages/lucent-client/dist/generated/sdk.gen.js', 'getIssue')).toBe('generated from the spec');
    expect(frameGroup('file:///w/node_modules/.pnpm/openapi-fetch@0.17.0/node_modules/openapi-fetch/dist/index.mjs', 'coreFetch')).toBe('openapi-fetch');
    expect(frameGroup('node:internal/deps/undici/undici', 'fetch')).toBe('undici (fetch)');
    expect(frameGroup('', '(garbage collector)')).toBe('GC');
  });
});

describe('catalog', () => {
  it('measures every client package with this package’s built-in module, with the issue-16 goals', () => {
    const root = findRepoRoot();
    const packages = listWorkspacePackages(root);
    const expected = expectedBenchmarks(packages, root);
    const providers = discoverProviders(packages, expected);
    for (const client of ['@apiforge/lucent-client', '@apiforge/luludesk-client', '@apiforge/lumiqtrace-client']) {
      const provider = providers.find((p) => p.source === client);
      expect(provider?.modulePath).toMatch(/tools\/bench\/(dist|src)\/benchmarks\/clients\/\w+\.js$/);
      const goals = Object.fromEntries(expected.filter((e) => e.source === client).map((e) => [e.id, e.goal]));
      expect(goals).toMatchObject({ 'client-overhead': '<= 1.05x and < openapi-fetch', 'bundle-size': '<= 5 kB', 'bundle-size-client': '<= 7 kB', 'pagination-overhead': '<= 1.1x' });
    }
    expect(expected.find((e) => e.id === 'ingest-batcher-json')?.goal).toBe('<= 1.3x');
  });
});
