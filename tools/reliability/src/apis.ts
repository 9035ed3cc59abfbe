import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiNames } from '@apiforge/sandbox';
import { indexSpec, type ApiModule, type Credential, type SpecIndex } from '@apiforge/sandbox/engine';

/** Every API the sandbox serves: the suite covers each one as soon as it is registered there. */
export const sandboxApis: readonly string[] = apiNames;

export interface LoadedApi {
  name: string;
  spec: SpecIndex;
  /** The sandbox module's fixture credentials (token → tenant, scopes, revoked). */
  credentials: ReadonlyMap<string, Credential>;
  /** The path parameter that names the tenant itself (e.g. a workspace id), when the module declares one. */
  tenantParam?: string;
}

type Registry = { loadApi(name: string): Promise<ApiModule<unknown>> };

let registry: Promise<Registry> | undefined;

/**
 * The sandbox's API registry. Its package exports only `startSandbox`, `apiNames` and the engine, so the
 * registry is imported from the built package by file URL: the credentials are then read from each API
 * module itself, never copied here.
 */
function sandboxRegistry(): Promise<Registry> {
  registry ??= (async () => {
    const packageJson = createRequire(import.meta.url).resolve('@apiforge/sandbox/package.json');
    const file = join(dirname(packageJson), 'dist', 'apis', 'index.js');
    return (await import(pathToFileURL(file).href)) as Registry;
  })();
  return registry;
}

const loaded = new Map<string, Promise<LoadedApi>>();

/** The API module's spec (the bundled `packages/<api>-openapi/dist/openapi.json`) and credentials. */
export function loadApi(name: string): Promise<LoadedApi> {
  let api = loaded.get(name);
  if (!api) {
    api = (async () => {
      const module = (await (await sandboxRegistry()).loadApi(name)) as ApiModule<unknown> & { tenantPath?: { param?: string } };
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
