// RFC 9110 requires a challenge on every 401; clients and docs read the scope from it.
import { headerNames, statusOf, operationScope } from './status.js';

export default function UnauthorizedChallenge({ schemes } = {}) {
  const scope = operationScope(schemes);
  return {
    ...scope.visitors,
    Response: {
      enter(response, ctx) {
        if (!scope.applies()) return;
        if (statusOf(ctx) !== '401') return;
        if (!headerNames(response).has('www-authenticate')) {
          ctx.report({
            message: 'Response 401 must declare the WWW-Authenticate header.',
            location: ctx.location.child(['headers']),
          });
        }
      },
    },
  };
}
