import { readdirSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli.js';
import { availableApis, specJsonPathFor, specPathFor } from '../src/index.js';

const packagesDir = fileURLToPath(new URL('../../../packages/', import.meta.url));

describe('mock CLI arguments', () => {
  it('defaults to port 4010, honours PORT and --port', () => {
    expect(parseArgs(['lucent'], {})).toEqual({ api: 'lucent', port: 4010, host: '127.0.0.1', dynamic: false, errors: false });
    expect(parseArgs(['lucent', '--host', '0.0.0.0', '--dynamic', '--seed', '42', '--errors'], {})).toMatchObject({ host: '0.0.0.0', dynamic: true, seed: '42', errors: true });
    expect(parseArgs(['lucent'], { PORT: '4999' }).port).toBe(4999);
    expect(parseArgs(['--', 'lucent', '--port', '4011'], { PORT: '4999' }).port).toBe(4011);
    expect(parseArgs(['lucent', '--port=0'], {}).port).toBe(0);
    expect(parseArgs(['lucent', '--pid-file', 'server.pid'], {}).pidFile).toBe('server.pid');
  });

  it.each([
    [[], /Name the API/],
    [['nope'], /Unknown API "nope"/],
    [['lucent', '--port', 'x'], /--port needs a port number/],
    [['lucent', '--port', '99999'], /--port needs a port number/],
    [['lucent', '--watch'], /Unknown option --watch/],
    [['lucent', '--host'], /--host needs a value/],
    [['lucent', '--pid-file'], /--pid-file needs a value/],
    [['lucent', '--seed', '1'], /--seed only applies with --dynamic/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv, {})).toThrow(message);
  });

  it('finds the bundled specs through the installed spec package (its exports), not a repository path', () => {
    // In this repository the dependency is a workspace link to packages/<api>-openapi.
    expect(realpathSync(specPathFor('lucent'))).toBe(realpathSync(`${packagesDir}lucent-openapi/dist/openapi.yaml`));
    expect(realpathSync(specJsonPathFor('lumiqtrace'))).toBe(realpathSync(`${packagesDir}lumiqtrace-openapi/dist/openapi.json`));
    expect(() => specPathFor('../etc')).toThrow(/Invalid API name/);
    expect(() => specPathFor('nope')).toThrow(/Unknown API "nope". Available: lucent, luludesk, lumiqtrace/);
  });

  it('serves every API of the repository: each spec package is a dependency of @apiforge/mock', () => {
    const inRepo = readdirSync(packagesDir).filter((name) => name.endsWith('-openapi')).map((name) => name.slice(0, -'-openapi'.length)).sort();
    expect(availableApis(), 'add the new @apiforge/<api>-openapi to the dependencies of tools/mock/package.json').toEqual(inRepo);
  });
});
