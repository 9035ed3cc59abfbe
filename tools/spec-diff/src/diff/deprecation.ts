// Deprecation and sunset rules, with oasdiff's semantics (docs/DEPRECATION.md of oasdiff/oasdiff):
// - removing an operation, parameter or property that was not `deprecated: true` is breaking;
// - removing it after deprecation is allowed once its `x-sunset` date (RFC 3339 date or date-time) has
//   passed; before that date it is breaking. A deprecated element without x-sunset may be removed too,
//   unless the spec announces sunsets anywhere (uses x-sunset): then every removal needs one that passed;
// - deprecating is info; deprecating with a sunset less than the notice period away, or without a sunset
//   where the spec announces them, is a warning; so is dropping or advancing a sunset date.
// Allowed removals are warnings here (oasdiff reports them as info): a reviewer should still see them.
import type { DiffContext, EmitSeverity } from './context.js';
import type { JsonObject } from './resolve.js';

export const SUNSET = 'x-sunset';

/** The calendar date of an x-sunset value (YYYY-MM-DD or an RFC 3339 date-time), or why it is not one. */
export function sunsetDate(value: unknown): { date: string } | { invalid: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return { invalid: JSON.stringify(value) ?? String(value) };
  const match = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/.exec(value.trim());
  const date = match?.[1];
  if (!date || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return { invalid: JSON.stringify(value) };
  }
  return { date };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface RemovalVerdict {
  severity: EmitSeverity;
  /** A clause for the change message, e.g. "without being deprecated first". */
  why: string;
  /** Short addition to the detail, e.g. "(not deprecated)". */
  tag: string;
}

/** How removing `node` (an operation, parameter or property schema as it was at the base) is judged. */
export function judgeRemoval(ctx: DiffContext, node: JsonObject): RemovalVerdict {
  if (node.deprecated !== true) return { severity: 'breaking', why: 'without being deprecated first', tag: 'not deprecated' };
  const sunset = sunsetDate(node[SUNSET]);
  if (sunset === undefined) {
    if (ctx.sunsetPolicy) {
      return { severity: 'breaking', why: 'after a deprecation without an x-sunset date; this spec announces sunsets, so a removal waits for a sunset date that has passed', tag: 'deprecated, no sunset' };
    }
    return { severity: 'warning', why: 'after its deprecation (no sunset date was announced)', tag: 'after deprecation' };
  }
  if ('invalid' in sunset) return { severity: 'breaking', why: `but its x-sunset ${sunset.invalid} is not a date, so the notice cannot be checked`, tag: 'invalid sunset' };
  if (sunset.date > ctx.today) return { severity: 'breaking', why: `before its sunset date ${sunset.date}; callers were told it works until then`, tag: `before sunset ${sunset.date}` };
  return { severity: 'warning', why: `after its sunset date ${sunset.date}, as announced`, tag: `after sunset ${sunset.date}` };
}

/** The stricter of several verdicts (a removed path is judged by its least deprecated operation). */
export function strictest(verdicts: RemovalVerdict[]): RemovalVerdict | undefined {
  return verdicts.find((v) => v.severity === 'breaking') ?? verdicts[0];
}

/**
 * Deprecation marks and sunset dates of one element present on both sides.
 * `subject` is prose ("operation GET /x", "query parameter `limit`"), `location` where to report.
 */
export function diffDeprecation(ctx: DiffContext, before: JsonObject, after: JsonObject, location: string[], subject: string): void {
  const was = before.deprecated === true;
  const is = after.deprecated === true;
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  if (was && !is) {
    ctx.emit('reactivated', 'non-breaking', [...location, 'deprecated'], 'true → false', `${Subject} is no longer deprecated.`);
    return;
  }
  if (!is) return;
  const sunsetBefore = was ? sunsetDate(before[SUNSET]) : undefined;
  const sunsetAfter = sunsetDate(after[SUNSET]);
  const notice = (date: string) => daysBetween(ctx.today, date);
  const tooSoon = (date: string) => notice(date) < ctx.deprecationDays;
  if (!was) {
    if (sunsetAfter === undefined) {
      if (ctx.sunsetPolicy) {
        ctx.emit('deprecated', 'warning', [...location, 'deprecated'], 'false → true, no x-sunset',
          `${Subject} is now deprecated without an x-sunset date, though this spec announces sunsets elsewhere; callers cannot plan the migration and it can never be removed without a breaking change.`);
      } else {
        ctx.emit('deprecated', 'non-breaking', [...location, 'deprecated'], 'false → true', `${Subject} is now deprecated; it still works but callers should migrate.`);
      }
    } else if ('invalid' in sunsetAfter) {
      ctx.emit('deprecated', 'warning', [...location, 'deprecated'], `false → true, x-sunset ${sunsetAfter.invalid}`, `${Subject} is now deprecated, but its x-sunset ${sunsetAfter.invalid} is not a date (use YYYY-MM-DD).`);
    } else if (tooSoon(sunsetAfter.date)) {
      ctx.emit('deprecated', 'warning', [...location, 'deprecated'], `false → true, sunset ${sunsetAfter.date}`,
        `${Subject} is now deprecated with a sunset ${notice(sunsetAfter.date)} day(s) away (${sunsetAfter.date}); callers get less than the ${ctx.deprecationDays} days' notice the policy asks for.`);
    } else {
      ctx.emit('deprecated', 'non-breaking', [...location, 'deprecated'], `false → true, sunset ${sunsetAfter.date}`, `${Subject} is now deprecated; it still works until its sunset on ${sunsetAfter.date}.`);
    }
    return;
  }
  // Deprecated on both sides: only the sunset date can have changed.
  const where = [...location, SUNSET];
  const show = (s: ReturnType<typeof sunsetDate>) => (s === undefined ? '(none)' : 'date' in s ? s.date : s.invalid);
  if (show(sunsetBefore) === show(sunsetAfter)) return;
  const detail = `${show(sunsetBefore)} → ${show(sunsetAfter)}`;
  if (sunsetAfter === undefined) {
    ctx.emit('sunset-changed', 'warning', where, detail, `${Subject} lost its announced sunset date; callers no longer know how long it works.`);
  } else if ('invalid' in sunsetAfter) {
    ctx.emit('sunset-changed', 'warning', where, detail, `The x-sunset of ${subject} is not a date (use YYYY-MM-DD).`);
  } else if (sunsetBefore !== undefined && 'date' in sunsetBefore && sunsetAfter.date < sunsetBefore.date && tooSoon(sunsetAfter.date)) {
    ctx.emit('sunset-changed', 'warning', where, detail,
      `The sunset of ${subject} moved earlier, to ${notice(sunsetAfter.date)} day(s) from now; callers planned for ${sunsetBefore.date} and get less than ${ctx.deprecationDays} days' notice.`);
  } else if (sunsetBefore === undefined && tooSoon(sunsetAfter.date)) {
    ctx.emit('sunset-changed', 'warning', where, detail, `${Subject} now has a sunset ${notice(sunsetAfter.date)} day(s) away; less than the ${ctx.deprecationDays} days' notice the policy asks for.`);
  } else {
    ctx.emit('sunset-changed', 'non-breaking', where, detail, `The sunset of ${subject} is now ${sunsetAfter.date}.`);
  }
}
