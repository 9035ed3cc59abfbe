import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../src/index.js';
import { diffFixture, expectChanges, loadFixture, type Expected } from './fixtures.js';

const ISSUES = 'GET /api/v1/issues';
const CREATE = 'POST /api/v1/issues';
const ONE = 'GET /api/v1/issues/{issueId}';

const cases: Record<string, Expected[]> = {
  'path-added': [['non-breaking', 'path-added', '/api/v1/projects added', 'Path /api/v1/projects was added.']],
  'operation-added': [['non-breaking', 'operation-added', 'DELETE /api/v1/issues/{issueId} added', 'Operation DELETE /api/v1/issues/{issueId} was added.']],
  'optional-parameter-added': [['non-breaking', 'parameter-added', `${ISSUES} › query.sort added (optional)`, 'New optional query parameter `sort`.']],
  'optional-request-field-added': [['non-breaking', 'request-property-added', `${CREATE} › body.dueDate added (optional)`, 'was added as an optional field']],
  'response-property-added': [['non-breaking', 'response-property-added', `${ONE} › response 200.createdAt added`, 'Field `createdAt` of the 200 response was added.']],
  'parameter-maximum-raised': [['non-breaking', 'bound-loosened', `${ISSUES} › query.limit › maximum 200 → 500`, 'maximum raised from 200 to 500']],
  'response-status-added': [['non-breaking', 'response-status-added', `${ONE} › response 429 added`, 'A 429 response was added.']],
  'request-type-widened': [['non-breaking', 'type-widened', `${CREATE} › body.title › type string → [string, null]`, 'now also accepts null']],
  'request-enum-value-added': [['non-breaking', 'enum-value-added', `${CREATE} › body.status › enum "archived" added`, 'now also accepts "archived"']],
  'parameter-became-optional': [['non-breaking', 'parameter-became-optional', `${ISSUES} › query.cursor › required true → false`, 'is now optional']],
  'operation-deprecated': [['non-breaking', 'deprecated', `${ISSUES} › deprecated false → true`, 'is now deprecated']],
  'server-url-added': [['non-breaking', 'server-url-added', 'servers https://api.example.com → https://api.example.com, https://eu.api.example.com', 'https://eu.api.example.com added']],
  'security-relaxed': [['non-breaking', 'security-relaxed', `${ONE} › security bearerAuth[issues:read] → bearerAuth`, 'relaxed']],
  'docs-only': [
    ['docs-only', 'docs-changed', `${ISSUES} › summary "List issues" → "List all issues"`, 'documentation only'],
    ['docs-only', 'docs-changed', `${ONE} › response 200.title › description added`, 'documentation only'],
    ['docs-only', 'docs-changed', `${ONE} › response 200.title › examples added`, 'documentation only'],
    ['docs-only', 'docs-changed', `${ONE} › response 200 › description "The issue" → "The requested issue"`, 'documentation only'],
  ],
  // The example is a $ref to components/examples; what it points at changed, the pointer did not.
  'example-ref-changed': [['docs-only', 'docs-changed', 'GET /items › response 200 › examples changed', 'The examples of the 200 response changed (documentation only).']],
  // The GET sees the same effective parameters; only the POST newly inherits the path-level one.
  'parameter-moved-to-path-level': [['non-breaking', 'parameter-added', `${CREATE} › query.cursor added (optional)`, 'New optional query parameter `cursor`.']],
  'all-of-refactor-is-no-change': [],
};

describe('non-breaking and docs-only changes', () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => {
      const { actual, wanted, messagesOk } = expectChanges(diffFixture(name), expected);
      expect(actual).toEqual(wanted);
      expect(messagesOk).toBe(true);
    });
  }

  it('reports nothing when a spec is compared with itself', () => {
    const spec = loadFixture('docs-only', 'before');
    expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
  });

  it('reports a new API as additions only', () => {
    const changes = diffSpecs(undefined, loadFixture('docs-only', 'after'));
    expect(changes.every((change) => change.severity === 'non-breaking')).toBe(true);
    expect(changes.map((change) => change.kind)).toEqual(['api-added', 'path-added', 'path-added', 'path-added']);
  });

  it('reports a removed API as breaking', () => {
    const changes = diffSpecs(loadFixture('docs-only', 'before'), undefined);
    expect(changes).toEqual([expect.objectContaining({ kind: 'api-removed', severity: 'breaking' })]);
  });
});
