/**
 * Example values of one operation, grouped like a client's operationSamples expect them
 * (`{ path, query, body }`): each parameter's `example` (else its schema's default or first enum
 * value) and the first example of a JSON request body.
 */
export function specExampleArgs(spec, operationId) {
  const resolve = (node) => {
    let current = node;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++) {
      current = current.$ref.slice(2).split('/').reduce((value, key) => value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    }
    return current;
  };
  for (const item of Object.values(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || method === 'servers' || operation?.operationId !== operationId) continue;
      const args = {};
      for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve)) {
        const schema = resolve(parameter.schema) ?? {};
        const value = parameter.example ?? schema.default ?? schema.enum?.[0];
        if (value === undefined) continue;
        if (parameter.in === 'path') args.path = { ...args.path, [parameter.name]: value };
        if (parameter.in === 'query') args.query = { ...args.query, [parameter.name]: value };
      }
      const media = resolve(operation.requestBody)?.content?.['application/json'];
      const example = media ? Object.values(media.examples ?? {})[0] : undefined;
      if (example) args.body = resolve(example).value;
      return args;
    }
  }
  throw new Error(`No operation ${operationId} in the spec`);
}
