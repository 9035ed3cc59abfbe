// Deprecation and sunset rules (oasdiff's semantics) and the warning level, one fixture pair per rule.
// Fixtures are compared on FIXTURE_TODAY (2027-01-01): 2020-01-01 is a past sunset, 2030-01-01 a future one.
import { describe, expect, it } from 'vitest';
import { daysBetween, sunsetDate } from '../src/diff/deprecation.js';
import { diffSpecs } from '../src/index.js';
import { diffFixture, FIXTURE_TODAY, loadFixture } from './fixtures.js';

type Row = [level: string, release: string, kind: string, where: string, message: string];
const ISSUES = 'GET /api/v1/issues';

const cases: Record<string, Row[]> = {
  'operation-removed-after-deprecation': [['warning', 'non-breaking', 'operation-removed', `${ISSUES} removed`, 'after its deprecation']],
  'operation-removed-before-sunset': [['breaking', 'breaking', 'operation-removed', `${ISSUES} removed`, 'before its sunset date 2030-01-01']],
  'operation-removed-after-sunset': [['warning', 'non-breaking', 'operation-removed', `${ISSUES} removed`, 'after its sunset date 2020-01-01']],
  'operation-removed': [['breaking', 'breaking', 'operation-removed', 'POST /api/v1/issues removed', 'without being deprecated first']],
  'path-removed-after-sunset': [['warning', 'non-breaking', 'path-removed', '/api/v1/health removed', 'after its sunset date 2020-01-01']],
  'parameter-removed-after-sunset': [['warning', 'non-breaking', 'parameter-removed', `${ISSUES} › query.cursor removed`, 'after its sunset date 2020-01-01']],
  'parameter-removed-deprecated-without-sunset': [['breaking', 'breaking', 'parameter-removed', `${ISSUES} › query.cursor removed`, 'this spec announces sunsets']],
  'response-property-removed-after-deprecation': [['warning', 'non-breaking', 'response-property-removed', 'GET /api/v1/issues/{issueId} › response 200.assignee removed', 'after its deprecation']],
  'request-property-removed-before-sunset': [['breaking', 'breaking', 'request-property-removed', 'POST /api/v1/issues › body.tags removed', 'before its sunset date 2030-01-01']],
  'operation-deprecated': [['info', 'non-breaking', 'deprecated', `${ISSUES} › deprecated false → true`, 'is now deprecated']],
  'operation-deprecated-with-sunset': [['info', 'non-breaking', 'deprecated', `${ISSUES} › deprecated false → true, sunset 2030-01-01`, 'until its sunset on 2030-01-01']],
  'operation-deprecated-sunset-too-soon': [['warning', 'non-breaking', 'deprecated', `${ISSUES} › deprecated false → true, sunset 2027-02-01`, '31 day(s) away']],
  'parameter-deprecated': [['info', 'non-breaking', 'deprecated', `${ISSUES} › query.limit › deprecated false → true`, 'Query parameter `limit` is now deprecated']],
  'property-deprecated-without-sunset': [['warning', 'non-breaking', 'deprecated', 'GET /api/v1/issues/{issueId} › response 200.owner › deprecated false → true, no x-sunset', 'without an x-sunset date']],
  'sunset-moved-earlier': [['warning', 'non-breaking', 'sunset-changed', `${ISSUES} › x-sunset 2030-01-01 → 2027-01-15`, 'moved earlier']],
  'sunset-removed': [['warning', 'non-breaking', 'sunset-changed', `${ISSUES} › x-sunset 2030-01-01 → (none)`, 'lost its announced sunset date']],
  'operation-reactivated': [['info', 'non-breaking', 'reactivated', `${ISSUES} › deprecated true → false`, 'is no longer deprecated']],
  'request-pattern-changed': [['warning', 'non-breaking', 'pattern-changed', 'POST /api/v1/issues › body.title › pattern "^[A-Za-z ]+$" → "^[A-Za-z0-9 ]+$"', 'check that the new pattern accepts them']],
  'request-pattern-added': [['breaking', 'breaking', 'pattern-changed', 'POST /api/v1/issues › body.title › pattern (none) → "^[A-Za-z ]+$"', 'must now match']],
  'optional-response-header-removed': [['warning', 'non-breaking', 'response-header-removed', 'GET /api/v1/issues/{issueId} › response 200 › header X-Trace removed', 'Optional response header X-Trace']],
  'required-response-header-removed': [['breaking', 'breaking', 'response-header-removed', 'GET /api/v1/issues/{issueId} › response 200 › header X-Request-Id removed', 'Required response header X-Request-Id']],
};

describe('deprecation, sunset and warning rules', () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => {
      const seen = diffFixture(name);
      expect(seen.map((c) => [c.level, c.severity, c.kind, c.where])).toEqual(expected.map(([level, release, kind, where]) => [level, release, kind, where]));
      for (const [, , , where, fragment] of expected) expect(seen.find((c) => c.where === where)?.message).toContain(fragment);
    });
  }

  it('reads sunset dates as RFC 3339 dates or date-times and refuses anything else', () => {
    expect(sunsetDate('2027-03-01')).toEqual({ date: '2027-03-01' });
    expect(sunsetDate('2027-03-01T12:00:00Z')).toEqual({ date: '2027-03-01' });
    expect(sunsetDate('2027-02-30')).toEqual({ invalid: '"2027-02-30"' });
    expect(sunsetDate('next spring')).toEqual({ invalid: '"next spring"' });
    expect(sunsetDate(undefined)).toBeUndefined();
    expect(daysBetween('2027-01-01', '2027-02-01')).toBe(31);
  });

  it('the notice period is configurable: 30 days make a 31-day sunset acceptable', () => {
    const changes = diffSpecs(loadFixture('operation-deprecated-sunset-too-soon', 'before'), loadFixture('operation-deprecated-sunset-too-soon', 'after'), { today: FIXTURE_TODAY, deprecationDays: 30 });
    expect(changes.map((c) => c.level)).toEqual(['info']);
  });

  it('a removal on the sunset day itself is allowed; the day before it is not', () => {
    const before = loadFixture('operation-removed-after-sunset', 'before');
    const after = loadFixture('operation-removed-after-sunset', 'after');
    expect(diffSpecs(before, after, { today: '2020-01-01' }).map((c) => c.level)).toEqual(['warning']);
    expect(diffSpecs(before, after, { today: '2019-12-31' }).map((c) => c.level)).toEqual(['breaking']);
  });
});
