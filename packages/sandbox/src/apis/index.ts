import type { ApiModule } from '../engine/index.js';

/** Every API the sandbox can serve, loaded on demand so one API's spec is read only when it is used. */
const registry: Record<string, () => Promise<ApiModule<any>>> = {
  lucent: async () => (await import('./lucent/index.js')).lucent,
  lumiqtrace: async () => (await import('./lumiqtrace/index.js')).lumiqtrace,
  luludesk: async () => (await import('./luludesk/index.js')).luludesk,
};

export const apiNames: readonly string[] = Object.keys(registry);

export async function loadApi(name: string): Promise<ApiModule<any>> {
  const load = registry[name];
  if (!load) throw new Error(`Unknown API "${name}". Available: ${apiNames.join(', ')}`);
  return load();
}

/** Per API: the values of its seeded data an example request can name, by parameter name, for one tenant. */
const sampleRegistry: Record<string, () => Promise<(org: string) => Readonly<Record<string, string>>>> = {
  lucent: async () => (await import('./lucent/samples.js')).lucentSampleValues,
  lumiqtrace: async () => (await import('./lumiqtrace/samples.js')).lumiqtraceSampleValues,
  luludesk: async () => (await import('./luludesk/samples.js')).luludeskSampleValues,
};

export async function loadSampleValues(name: string, org: string): Promise<Readonly<Record<string, string>>> {
  const load = sampleRegistry[name];
  if (!load) throw new Error(`Unknown API "${name}". Available: ${apiNames.join(', ')}`);
  return (await load())(org);
}
