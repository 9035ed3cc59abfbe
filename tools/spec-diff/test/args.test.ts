import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.js';

describe('argument parsing', () => {
  it('has markdown output and no check by default', () => {
    expect(parseArgs([])).toEqual({ base: undefined, format: 'markdown', out: undefined, check: false, help: false });
  });

  it('reads every option, with spaces or =', () => {
    expect(parseArgs(['--base', 'v1.2.0', '--format=json', '--out', 'diff.json', '--check'])).toEqual({
      base: 'v1.2.0', format: 'json', out: 'diff.json', check: true, help: false,
    });
  });

  it('says what to fix for bad input', () => {
    expect(() => parseArgs(['--format', 'html'])).toThrow('use markdown, json, junit or github');
    expect(() => parseArgs(['--base'])).toThrow('--base needs a value');
    expect(() => parseArgs(['--base', '--check'])).toThrow('--base needs a value');
    expect(() => parseArgs(['--verbose'])).toThrow('Unknown argument --verbose');
    expect(() => parseArgs(['--check=yes'])).toThrow('--check takes no value');
    expect(() => parseArgs(['--deprecation-days', 'soon'])).toThrow('--deprecation-days needs a whole number of days');
    expect(parseArgs(['--deprecation-days=30']).deprecationDays).toBe(30);
  });
});
