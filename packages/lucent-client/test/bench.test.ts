import { describe, expect, it } from 'vitest';
import { runLucentClientBench } from '../bench/lucent-client.bench.mjs';

/** Keeps the benchmark runnable; the numbers themselves are printed by `pnpm bench`, never asserted. */
describe('benchmark harness', () => {
  it('returns per-request, pagination and bundle numbers', async () => {
    const result = await runLucentClientBench({ requests: 200, issues: 500 });
    expect(result.perRequest.requests).toBe(200);
    expect(result.perRequest.ratio).toBeGreaterThan(0);
    expect(result.pagination).toMatchObject({ issues: 500, walks: 10 });
    expect(result.pagination.ratio).toBeGreaterThan(0);
    for (const size of Object.values(result.bundle.consumers)) {
      expect(size.gzipBytes).toBeGreaterThan(0);
      expect(size.gzipBytes).toBeLessThan(size.minBytes);
    }
  });
});
