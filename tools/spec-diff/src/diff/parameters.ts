import type { DiffContext } from './context.js';
import { judgeRemoval } from './deprecation.js';
import { capitalise, diffDeprecated, diffDocs } from './docs.js';
import { asArray, asObject, type JsonObject, type SpecDocument } from './resolve.js';
import { diffSchema } from './schema.js';
import type { SchemaSite } from './schema-site.js';

interface Parameter {
  key: string;
  display: string;
  noun: string;
  definition: JsonObject;
}

/** Path-level parameters overridden by operation-level ones with the same name and location. */
export function effectiveParameters(doc: SpecDocument, pathItem: JsonObject, operation: JsonObject): Map<string, Parameter> {
  const result = new Map<string, Parameter>();
  for (const node of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
    const definition = doc.resolve(node);
    const location = typeof definition.in === 'string' ? definition.in : 'query';
    const name = typeof definition.name === 'string' ? definition.name : '';
    // Header names are case-insensitive on the wire.
    const key = `${location}:${location === 'header' ? name.toLowerCase() : name}`;
    result.set(key, { key, display: `${location}.${name}`, noun: `${location} parameter \`${name}\``, definition });
  }
  return result;
}

/** A parameter's schema, whether given directly or through a single `content` media type. */
function parameterSchema(definition: JsonObject): unknown {
  if (definition.schema !== undefined) return definition.schema;
  const media = Object.values(asObject(definition.content))[0];
  return asObject(media).schema;
}

/**
 * Routes are matched by template, so a path parameter missing on one side and new on the other is
 * the same slot renamed (`{issueId}` → `{id}`): wire-compatible, but generated clients rename the argument.
 */
function pairRenamedPathParameters(before: Map<string, Parameter>, after: Map<string, Parameter>): Map<string, Parameter> {
  const gone = [...before.values()].filter((p) => p.key.startsWith('path:') && !after.has(p.key));
  const fresh = [...after.values()].filter((p) => p.key.startsWith('path:') && !before.has(p.key));
  const renamed = new Map<string, Parameter>();
  if (gone.length === fresh.length) gone.forEach((was, index) => renamed.set(was.key, fresh[index] as Parameter));
  return renamed;
}

export function diffParameters(
  ctx: DiffContext,
  operation: string,
  before: Map<string, Parameter>,
  after: Map<string, Parameter>,
): void {
  const renamed = pairRenamedPathParameters(before, after);
  const renamedTo = new Set([...renamed.values()].map((p) => p.key));
  for (const [key, was] of before) {
    const newName = renamed.get(key);
    if (newName) {
      ctx.emit('path-parameter-renamed', 'breaking', [operation, was.display], `→ ${newName.display}`,
        `${capitalise(was.noun)} was renamed to \`${String(newName.definition.name)}\`; the URL is unchanged, but generated clients rename the argument.`);
    }
    const is = after.get(key) ?? newName;
    if (!is) {
      const verdict = judgeRemoval(ctx, was.definition);
      ctx.emit('parameter-removed', verdict.severity, [operation, was.display], 'removed',
        `${capitalise(was.noun)} was removed ${verdict.why}; callers still sending it are ignored or rejected.`);
      continue;
    }
    const wasRequired = was.definition.required === true;
    const isRequired = is.definition.required === true;
    if (!wasRequired && isRequired) {
      ctx.emit('parameter-became-required', 'breaking', [operation, is.display, 'required'], 'false → true', `${capitalise(is.noun)} is now required; calls without it will be rejected.`);
    } else if (wasRequired && !isRequired) {
      ctx.emit('parameter-became-optional', 'non-breaking', [operation, is.display, 'required'], 'true → false', `${capitalise(is.noun)} is now optional.`);
    }
    const site: SchemaSite = { operation, direction: 'request', root: is.display, noun: is.noun, field: '' };
    diffSchema(ctx, site, parameterSchema(was.definition), parameterSchema(is.definition));
    diffDeprecated(ctx, was.definition, is.definition, [operation, is.display], is.noun);
    diffDocs(ctx, was.definition, is.definition, [operation, is.display], is.noun, ['description', 'example', 'examples']);
  }
  for (const [key, is] of after) {
    if (before.has(key) || renamedTo.has(key)) continue;
    if (is.definition.required === true) {
      ctx.emit('parameter-added', 'breaking', [operation, is.display], 'added (required)', `New required ${is.noun}; existing calls lack it and will be rejected.`);
    } else {
      ctx.emit('parameter-added', 'non-breaking', [operation, is.display], 'added (optional)', `New optional ${is.noun}.`);
    }
  }
}
