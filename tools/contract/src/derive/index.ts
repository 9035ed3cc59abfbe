import type { ApiProfile } from '../profiles/types.js';
import type { ApiModel } from '../spec.js';
import type { CaseDef } from '../types.js';
import { deriveAuth } from './auth.js';
import { deriveCursors } from './cursors.js';
import { deriveEnums } from './enums.js';
import { deriveErrors } from './errors.js';
import { deriveIsolation } from './isolation.js';
import { deriveLimits } from './limits.js';
import { deriveNdjson } from './ndjson.js';
import { deriveRateLimits } from './rate-limits.js';
import { deriveScopes } from './scopes.js';

/** Every case the spec and profile imply, in a stable order. Conformance cases come from the recorder. */
export function deriveCases(model: ApiModel, profile: ApiProfile): CaseDef[] {
  return [
    ...deriveAuth(model, profile),
    ...deriveScopes(model, profile),
    ...deriveLimits(model, profile),
    ...deriveEnums(model, profile),
    ...deriveCursors(model, profile),
    ...deriveErrors(model, profile),
    ...deriveIsolation(model, profile),
    ...deriveRateLimits(model, profile),
    ...deriveNdjson(model, profile),
    ...(profile.extraCases?.(model, profile) ?? []),
  ];
}
