// A 429 is only useful to a client that can tell when to come back.
import { headerNames, statusOf, operationScope } from './status.js';

const DEFAULT_HEADERS = ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

export default function RateLimitHeaders({ headers = DEFAULT_HEADERS, schemes } = {}) {
  const scope = operationScope(schemes);
  return {
    ...scope.visitors,
    Response: {
      enter(response, ctx) {
        if (!scope.applies()) return;
        if (statusOf(ctx) !== '429') return;
        const present = headerNames(response);
        const missing = headers.filter((name) => !present.has(name.toLowerCase()));
        if (missing.length > 0) {
          ctx.report({
            message: `Response 429 must declare the headers ${missing.join(', ')}.`,
            location: ctx.location.child(['headers']),
          });
        }
      },
    },
  };
}
