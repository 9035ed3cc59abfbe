// Every response body needs at least one example: docs, Prism and contract tests all read them.
export default function ResponseExample() {
  return {
    Response: {
      enter(response, ctx) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          const hasExamples = media.example !== undefined || Object.keys(media.examples ?? {}).length > 0;
          if (!hasExamples) {
            ctx.report({
              message: `Response ${String(ctx.key)} (${mediaType}) needs at least one example.`,
              location: ctx.location.child(['content', mediaType]),
            });
          }
        }
      },
    },
  };
}
