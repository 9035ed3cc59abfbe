import { describe, expect, it } from 'vitest';
import { runBench } from '../dist/benchmarks/clients/lucent.js';

/** Keeps a client benchmark runnable end to end; the numbers are printed by `pnpm bench`, never asserted. */
describe('client benchmark (lucent-client, quick)', () => {
  it('returns overhead, pagination and bundle rows with measured values', async () => {
    const rows = await runBench({ quick: true });
    const ids = rows.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining(['client-overhead', 'pagination-overhead', 'bundle-size', 'bundle-size-client']));
    for (const row of rows) expect(row.measured, row.id).toBeTruthy();
  }, 180_000);
});
