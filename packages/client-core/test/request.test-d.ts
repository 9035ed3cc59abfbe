import { describe, expectTypeOf, it } from 'vitest';
import { createFetchWithRetries, errorFromResponse, type ApiError, type FetchWithRetries } from '../src/index.js';

describe('transport types', () => {
  it('is assignable wherever a fetch is expected (e.g. the hey-api client `fetch` option)', () => {
    const fetchWithRetries = createFetchWithRetries({ maxRetries: 3 });
    expectTypeOf(fetchWithRetries).toMatchTypeOf<typeof fetch>();
    expectTypeOf(fetchWithRetries.withOptions({ idempotent: true })).toEqualTypeOf<FetchWithRetries>();
    const config: { fetch?: typeof fetch } = { fetch: fetchWithRetries };
    expectTypeOf(config.fetch).not.toBeAny();
  });

  it('errorFromResponse returns ApiError', () => {
    expectTypeOf(errorFromResponse).returns.toEqualTypeOf<ApiError>();
  });
});
