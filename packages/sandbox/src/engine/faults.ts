/** Deliberate defects for mutation-testing contract suites. The names are a public contract. */
export const FAULTS = {
  ordering: 'ignore the id tie-break when sorting and paginating lists',
  'no-www-authenticate': 'drop the WWW-Authenticate header from 401 responses',
  'limit-off-by-one': 'accept a limit one above the documented maximum',
  'cursor-unchecked': 'accept tampered and foreign cursors',
  'scope-unchecked': 'skip scope checks (a valid token without the scope passes)',
  'no-cache-control': 'drop Cache-Control: no-store from error responses',
  'tenant-leak': "return another organization's record instead of refusing (Lucent: issue instead of 404; LumiqTrace: a non-member reads a project; LuluDesk: a key of another workspace reads this one)",
  'ndjson-uncapped': 'accept NDJSON bodies with more lines than their x-ndjson maxItems',
  'dedupe-off': 'store a re-sent record again instead of deduplicating it (x-dedupe-field)',
} as const;

export type FaultName = keyof typeof FAULTS;

export type FaultSet = ReadonlySet<FaultName>;

export function parseFaults(names: readonly string[] | undefined): FaultSet {
  const faults = new Set<FaultName>();
  for (const raw of names ?? []) {
    const name = raw.trim();
    if (name === '') continue;
    if (!(name in FAULTS)) {
      throw new Error(`Unknown fault "${name}". Known faults: ${Object.keys(FAULTS).join(', ')}`);
    }
    faults.add(name as FaultName);
  }
  return faults;
}
