import { describe, expect, it } from 'vitest';
import {
  assertCredentialPrefix,
  listOr,
  normalizeBaseUrl,
  OperationCaller,
  operationCallerOf,
  OperationTransports,
  type OperationBinding,
  type OperationClient,
} from '../src/index.js';

class KeyError extends TypeError {}

describe('spec-driven client pieces', () => {
  it('checks credential prefixes without echoing the value', () => {
    const needed = 'XClient needs a key starting with x_ or y_ in `apiKey`';
    expect(assertCredentialPrefix('x_secret', ['x_', 'y_'], needed)).toBe('x_secret');
    for (const [value, ending] of [
      [undefined, 'none was given.'],
      ['  ', 'none was given.'],
      ['x_', 'the value given is only the prefix.'],
      ['z_secret', 'the value given has none of these prefixes.'],
    ] as const) {
      let thrown: unknown;
      try {
        assertCredentialPrefix(value, ['x_', 'y_'], needed, KeyError);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(KeyError);
      expect((thrown as Error).message).toBe(`${needed}; ${ending}`);
    }
    expect(listOr(['a', 'b', 'c'])).toBe('a, b or c');
  });

  it('normalizes base URLs', () => {
    expect(normalizeBaseUrl(undefined, 'https://api.example.com')).toBe('https://api.example.com');
    expect(normalizeBaseUrl('http://127.0.0.1:4020//', 'https://x')).toBe('http://127.0.0.1:4020');
    expect(() => normalizeBaseUrl('not a url', 'https://api.example.com')).toThrow(/absolute URL such as https:\/\/api.example.com/);
  });

  it('maps positional arguments, fills fixed path parameters and hands each operation its transport', async () => {
    const bindings = {
      getThing: { client: 'c', resource: 'things', method: 'get', args: [{ in: 'path', name: 'thingId' }, { in: 'query', optional: true }], resultName: 'thing' },
      postThing: { client: 'c', resource: 'things', method: 'create', args: [{ in: 'body' }], resultName: 'thing' },
    } as const satisfies Record<string, OperationBinding>;
    const seen: Array<Record<string, unknown>> = [];
    const transports = new OperationTransports<keyof typeof bindings>({ maxRetries: 3 }, (id) => ({ idempotent: id === 'getThing' }));
    const caller = new OperationCaller({ client: 'the-client', transports, bindings, fixedPath: { workspace: 'w1' } });
    const operation = async (options: Record<string, unknown>) => {
      seen.push(options);
      return { data: 'ok' };
    };
    expect(await caller.call('getThing', operation, ['t1', { limit: 5 }], { timeoutMs: 100 })).toBe('ok');
    await caller.call('postThing', operation, [{ name: 'n' }], undefined);
    expect(seen[0]).toMatchObject({ client: 'the-client', throwOnError: true, path: { workspace: 'w1', thingId: 't1' }, query: { limit: 5 } });
    expect(seen[1]).toMatchObject({ path: { workspace: 'w1' }, body: { name: 'n' } });
    const getFetch = seen[0]!.fetch as { options: Record<string, unknown> };
    expect(getFetch.options).toMatchObject({ idempotent: true, maxRetries: 3, timeoutMs: 100 });
    expect((seen[1]!.fetch as { options: Record<string, unknown> }).options).toMatchObject({ idempotent: false });
    expect(transports.for('postThing')).toBe(transports.for('postThing'));
    await expect(caller.call('getThing', operation, [''], undefined)).rejects.toThrow(/thingId must be a non-empty string/);
  });

  it('hands standalone operation functions the caller behind an OperationClient, and nothing else', () => {
    const transports = new OperationTransports<'getThing'>({}, () => ({ idempotent: true }));
    const bindings = { getThing: { client: 'c', resource: 'things', method: 'get', args: [], resultName: 'thing' } } as const;
    const caller = new OperationCaller({ client: 'the-client', transports, bindings, baseUrl: 'https://api.example.com' });
    const handle: OperationClient = caller;
    expect(handle.baseUrl).toBe('https://api.example.com');
    expect(operationCallerOf(handle)).toBe(caller);
    expect(JSON.stringify(handle)).toBe('{"baseUrl":"https://api.example.com"}');
    expect(() => operationCallerOf({ baseUrl: 'https://api.example.com' })).toThrow(/create…DataClient\(options\)/);
  });
});

describe('construction-time checks never echo a secret', () => {
  it('refuses a credential with a newline, NUL or surrounding whitespace without quoting it', async () => {
    const { assertCredentialPrefix } = await import('../src/index.js');
    for (const bad of ['luc_api_secret\n', 'luc_api_sec\u0000ret', ' luc_api_secret', 'luc_api_se\rcret']) {
      let message = '';
      try {
        assertCredentialPrefix(bad, ['luc_api_'], 'An API key is needed');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('control character or surrounding whitespace');
      expect(message).not.toContain('secret');
    }
  });

  it('refuses a base URL with user:password@ without quoting it', async () => {
    const { normalizeBaseUrl } = await import('../src/index.js');
    expect(() => normalizeBaseUrl('https://user:hunter2pass@api.example.test', 'https://api.example.test')).toThrow(/must not contain a user name or password/);
    try {
      normalizeBaseUrl('https://user:hunter2pass@api.example.test', 'https://api.example.test');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2pass');
    }
    expect(() => normalizeBaseUrl('file:///etc/passwd', 'https://api.example.test')).toThrow(/http or https/);
  });
});
