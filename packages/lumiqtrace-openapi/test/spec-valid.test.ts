// The bundle must be valid OpenAPI 3.1 to an independent validator, not only to Redocly.
import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { lint } from '@apiforge/spec-build';
import { describe, expect, it } from 'vitest';

const bundled = JSON.parse(await readFile(new URL('../dist/openapi.json', import.meta.url), 'utf8'));

describe('bundled LumiqTrace spec', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(bundled));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lints with zero errors and zero warnings under the house rules', async () => {
    expect(await lint('lumiqtrace')).toEqual([]);
  });

  it('uses no OpenAPI 3.0-only keywords', () => {
    expect(JSON.stringify(bundled)).not.toMatch(/"nullable"\s*:/);
  });
});

