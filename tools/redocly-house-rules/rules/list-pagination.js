// List operations must be pageable the same way everywhere: a bounded limit and a cursor.
// An operation is a list when it declares x-pagination or its operationId starts with "list".
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export default function ListPagination({ limitParam = 'limit', cursorParams = ['cursor'] } = {}) {
  return {
    PathItem: {
      enter(pathItem, ctx) {
        const resolveParams = (list) => (list ?? []).map((param) => (param.$ref ? ctx.resolve(param).node : param));
        const shared = resolveParams(pathItem.parameters);
        for (const method of METHODS) {
          const operation = pathItem[method];
          if (!operation) continue;
          const isList = operation['x-pagination'] !== undefined || /^list/.test(operation.operationId ?? '');
          if (!isList) continue;
          const names = new Set([...shared, ...resolveParams(operation.parameters)].filter((p) => p?.in === 'query').map((p) => p.name));
          const missing = [];
          if (!names.has(limitParam)) missing.push(`a "${limitParam}" query parameter`);
          if (!cursorParams.some((name) => names.has(name))) missing.push(`a cursor query parameter (${cursorParams.join(' or ')})`);
          if (missing.length > 0) {
            ctx.report({
              message: `List operation ${operation.operationId ?? method.toUpperCase()} must have ${missing.join(' and ')}.`,
              location: ctx.location.child([method]),
            });
          }
        }
      },
    },
  };
}
