// Every fact a spec states about a real service names its source or says it is our assumption
// (spec/PROVENANCE.md). Tools read these marks: the contract suite, the docs and the review.

const SCHEMA_CHILD_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_CHILDREN = ['items', 'additionalProperties', 'unevaluatedProperties', 'not', 'contains', 'if', 'then', 'else'];

function markOf(node) {
  if (!node || typeof node !== 'object') return undefined;
  const source = node['x-source'];
  const assumption = node['x-assumption'];
  if (source !== undefined && assumption !== undefined) return 'both';
  if (source !== undefined) return 'source';
  if (assumption !== undefined) return 'assumption';
  return undefined;
}

export default function Provenance() {
  let registry = new Set();
  let registryLoaded = false;
  const seen = new Set();

  function checkValues(node, location, ctx) {
    const mark = markOf(node);
    if (mark === 'both') {
      ctx.report({ message: 'Use either x-source or x-assumption on one node, not both.', location: location.child(['x-assumption']).key() });
    }
    if (node && node['x-source'] !== undefined && registryLoaded) {
      const ids = Array.isArray(node['x-source']) ? node['x-source'] : [node['x-source']];
      if (ids.length === 0) ctx.report({ message: 'x-source names at least one source id.', location: location.child(['x-source']) });
      for (const id of ids) {
        if (typeof id !== 'string' || !registry.has(id)) {
          ctx.report({
            message: `x-source "${String(id)}" is not an id of the root x-sources registry.`,
            location: location.child(['x-source']),
          });
        }
      }
    }
    if (node && node['x-assumption'] !== undefined) {
      const text = node['x-assumption'];
      if (typeof text !== 'string' || text.trim().length < 10) {
        ctx.report({ message: 'x-assumption is a sentence saying what we chose and why.', location: location.child(['x-assumption']) });
      }
    }
    return mark;
  }

  function requireOwnMark(kind, node, ctx) {
    const mark = checkValues(node, ctx.location, ctx);
    if (!mark) {
      ctx.report({ message: `${kind} needs x-source (a documented fact) or x-assumption (our choice).`, location: ctx.location.key() });
    }
  }

  function walkSchema(schema, location, covered, ctx, depth = 0) {
    if (!schema || typeof schema !== 'object' || depth > 64) return;
    let node = schema;
    let at = location;
    let siblingsCovered = covered || Boolean(markOf(schema));
    if (schema.$ref) {
      checkValues(schema, location, ctx);
      const resolved = ctx.resolve(schema, location.source.absoluteRef);
      if (!resolved?.node) return;
      node = resolved.node;
      at = resolved.location;
    }
    const key = `${at.source.absoluteRef}#${at.pointer}|${siblingsCovered}`;
    if (seen.has(key)) return;
    seen.add(key);

    const own = checkValues(node, at, ctx);
    const isCovered = siblingsCovered || Boolean(own);
    if (!isCovered && depth === 0 && !node.properties) {
      ctx.report({ message: 'Schema needs x-source (a documented fact) or x-assumption (our choice).', location: at.key() });
    }
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const propertyAt = at.child(['properties', name]);
      const propertyMark = markOf(property);
      if (!isCovered && !propertyMark) {
        ctx.report({
          message: `Property "${name}" needs x-source or x-assumption (on itself or on an enclosing schema).`,
          location: propertyAt.key(),
        });
      }
      walkSchema(property, propertyAt, isCovered || Boolean(propertyMark), ctx, depth + 1);
    }
    for (const listName of SCHEMA_CHILD_LISTS) {
      (node[listName] ?? []).forEach((child, index) => walkSchema(child, at.child([listName, index]), isCovered, ctx, depth + 1));
    }
    for (const childName of SCHEMA_CHILDREN) {
      if (node[childName] && typeof node[childName] === 'object') walkSchema(node[childName], at.child([childName]), isCovered, ctx, depth + 1);
    }
  }

  return {
    Root: {
      enter(root, ctx) {
        const sources = root['x-sources'];
        if (!sources || typeof sources !== 'object' || Object.keys(sources).length === 0) {
          ctx.report({ message: 'The root needs an x-sources registry: <id>: { title, url, seed? }.', location: ctx.location.child(['openapi']).key() });
          registry = new Set();
        } else {
          registry = new Set(Object.keys(sources));
          for (const [id, entry] of Object.entries(sources)) {
            if (!entry || typeof entry.title !== 'string' || (typeof entry.url !== 'string' && typeof entry.seed !== 'string')) {
              ctx.report({ message: `x-sources.${id} needs a title and a url or seed.`, location: ctx.location.child(['x-sources', id]) });
            }
          }
        }
        registryLoaded = true;
      },
    },
    Operation: {
      enter(operation, ctx) {
        requireOwnMark('Operation', operation, ctx);
      },
    },
    Parameter: {
      enter(parameter, ctx) {
        requireOwnMark(`Parameter "${parameter?.name ?? ctx.key}"`, parameter, ctx);
      },
    },
    Response: {
      enter(response, ctx) {
        requireOwnMark(`Response ${String(ctx.key)}`, response, ctx);
      },
    },
    Header: {
      enter(header, ctx) {
        requireOwnMark(`Header "${String(ctx.key)}"`, header, ctx);
      },
    },
    Example: {
      enter(example, ctx) {
        // Optional on examples: x-source marks one whose wording is the vendor's (not an illustration).
        checkValues(example, ctx.location, ctx);
      },
    },
    MediaType: {
      enter(mediaType, ctx) {
        if (mediaType?.schema) walkSchema(mediaType.schema, ctx.location.child(['schema']), false, ctx);
      },
    },
  };
}
