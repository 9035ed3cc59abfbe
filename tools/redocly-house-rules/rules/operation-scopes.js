// Scopes must be machine-readable: bearer and OAuth operations list the scopes they need in their
// security requirement, so clients, docs, the sandbox and contract tests all read the same fact.
const SCOPED_TYPES = new Set(['http', 'oauth2', 'openIdConnect']);

export default function OperationScopes() {
  let rootSecurity = [];
  let schemes = {};
  return {
    Root: {
      enter(root, ctx) {
        rootSecurity = root.security ?? [];
        const raw = root.components?.securitySchemes ?? {};
        schemes = Object.fromEntries(Object.entries(raw).map(([name, s]) => [name, s.$ref ? ctx.resolve(s).node : s]));
      },
    },
    Operation: {
      enter(operation, ctx) {
        const security = operation.security ?? rootSecurity;
        for (const requirement of security) {
          for (const [name, scopes] of Object.entries(requirement)) {
            const scheme = schemes[name];
            if (scheme && SCOPED_TYPES.has(scheme.type) && (!Array.isArray(scopes) || scopes.length === 0)) {
              ctx.report({
                message: `Operation ${operation.operationId ?? ''} must list the scopes it needs for "${name}" in its security requirement.`,
                location: ctx.location.child(['security']),
              });
            }
          }
        }
      },
    },
  };
}
