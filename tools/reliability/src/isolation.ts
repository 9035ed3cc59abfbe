import { createConformanceChecker, type OperationInfo } from '@apiforge/sandbox/engine';
import type { LoadedApi } from './apis.js';
import { authorizedFor, withQuery } from './auth.js';
import type { ValuePool } from './discovery.js';
import { exampleBody, serializeBody } from './examples.js';
import type { HttpClient, HttpResponse } from './http.js';

export interface IsolationAttempt {
  operation: string;
  actor: string;
  victim: string;
  request: string;
  status: number;
  problems: string[];
}

function tenantsOf(api: LoadedApi): string[] {
  return [...new Set([...api.credentials.values()].filter((c) => !c.revoked).map((c) => c.org))];
}

/**
 * The parameters of `op` that take another tenant's values: each variant puts the victim's value in one
 * parameter (the rest the actor's own), plus one variant with every such parameter the victim's.
 */
function variants(op: OperationInfo, pool: ValuePool, actor: string, victim: string): Map<string, string>[] {
  // Ids, keys and cursors: strings without an enum (a status filter value is no tenant's property).
  const params = op.parameters.filter((p) => (p.in === 'path' || p.in === 'query') && p.schema['enum'] === undefined && (p.schema['type'] ?? 'string') === 'string');
  const victimValue = new Map<string, string>();
  const actorValue = new Map<string, string>();
  for (const p of params) {
    const candidates = pool.candidates(p.name, { tenantFallback: p.in === 'path' });
    const theirs = candidates.find((c) => c.tenant === victim);
    const mine = candidates.find((c) => c.tenant === actor);
    if (theirs) victimValue.set(p.name, theirs.value);
    if (mine) actorValue.set(p.name, mine.value);
  }
  const foreign = [...victimValue.keys()];
  if (foreign.length === 0) return [];
  const result = [new Map(victimValue)];
  if (foreign.length > 1) {
    for (const name of foreign) {
      const mixed = new Map(actorValue);
      mixed.set(name, victimValue.get(name)!);
      result.push(mixed);
    }
  }
  // Path parameters without a foreign value keep the actor's own, so the request reaches the operation.
  for (const values of result) {
    for (const p of params) if (p.in === 'path' && !values.has(p.name) && actorValue.has(p.name)) values.set(p.name, actorValue.get(p.name)!);
  }
  return result.filter((values) => params.every((p) => p.in !== 'path' || values.has(p.name)));
}

function buildPath(op: OperationInfo, values: Map<string, string>, extraQuery: Record<string, string>): string {
  let path = op.path;
  const query: Record<string, string> = {};
  for (const p of op.parameters) {
    const value = values.get(p.name);
    if (value === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === 'query') query[p.name] = value;
  }
  return withQuery(path, { ...query, ...extraQuery });
}

/**
 * Every operation, called by each tenant with another tenant's ids (path ids, query ids, cursors): the
 * answer must be a documented refusal (4xx, conforming to the spec, never 401/429), carry none of the
 * other tenant's values beyond those in the request, and a write must leave the other tenant's record as it was.
 */
export async function probeIsolation(api: LoadedApi, http: HttpClient, pool: ValuePool): Promise<IsolationAttempt[]> {
  const checker = createConformanceChecker(api.spec.doc);
  const tenants = tenantsOf(api);
  const enums = enumValues(api.spec.doc);
  const attempts: IsolationAttempt[] = [];
  for (const op of api.spec.operations) {
    for (const actor of tenants) {
      const auth = authorizedFor(api, op, actor);
      if (!auth) continue;
      for (const victim of tenants.filter((t) => t !== actor)) {
        const victimOwned = pool.ownedBy(victim);
        for (const values of variants(op, pool, actor, victim)) {
          const path = buildPath(op, values, auth.placed.query);
          const body = exampleBody(api.spec.doc, op);
          const readBack = op.method !== 'get' ? victimReadBack(api, op, values, victim) : undefined;
          const before = readBack ? await http.send(readBack) : undefined;
          const res: HttpResponse = await http.send({
            method: op.method.toUpperCase(),
            path,
            headers: { ...auth.placed.headers, ...(body ? { 'content-type': body.contentType } : {}) },
            ...(body ? { body: serializeBody(body.value, body.ndjson) } : {}),
          });
          const problems = checker.check({ method: op.method, path, status: res.status, headers: res.headers, body: res.body });
          if (res.status < 400 || res.status === 401 || res.status === 405 || res.status === 429 || res.status >= 500) {
            problems.push(`expected a documented refusal, got ${res.status}`);
          }
          const leaked = [...victimOwned].filter((v) => v.length >= 4 && !enums.has(v) && res.body.includes(v) && !decodeURIComponent(path).includes(v));
          if (leaked.length > 0) problems.push(`answer contains ${victim}'s values: ${leaked.slice(0, 5).join(', ')}`);
          if (readBack && before) {
            const after = await http.send(readBack);
            if (after.body !== before.body) problems.push(`${victim}'s record changed: ${readBack.path}`);
          }
          if (process.env['RELIABILITY_VERBOSE']) console.log(`${op.method.toUpperCase()} ${path} as ${actor} -> ${res.status} ${res.body.slice(0, 160)}`);
          attempts.push({ operation: op.id, actor, victim, request: `${op.method.toUpperCase()} ${path}`, status: res.status, problems });
        }
      }
    }
  }
  return attempts;
}

/** The victim's own GET of the same path, to prove a refused write changed nothing. */
function victimReadBack(api: LoadedApi, op: OperationInfo, values: Map<string, string>, victim: string) {
  const read = api.spec.operations.find((o) => o.method === 'get' && o.path === op.path);
  const auth = read ? authorizedFor(api, read, victim) : undefined;
  if (!read || !auth) return undefined;
  return { method: 'GET', path: buildPath(read, values, auth.placed.query), headers: auth.placed.headers };
}

/** Every enum string of the spec: values any tenant may see. */
function enumValues(doc: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' && Array.isArray(value)) value.forEach((v) => typeof v === 'string' && found.add(v));
        else walk(value);
      }
    }
  };
  walk(doc);
  return found;
}
