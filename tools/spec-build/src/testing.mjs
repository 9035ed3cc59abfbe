// Test helpers shared by every <api>-openapi package: the validity suite and a small reader for
// asserting documented facts against the bundled spec.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { lint } from './index.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Reads packages/<api>-openapi/dist/openapi.json given that package's root URL (or any URL inside it). */
export function loadBundledSpec(specUrl) {
  return JSON.parse(readFileSync(specUrl, 'utf8'));
}

/** Registers the checks every bundled spec must pass: OpenAPI 3.1 validity, zero lint problems, no 3.0 keywords. */
export function describeBundledSpecValidity(api, specUrl) {
  const bundled = loadBundledSpec(specUrl);
  describe(`bundled ${api} spec`, () => {
    it('validates against the OpenAPI 3.1 schema (independent of Redocly)', async () => {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(bundled));
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    });

    it('lints with zero errors and zero warnings under the house rules', async () => {
      expect(await lint(api)).toEqual([]);
    });

    it('uses no OpenAPI 3.0-only keywords', () => {
      expect(JSON.stringify(bundled)).not.toMatch(/"nullable"\s*:/);
    });

    it('documents X-Request-Id on every response as an optional assumption, never required of a server', () => {
      const { operations, response, deref } = specReader(bundled);
      const missing = [];
      for (const { method, path, operation } of operations) {
        for (const status of Object.keys(operation.responses ?? {})) {
          const header = response(operation, status).headers?.['X-Request-Id'];
          if (header === undefined) missing.push(`${method} ${path} ${status}`);
          else {
            expect(deref(header).required ?? false, `${method} ${path} ${status}`).toBe(false);
            expect(typeof deref(header)['x-assumption'], `${method} ${path} ${status}`).toBe('string');
          }
        }
      }
      expect(missing).toEqual([]);
    });
  });
}

/** Navigation helpers over a bundled spec: local $refs resolved, operations listed. */
export function specReader(spec) {
  const deref = (node) => {
    if (node && typeof node === 'object' && typeof node.$ref === 'string') {
      const target = node.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((acc, key) => acc[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
      return deref(target);
    }
    return node;
  };
  const op = (method, path) => spec.paths[path][method];
  const param = (operation, name) => (operation.parameters ?? []).map(deref).find((p) => p.name === name);
  const response = (operation, status) => deref(operation.responses[status]);
  const namedExamples = (res, mediaType = 'application/json') =>
    Object.fromEntries(Object.entries(res.content[mediaType].examples ?? {}).map(([name, e]) => [name, deref(e).value]));
  const exampleBodies = (res, mediaType = 'application/json') => Object.values(namedExamples(res, mediaType));
  /**
   * The response's header names. `{ assumptions: false }` leaves out headers marked `x-assumption` (such as
   * the optional X-Request-Id every response carries), so a test can compare with what the vendor documents.
   */
  const headerNames = (res, { assumptions = true } = {}) =>
    Object.entries(res.headers ?? {})
      .filter(([, header]) => assumptions || deref(header)['x-assumption'] === undefined)
      .map(([name]) => name);
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => ({ method, path, operation: item[method] })),
  );
  return { spec, deref, op, param, response, namedExamples, exampleBodies, headerNames, operations };
}
