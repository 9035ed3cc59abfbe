import type { OperationInfo } from '@apiforge/sandbox/engine';
import type { LoadedApi } from './apis.js';
import { authorizedFor, withQuery } from './auth.js';
import type { HttpClient } from './http.js';
import { tableFor } from './table.js';

/** Parameter names compared loosely: projectId, project_id and project-id are one name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Real values for path and query parameters, learnt from the API itself: every string field of every
 * JSON answer is recorded under its (normalized) name, and the `id` of an object under `issues` or
 * `project` also as `issueId` / `projectId`. Tenant ids come from the credentials.
 */
export class ValuePool {
  /** normalized name → value → tenants whose answers contained it. */
  private readonly byName = new Map<string, Map<string, Set<string>>>();
  /** The path parameter naming the tenant: its candidates are the tenant ids, whatever else answers call `id`. */
  constructor(private readonly tenantParam?: string) {}

  add(name: string, value: string, tenant: string): void {
    let values = this.byName.get(normalizeName(name));
    if (!values) this.byName.set(normalizeName(name), (values = new Map()));
    const tenants = values.get(value);
    if (tenants) tenants.add(tenant);
    else if (values.size < 200) values.set(value, new Set([tenant]));
  }

  /** Values only this tenant's answers contained: another tenant must never see them. */
  ownedBy(tenant: string): Set<string> {
    const owned = new Set<string>();
    for (const values of this.byName.values()) {
      for (const [value, tenants] of values) if (tenants.size === 1 && tenants.has(tenant)) owned.add(value);
    }
    return owned;
  }

  /**
   * Candidate values of a parameter with the tenant whose answer contained them. A parameter no answer
   * has named yet gets the tenant ids: it may name the tenant itself (e.g. a workspace id in the path).
   */
  candidates(param: string, options: { tenantFallback?: boolean } = {}): { value: string; tenant: string }[] {
    const found = param === this.tenantParam ? undefined : this.byName.get(normalizeName(param));
    const fallback = options.tenantFallback !== false ? this.byName.get('tenant') : undefined;
    const values = found && found.size > 0 ? found : (fallback ?? new Map<string, Set<string>>());
    return [...values].flatMap(([value, tenants]) => (tenants.size === 1 ? [...tenants].map((tenant) => ({ value, tenant })) : []));
  }

  record(body: unknown, tenant: string, parentKey = '', depth = 0): void {
    if (depth > 6 || body === null || typeof body !== 'object') return;
    if (Array.isArray(body)) {
      for (const item of body.slice(0, 50)) this.record(item, tenant, parentKey, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value === 'string' && value.length > 0 && value.length <= 200) {
        this.add(key, value, tenant);
        if (key === 'id' && parentKey) this.add(`${parentKey.replace(/s$/, '')}Id`, value, tenant);
      } else {
        this.record(value, tenant, key, depth + 1);
      }
    }
  }
}

/** Fills path parameters and required query parameters from the pool, for one tenant; undefined when a value is unknown. */
export function fillOperation(op: OperationInfo, pool: ValuePool, tenant: string): { path: string; query: Record<string, string> } | undefined {
  let path = op.path;
  const query: Record<string, string> = {};
  for (const param of op.parameters) {
    if (param.in !== 'path' && !(param.in === 'query' && param.required)) continue;
    const own = pool.candidates(param.name).find((c) => c.tenant === tenant);
    if (!own) return undefined;
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(own.value));
    else query[param.name] = own.value;
  }
  return { path, query };
}

/**
 * Learns real ids by calling every read operation (GET, no body) with a credential of each tenant, in
 * rounds, until no new operation becomes callable: list answers give the ids that detail paths need.
 */
export async function discoverValues(api: LoadedApi, http: HttpClient): Promise<ValuePool> {
  const pool = new ValuePool(api.tenantParam);
  const tenants = [...new Set([...api.credentials.values()].filter((c) => !c.revoked).map((c) => c.org))];
  for (const tenant of tenants) pool.add('tenant', tenant, tenant);
  for (const [param, perTenant] of Object.entries(tableFor(api.name).knownValues ?? {})) {
    for (const [tenant, values] of Object.entries(perTenant)) for (const value of values) pool.add(param, value, tenant);
  }
  const done = new Set<string>();
  for (let round = 0; round < 3; round++) {
    let progressed = false;
    for (const op of api.spec.operations) {
      if (op.method !== 'get') continue;
      for (const tenant of tenants) {
        const key = `${op.id} ${tenant}`;
        if (done.has(key)) continue;
        const auth = authorizedFor(api, op, tenant);
        const filled = fillOperation(op, pool, tenant);
        if (!auth || !filled) continue;
        const response = await http.send({ method: 'GET', path: withQuery(filled.path, { ...filled.query, ...auth.placed.query }), headers: auth.placed.headers });
        if (response.status !== 200) continue;
        done.add(key);
        progressed = true;
        try {
          const body = JSON.parse(response.body) as Record<string, unknown>;
          pool.record(body, tenant);
          // A next-page cursor is a value of the cursor parameter.
          const next = op.pagination ? body[op.pagination.nextCursorField] : undefined;
          if (op.pagination && typeof next === 'string') pool.add(op.pagination.cursorParam, next, tenant);
        } catch {
          // A non-JSON 200 teaches nothing here; the fuzz property judges it.
        }
      }
    }
    if (!progressed) break;
  }
  return pool;
}
