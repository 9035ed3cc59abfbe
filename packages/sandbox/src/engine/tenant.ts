import type { Failure } from './api.js';
import type { AuthOutcome } from './auth.js';
import type { FaultSet } from './faults.js';
import type { CompiledParam, RawParam } from './params.js';

/** A path parameter that names the tenant (e.g. LuluDesk's `/workspaces/{id}`); credentials' `org` is its value. */
export interface TenantPath<State> {
  param: string;
  exists(state: State, id: string): boolean;
}

/**
 * For APIs that name the tenant in the path, the checks run in this order: a missing or malformed
 * credential (left to the caller), then the tenant (malformed → the parameter's invalid response,
 * unknown → `unknown-tenant`), then an unusable credential (the caller), then a credential of another
 * tenant (`foreign-tenant`; fault `tenant-leak` skips it), then scopes (the caller).
 */
export function tenantRefusal<State>(
  tenant: TenantPath<State>,
  param: CompiledParam,
  raw: RawParam,
  auth: AuthOutcome,
  state: State,
  faults: FaultSet,
): Failure | undefined {
  if (!auth.ok && auth.kind === 'unauthenticated' && auth.reason !== 'invalid') return undefined;
  const parsed = param.parse(raw);
  if (!parsed.ok) return { kind: 'invalid-parameter', param: param.info, invalid: [{ param: param.info, raw }] };
  const id = String(parsed.value);
  if (!tenant.exists(state, id)) return { kind: 'unknown-tenant', id };
  const principal = auth.ok ? auth.principal : auth.kind === 'forbidden' ? auth.principal : undefined;
  if (principal && principal.org !== id && !faults.has('tenant-leak')) return { kind: 'foreign-tenant', id };
  return undefined;
}
