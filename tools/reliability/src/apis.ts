import { listApis, loadApi as loadSandboxApi } from '@apiforge/sandbox';
import { indexSpec, type ApiModule, type Credential, type SpecIndex } from '@apiforge/sandbox/engine';

/** Every API the sandbox serves: the suite covers each one as soon as it is registered there. */
export const sandboxApis: readonly string[] = listApis();

export interface LoadedApi {
  name: string;
  spec: SpecIndex;
  /** The sandbox module's fixture credentials (token → tenant, scopes, revoked). */
  credentials: ReadonlyMap<string, Credential>;
  /** The path parameter that names the tenant itself (e.g. a workspace id), when the module declares one. */
  tenantParam?: string;
}

const loaded = new Map<string, Promise<LoadedApi>>();

/** The API module's spec (the bundled `packages/<api>-openapi/dist/openapi.json`) and credentials, from the sandbox's registry. */
export function loadApi(name: string): Promise<LoadedApi> {
  let api = loaded.get(name);
  if (!api) {
    api = (async () => {
      const module = (await loadSandboxApi(name)) as ApiModule<unknown> & { tenantPath?: { param?: string } };
      const tenantParam = module.tenantPath?.param;
      return { name, spec: indexSpec(module.loadSpec()), credentials: module.credentials, ...(tenantParam ? { tenantParam } : {}) };
    })();
    loaded.set(name, api);
  }
  return api;
}

/** Live credentials with their tenant, for building requests. */
export function liveCredentials(api: LoadedApi): { token: string; tenant: string; scopes: readonly string[] }[] {
  return [...api.credentials]
    .filter(([, c]) => !c.revoked)
    .map(([token, c]) => ({ token, tenant: c.org, scopes: c.scopes }));
}
