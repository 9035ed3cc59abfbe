import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel } from '../spec.js';
import type { CaseDef, InvalidValueExpectation } from '../types.js';
import { baseNeeds, credentialFor, expectDocumented, goodToken, invalidExpectation, notFoundExpectation } from './common.js';

/**
 * Documented error responses: each named example served on request (where the target honours
 * `Prefer`, i.e. the mock), and invalid path parameters. Errors seen anywhere else in the run are
 * checked by the conformance recorder (JSON body, declared headers) and reported under this kind too.
 */
export function deriveErrors(model: ApiModel, _profile: ApiProfile): CaseDef[] {
  const cases: CaseDef[] = [];
  for (const op of model.operations) {
    for (const response of op.responses) {
      const status = Number(response.status);
      if (!(status >= 400)) continue;
      const media = response.content.find((c) => /json/.test(c.mediaType));
      for (const example of media?.examples ?? [{ name: undefined }]) {
        cases.push({
          kind: 'errors',
          name: `${op.id}: documented ${status}${example.name ? ` ${example.name}` : ''} has its body and headers`,
          operationId: op.id,
          needs: [...baseNeeds(op), 'prefer-examples'],
          group: `errors:${op.id}`,
          async run(ctx) {
            const token = goodToken(ctx, op);
            const request = await ctx.safeRequest(op, token);
            const prefer = `code=${status}${example.name ? `, example=${example.name}` : ''}`;
            const exchange = await ctx.send(op, { ...request, headers: { ...(request.headers ?? {}), Prefer: prefer }, auth: credentialFor(ctx, op, token) });
            return expectDocumented(ctx, op, exchange, example.name ? { status, example: example.name } : { status });
          },
        });
      }
    }

    for (const param of op.parameters.filter((p) => p.in === 'path' && p.invalidResponse)) {
      // A malformed value gets the parameter's invalid answer; a well-formed one naming no record gets "not found".
      const variants: Array<{ name: string; value: string | null; needs: CaseDef['needs']; expected: InvalidValueExpectation }> = [
        { name: 'malformed', value: 'contract-malformed-id', needs: [], expected: invalidExpectation(model, op, param.invalidResponse)! },
        {
          name: 'unknown well-formed',
          value: param.schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : null,
          needs: ['real-data'],
          expected: notFoundExpectation(model, op, param)!,
        },
      ];
      for (const variant of variants) {
        if (variant.value === null) continue;
        const { value, expected } = variant;
        const label = `${expected.status}${expected.example ? ` ${expected.example}` : ''}`;
        cases.push({
          kind: 'errors',
          name: `${op.id}: ${variant.name} ${param.name} → ${label}`,
          operationId: op.id,
          needs: [...baseNeeds(op), ...variant.needs],
          invalidValue: expected,
          group: `errors:${op.id}`,
          async run(ctx) {
            const token = goodToken(ctx, op);
            const request = await ctx.safeRequest(op, token);
            const exchange = await ctx.send(op, { ...request, pathParams: { ...(request.pathParams ?? {}), [param.name]: value }, auth: credentialFor(ctx, op, token) });
            return expectDocumented(ctx, op, exchange, expected);
          },
        });
      }
    }
  }
  return cases;
}
