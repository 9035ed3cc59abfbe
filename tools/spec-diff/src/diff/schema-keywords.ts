import type { DiffContext } from './context.js';
import { capitalise } from './docs.js';
import { canonical, formatList, formatValue } from './json.js';
import type { JsonObject } from './resolve.js';
import { LOWER_BOUNDS, typeSet } from './schema-normalize.js';
import { siteLocation, siteSubject, type SchemaSite } from './schema-site.js';

function covers(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function formatTypes(types: Set<string> | undefined): string {
  if (!types) return 'any';
  const list = [...types];
  return list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
}

/** Type changes: a request must keep accepting what it accepted; a response must not produce anything new. */
export function diffTypes(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  const was = typeSet(before);
  const is = typeSet(after);
  if (!was && !is) return;
  const lost = was ? (is ? [...was].filter((t) => !covers(is, t)) : []) : [`types other than ${formatTypes(is)}`];
  const gained = is ? (was ? [...is].filter((t) => !covers(was, t)) : []) : ['any type'];
  if (lost.length === 0 && gained.length === 0) return;
  const location = siteLocation(site, 'type');
  const detail = `${formatTypes(was)} → ${formatTypes(is)}`;
  const subject = siteSubject(site);
  const kind = lost.length && gained.length ? 'type-changed' : lost.length ? 'type-narrowed' : 'type-widened';
  if (site.direction === 'request') {
    if (lost.length) {
      ctx.emit(kind, 'breaking', location, detail, `${capitalise(subject)} no longer accepts ${lost.join(', ')}; requests that sent it will be rejected.`);
    } else {
      ctx.emit(kind, 'non-breaking', location, detail, `${capitalise(subject)} now also accepts ${gained.join(', ')}.`);
    }
  } else if (gained.length) {
    ctx.emit(kind, 'breaking', location, detail, `${capitalise(subject)} may now be ${gained.join(', ')}; clients typed for ${formatTypes(was)} can fail to read it.`);
  } else {
    ctx.emit(kind, 'non-breaking', location, detail, `${capitalise(subject)} is no longer ${lost.join(', ')}.`);
  }
}

function allowedValues(schema: JsonObject): unknown[] | undefined {
  if (schema.const !== undefined) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

/**
 * enum and const. Removing a value breaks both ways (callers send it, or rely on what it meant).
 * Adding a value to a response breaks exhaustive clients (generated unions, switch statements).
 */
export function diffAllowedValues(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  const subject = siteSubject(site);
  const request = site.direction === 'request';
  if (before.const !== undefined && after.const !== undefined) {
    if (canonical(before.const) === canonical(after.const)) return;
    ctx.emit('const-changed', 'breaking', siteLocation(site, 'const'), `${formatValue(before.const)} → ${formatValue(after.const)}`,
      `${capitalise(subject)} changed its fixed value from ${formatValue(before.const)} to ${formatValue(after.const)}.`);
    return;
  }
  const keyword = before.const !== undefined || after.const !== undefined ? 'const' : 'enum';
  const location = siteLocation(site, keyword);
  const was = allowedValues(before);
  const is = allowedValues(after);
  if (!was && !is) return;
  if (!was && is) {
    ctx.emit('enum-added', request ? 'breaking' : 'non-breaking', location, `(any) → ${formatList(is)}`,
      request
        ? `${capitalise(subject)} is now restricted to ${formatList(is)}; other values will be rejected.`
        : `${capitalise(subject)} is now documented as one of ${formatList(is)}.`);
    return;
  }
  if (was && !is) {
    ctx.emit('enum-removed', request ? 'non-breaking' : 'breaking', location, `${formatList(was)} → (any)`,
      request
        ? `${capitalise(subject)} now accepts any value, not only ${formatList(was)}.`
        : `${capitalise(subject)} may now contain values other than ${formatList(was)}; exhaustive clients can fail.`);
    return;
  }
  const wasKeys = new Set((was ?? []).map(canonical));
  const isKeys = new Set((is ?? []).map(canonical));
  const removed = (was ?? []).filter((v) => !isKeys.has(canonical(v)));
  const added = (is ?? []).filter((v) => !wasKeys.has(canonical(v)));
  if (removed.length) {
    ctx.emit('enum-value-removed', 'breaking', location, `${formatList(removed)} removed`,
      request
        ? `${capitalise(subject)} no longer accepts ${formatList(removed)}; callers sending it will be rejected.`
        : `${capitalise(subject)} no longer returns ${formatList(removed)}; clients relying on that value lose it.`);
  }
  if (added.length) {
    ctx.emit('enum-value-added', request ? 'non-breaking' : 'breaking', location, `${formatList(added)} added`,
      request
        ? `${capitalise(subject)} now also accepts ${formatList(added)}.`
        : `${capitalise(subject)} may now return ${formatList(added)}; clients that handle every value exhaustively must add it.`);
  }
}

const BOUND_NAMES: Record<string, string> = {
  minimum: 'minimum',
  exclusiveMinimum: 'exclusive minimum',
  minLength: 'minimum length',
  minItems: 'minimum item count',
  minProperties: 'minimum property count',
  maximum: 'maximum',
  exclusiveMaximum: 'exclusive maximum',
  maxLength: 'maximum length',
  maxItems: 'maximum item count',
  maxProperties: 'maximum property count',
};

/** Numeric bounds. Tighter request bounds reject calls that used to pass; response bounds are not encoded in generated types, so they never break. */
export function diffBounds(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  const subject = siteSubject(site);
  for (const [keyword, name] of Object.entries(BOUND_NAMES)) {
    const was = typeof before[keyword] === 'number' ? (before[keyword] as number) : undefined;
    const is = typeof after[keyword] === 'number' ? (after[keyword] as number) : undefined;
    if (was === is) continue;
    const lower = LOWER_BOUNDS.has(keyword);
    const tighter = is !== undefined && (was === undefined || (lower ? is > was : is < was));
    const detail = `${formatValue(was)} → ${formatValue(is)}`;
    const what = was === undefined ? `now has a ${name} of ${is}` : is === undefined ? `no longer has a ${name} (was ${was})` : `${name} ${is > was ? 'raised' : 'lowered'} from ${was} to ${is}`;
    if (site.direction === 'request' && tighter) {
      ctx.emit('bound-tightened', 'breaking', siteLocation(site, keyword), detail, `${capitalise(subject)}: ${what}; requests that were valid may now be rejected.`);
    } else {
      ctx.emit(tighter ? 'bound-tightened' : 'bound-loosened', 'non-breaking', siteLocation(site, keyword), detail, `${capitalise(subject)}: ${what}.`);
    }
  }
  diffMultipleOf(ctx, site, before, after);
  if (before.uniqueItems !== true && after.uniqueItems === true) {
    const breaking = site.direction === 'request';
    ctx.emit('bound-tightened', breaking ? 'breaking' : 'non-breaking', siteLocation(site, 'uniqueItems'), 'false → true',
      `${capitalise(subject)} now requires unique items${breaking ? '; requests with duplicates will be rejected' : ''}.`);
  } else if (before.uniqueItems === true && after.uniqueItems !== true) {
    ctx.emit('bound-loosened', 'non-breaking', siteLocation(site, 'uniqueItems'), 'true → false', `${capitalise(subject)} no longer requires unique items.`);
  }
}

function diffMultipleOf(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  const was = typeof before.multipleOf === 'number' ? before.multipleOf : undefined;
  const is = typeof after.multipleOf === 'number' ? after.multipleOf : undefined;
  if (was === is) return;
  // Looser only when every old multiple is still a multiple of the new step.
  const looser = is === undefined || (was !== undefined && Number.isInteger(was / is));
  const breaking = site.direction === 'request' && !looser;
  ctx.emit(looser ? 'bound-loosened' : 'bound-tightened', breaking ? 'breaking' : 'non-breaking', siteLocation(site, 'multipleOf'),
    `${formatValue(was)} → ${formatValue(is)}`, `${capitalise(siteSubject(site))}: multipleOf changed from ${formatValue(was)} to ${formatValue(is)}.`);
}

/** A new or different pattern cannot be proven looser, so in a request it counts as tighter. */
export function diffPattern(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  if (before.pattern === after.pattern) return;
  const subject = capitalise(siteSubject(site));
  const detail = `${formatValue(before.pattern)} → ${formatValue(after.pattern)}`;
  if (after.pattern === undefined) {
    ctx.emit('pattern-changed', 'non-breaking', siteLocation(site, 'pattern'), detail, `${subject} no longer has to match a pattern.`);
    return;
  }
  if (site.direction !== 'request') {
    ctx.emit('pattern-changed', 'non-breaking', siteLocation(site, 'pattern'), detail, `${subject} is now documented to match ${formatValue(after.pattern)}.`);
  } else if (before.pattern === undefined) {
    ctx.emit('pattern-changed', 'breaking', siteLocation(site, 'pattern'), detail, `${subject} must now match ${formatValue(after.pattern)}; values valid before may be rejected.`);
  } else {
    // Whether one regular expression accepts everything another did cannot be decided in general: a warning.
    ctx.emit('pattern-changed', 'warning', siteLocation(site, 'pattern'), detail,
      `${subject} must now match ${formatValue(after.pattern)} instead of ${formatValue(before.pattern)}; values valid before may be rejected (check that the new pattern accepts them).`);
  }
}

/** Formats drive parsing in generated clients (date-time → Date), so a different format breaks both ways. */
export function diffFormat(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject): void {
  if (before.format === after.format) return;
  const subject = capitalise(siteSubject(site));
  const detail = `${formatValue(before.format)} → ${formatValue(after.format)}`;
  const changed = before.format !== undefined && after.format !== undefined;
  const addedToRequest = before.format === undefined && site.direction === 'request';
  const breaking = changed || addedToRequest;
  ctx.emit('format-changed', breaking ? 'breaking' : 'non-breaking', siteLocation(site, 'format'), detail,
    after.format === undefined
      ? `${subject} no longer declares a format.`
      : `${subject} now has format ${formatValue(after.format)}${breaking ? '; values and generated types may no longer match' : ''}.`);
}
