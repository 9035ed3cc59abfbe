// Small, spec-agnostic helpers over a bundled OpenAPI 3.x document (local $refs only, which is what
// `redocly bundle` produces).

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows local `$ref`s (`#/components/...`) until a concrete object is reached. */
export function deref(spec, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    if (!current.$ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((value, key) => (value == null ? undefined : value[key]), spec);
    if (current === undefined) throw new Error(`unresolvable $ref ${[...seen].at(-1)}`);
  }
  return current;
}

/** Every operation with its path item, in document order. */
export function* operations(spec) {
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const pathItem = deref(spec, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation) yield { path, method, pathItem, operation };
    }
  }
}

/** Operation parameters merged over path-item parameters (same name + in: the operation wins). */
export function parametersOf(spec, pathItem, operation) {
  const merged = new Map();
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = deref(spec, raw);
    merged.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...merged.values()];
}

/** The server an operation is sent to: operation, then path-level, then root `servers`. */
export function serverUrlOf(spec, pathItem, operation) {
  const servers = operation.servers ?? pathItem.servers ?? spec.servers ?? [{ url: '/' }];
  const server = servers[0] ?? { url: '/' };
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name) => {
    const variable = server.variables?.[name];
    if (!variable) throw new Error(`server ${server.url} uses {${name}} without a variable`);
    return String(variable.default);
  });
  return url.replace(/\/+$/, '');
}

/** An example value documented for a parameter or media type (`example`, then the first `examples`). */
export function documentedExample(spec, holder) {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const first = Object.values(holder.examples ?? {})[0];
  if (first !== undefined) {
    const example = deref(spec, first);
    if (example.value !== undefined) return example.value;
  }
  const schema = holder.schema ? deref(spec, holder.schema) : undefined;
  if (schema?.example !== undefined) return schema.example;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  return undefined;
}

/**
 * A value for a parameter: documented example, else the schema default; a required parameter without
 * either falls back to its first enum value or a placeholder, an optional one is left out (undefined).
 */
export function parameterValue(spec, parameter) {
  const documented = documentedExample(spec, parameter);
  if (documented !== undefined) return documented;
  const schema = parameter.schema ? deref(spec, parameter.schema) : {};
  if (schema.default !== undefined) return schema.default;
  if (!parameter.required) return undefined;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return `<${parameter.name}>`;
}

/** The request body media type a sample sends (JSON first) and its example value. */
export function requestBodyExample(spec, operation) {
  if (!operation.requestBody) return undefined;
  const body = deref(spec, operation.requestBody);
  const mediaTypes = Object.keys(body.content ?? {});
  const mediaType = mediaTypes.find((type) => /^application\/([\w.+-]+\+)?json$/.test(type)) ?? mediaTypes[0];
  if (!mediaType) return undefined;
  return { mediaType, value: documentedExample(spec, body.content[mediaType]) };
}

/** The security requirement a sample uses: the operation's first, else the document's first. */
export function securitySchemesOf(spec, operation) {
  const requirements = operation.security ?? spec.security ?? [];
  const first = requirements[0] ?? {};
  return Object.entries(first).map(([name, scopes]) => {
    const scheme = deref(spec, spec.components?.securitySchemes?.[name]);
    if (!scheme) throw new Error(`security scheme ${name} is not defined`);
    return { name, scheme, scopes: scopes ?? [] };
  });
}
