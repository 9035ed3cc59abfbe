import type { DiffContext } from './context.js';
import { judgeRemoval } from './deprecation.js';
import { capitalise, diffDeprecated, diffDocs } from './docs.js';
import { asArray, asObject, isObject, type JsonObject, SpecDocument } from './resolve.js';
import { diffAllowedValues, diffBounds, diffFormat, diffPattern, diffTypes } from './schema-keywords.js';
import { normalizeSchema } from './schema-normalize.js';
import { childSite, siteLocation, siteSubject, type SchemaSite } from './schema-site.js';
import { diffVariants } from './schema-variants.js';

/** Deep enough for any hand-written spec; stops pathological non-ref recursion. */
const MAX_DEPTH = 48;

/** Ref pairs currently being compared, so recursive schemas end. */
export type RefStack = Set<string>;

export function diffSchema(
  ctx: DiffContext,
  site: SchemaSite,
  beforeNode: unknown,
  afterNode: unknown,
  stack: RefStack = new Set(),
  depth = 0,
): void {
  if (depth > MAX_DEPTH) return;
  const refKey = `${SpecDocument.refOf(beforeNode) ?? ''}|${SpecDocument.refOf(afterNode) ?? ''}`;
  const isRef = refKey !== '|';
  if (isRef && stack.has(refKey)) return;
  if (isRef) stack.add(refKey);
  try {
    const before = normalizeSchema(ctx.before, beforeNode);
    const after = normalizeSchema(ctx.after, afterNode);
    const recurse = (child: SchemaSite, b: unknown, a: unknown) => diffSchema(ctx, child, b, a, stack, depth + 1);
    const score = (b: unknown, a: unknown) => {
      const scratch = ctx.scratch();
      diffSchema(scratch, site, b, a, new Set(stack), depth + 1);
      return scratch.changes.reduce((sum, change) => sum + (change.severity === 'breaking' ? 1000 : change.severity === 'non-breaking' ? 10 : 1), 0);
    };
    if (diffVariants(ctx, site, before, after, { recurse, score })) return;
    diffTypes(ctx, site, before, after);
    diffAllowedValues(ctx, site, before, after);
    diffBounds(ctx, site, before, after);
    diffPattern(ctx, site, before, after);
    diffFormat(ctx, site, before, after);
    diffProperties(ctx, site, before, after, recurse);
    diffAdditionalProperties(ctx, site, before, after, recurse);
    diffItems(site, before, after, recurse);
    diffDeprecated(ctx, before, after, siteLocation(site), siteSubject(site));
    diffDocs(ctx, before, after, siteLocation(site), siteSubject(site), ['description', 'title', 'example', 'examples']);
  } finally {
    if (isRef) stack.delete(refKey);
  }
}

type Recurse = (child: SchemaSite, before: unknown, after: unknown) => void;

function requiredSet(schema: JsonObject): Set<string> {
  return new Set(asArray(schema.required).filter((name): name is string => typeof name === 'string'));
}

function diffProperties(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject, recurse: Recurse): void {
  const was = asObject(before.properties);
  const is = asObject(after.properties);
  const wasRequired = requiredSet(before);
  const isRequired = requiredSet(after);
  const request = site.direction === 'request';
  // readOnly fields are never sent and writeOnly fields never returned, so they do not exist on that side.
  const visible = (doc: SpecDocument, props: JsonObject, name: string) => {
    if (!(name in props)) return false;
    const schema = normalizeSchema(doc, props[name]);
    return request ? schema.readOnly !== true : schema.writeOnly !== true;
  };
  for (const name of new Set([...Object.keys(was), ...Object.keys(is)])) {
    const child = childSite(site, name);
    const subject = capitalise(siteSubject(child));
    const inBefore = visible(ctx.before, was, name);
    const inAfter = visible(ctx.after, is, name);
    if (inBefore && !inAfter) {
      const verdict = judgeRemoval(ctx, normalizeSchema(ctx.before, was[name]));
      if (request) ctx.emit('request-property-removed', verdict.severity, siteLocation(child), 'removed', `${subject} was removed ${verdict.why}; callers still sending it are ignored or rejected.`);
      else ctx.emit('response-property-removed', verdict.severity, siteLocation(child), 'removed', `${subject} was removed ${verdict.why}; clients reading it will get nothing.`);
    } else if (!inBefore && inAfter) {
      if (!request) ctx.emit('response-property-added', 'non-breaking', siteLocation(child), 'added', `${subject} was added.`);
      else if (isRequired.has(name)) ctx.emit('request-property-added', 'breaking', siteLocation(child), 'added (required)', `${subject} was added as required; existing requests lack it and will be rejected.`);
      else ctx.emit('request-property-added', 'non-breaking', siteLocation(child), 'added (optional)', `${subject} was added as an optional field.`);
    } else if (inBefore && inAfter) {
      diffRequired(ctx, child, request, wasRequired.has(name), isRequired.has(name));
      recurse(child, was[name], is[name]);
    }
  }
}

function diffRequired(ctx: DiffContext, child: SchemaSite, request: boolean, was: boolean, is: boolean): void {
  if (was === is) return;
  const subject = capitalise(siteSubject(child));
  const location = siteLocation(child, 'required');
  const detail = `${was} → ${is}`;
  if (request && is) ctx.emit('request-property-became-required', 'breaking', location, detail, `${subject} is now required; requests without it will be rejected.`);
  else if (request) ctx.emit('request-property-became-optional', 'non-breaking', location, detail, `${subject} is now optional.`);
  else if (is) ctx.emit('response-property-became-required', 'non-breaking', location, detail, `${subject} is now always present.`);
  else ctx.emit('response-property-became-optional', 'breaking', location, detail, `${subject} is no longer required and may be absent; clients assuming it is present can fail.`);
}

function diffAdditionalProperties(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject, recurse: Recurse): void {
  const was = before.additionalProperties;
  const is = after.additionalProperties;
  if (isObject(was) && isObject(is)) {
    recurse(childSite(site, '*'), was, is);
    return;
  }
  const closedBefore = was === false;
  const closedAfter = is === false;
  if (closedBefore === closedAfter) return;
  const subject = capitalise(siteSubject(site));
  const detail = `${closedBefore ? 'false' : 'allowed'} → ${closedAfter ? 'false' : 'allowed'}`;
  const location = siteLocation(site, 'additionalProperties');
  if (site.direction === 'request' && closedAfter) {
    ctx.emit('additional-properties-changed', 'breaking', location, detail, `${subject} no longer accepts undeclared fields; requests carrying extra fields will be rejected.`);
  } else {
    ctx.emit('additional-properties-changed', 'non-breaking', location, detail,
      closedAfter ? `${subject} no longer contains undeclared fields.` : `${subject} may now contain undeclared fields.`);
  }
}

function diffItems(site: SchemaSite, before: JsonObject, after: JsonObject, recurse: Recurse): void {
  if (before.items !== undefined || after.items !== undefined) recurse(childSite(site, '[]'), before.items, after.items);
  const wasPrefix = asArray(before.prefixItems);
  const isPrefix = asArray(after.prefixItems);
  for (let index = 0; index < Math.max(wasPrefix.length, isPrefix.length); index += 1) {
    recurse(childSite(site, `[${index}]`), wasPrefix[index], isPrefix[index]);
  }
}
