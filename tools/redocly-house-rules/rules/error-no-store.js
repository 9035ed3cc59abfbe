// Errors must never be cached by browsers or proxies: every error documents Cache-Control: no-store.
import { findHeader, isErrorStatus, statusOf, operationScope } from './status.js';

function saysNoStore(header, ctx) {
  const resolved = header?.$ref ? ctx.resolve(header).node : header;
  const schema = resolved?.schema?.$ref ? ctx.resolve(resolved.schema).node : resolved?.schema;
  const values = [schema?.const, ...(schema?.enum ?? []), resolved?.example];
  return values.some((value) => typeof value === 'string' && value.includes('no-store'));
}

export default function ErrorNoStore({ schemes } = {}) {
  const scope = operationScope(schemes);
  return {
    ...scope.visitors,
    Response: {
      enter(response, ctx) {
        if (!scope.applies()) return;
        const status = statusOf(ctx);
        if (!isErrorStatus(status)) return;
        if (!saysNoStore(findHeader(response, 'Cache-Control'), ctx)) {
          ctx.report({
            message: `Error response ${status} must declare the header Cache-Control: no-store.`,
            location: ctx.location.child(['headers']),
          });
        }
      },
    },
  };
}
