// Error responses must use the API's one shared error schema, so clients parse every error the same way.
// A schema that narrows it (allOf with the shared schema, as a documented message enum does) counts.
import { isErrorStatus, statusOf } from './status.js';

function refName(ref) {
  const last = ref.split(/[/#]/).pop() ?? '';
  return last.replace(/\.(ya?ml|json)$/, '');
}

export default function ErrorResponseSchema({ schema: expected = 'ErrorResponse' } = {}) {
  return {
    Response: {
      enter(response, ctx) {
        const status = statusOf(ctx);
        if (!isErrorStatus(status)) return;
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) {
          ctx.report({
            message: `Error response ${status} must have a JSON body using the shared ${expected} schema.`,
            location: ctx.location,
          });
        }
        for (const [mediaType, media] of content) {
          const ref = media.schema?.$ref;
          const resolved = typeof ref === 'string' ? ctx.resolve(media.schema).node : media.schema;
          const extendsShared = (resolved?.allOf ?? []).some((part) => typeof part?.$ref === 'string' && refName(part.$ref) === expected);
          if (!(typeof ref === 'string' && (refName(ref) === expected || extendsShared))) {
            ctx.report({
              message: `Error response ${status} (${mediaType}) must use the shared ${expected} schema by $ref.`,
              location: ctx.location.child(['content', mediaType, 'schema']),
            });
          }
        }
      },
    },
  };
}
