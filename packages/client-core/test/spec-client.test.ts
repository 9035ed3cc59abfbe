import { describe, expect, it } from 'vitest';
import {
  assertCredentialPrefix,
  listOr,
  normalizeBaseUrl,
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
