// OpenAPI 3.1 is JSON Schema 2020-12: nullability is type: [T, "null"]; `nullable` is a 3.0 leftover
// that 3.1 tools silently ignore.
export default function NoNullable() {
  return {
    Schema: {
      enter(schema, ctx) {
        if (schema && typeof schema === 'object' && 'nullable' in schema) {
          ctx.report({
            message: 'Use type: [<type>, "null"] instead of the OpenAPI 3.0 keyword `nullable`.',
            location: ctx.location.child(['nullable']).key(),
          });
        }
      },
    },
  };
}
