import { basename } from 'node:path';
import { bundleSpec } from '../bundle.js';
import { readApis } from '../config.js';
import { asArray, asObject, type JsonObject } from '../diff/resolve.js';
import { repoRoot, UsageError } from '../git.js';
import { driftBetween } from './compare.js';
import { loadOtherDocument } from './load.js';
import type { DriftReport } from './report.js';

export interface DriftOptions {
  cwd: string;
  against: string;
  api: string | undefined;
  as: string | undefined;
}

const hostsOf = (doc: JsonObject): Set<string> => {
  const hosts = new Set<string>();
  const add = (servers: unknown) => {
    for (const server of asArray(servers)) {
      try {
        hosts.add(new URL(String(asObject(server).url)).host);
      } catch {
        // a relative or templated server URL names no host
      }
    }
  };
  add(doc.servers);
  for (const item of Object.values(asObject(doc.paths))) add(asObject(item).servers);
  return hosts;
};

/** Which x-sources entry the other document is: named with --as, else matched by URL or file name. */
function sourceIdOf(ours: JsonObject, location: string, explicit: string | undefined): string | undefined {
  const sources = asObject(ours['x-sources']);
  if (explicit !== undefined) {
    if (!(explicit in sources)) throw new UsageError(`--as ${explicit} is not an id of the spec's x-sources (${Object.keys(sources).join(', ')}).`);
    return explicit;
  }
  const name = basename(location.split(/[?#]/)[0] ?? location);
  for (const [id, entry] of Object.entries(sources)) {
    for (const key of ['url', 'mirror']) {
      const url = String(asObject(entry)[key] ?? '');
      if (url && (url === location || basename(url) === name)) return id;
    }
  }
  return undefined;
}

export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  const root = await repoRoot(options.cwd);
  const apis = readApis(root);
  if (!apis || apis.length === 0) throw new UsageError(`No APIs declared in ${root}/redocly.yaml.`);
  const { doc: theirs, name } = await loadOtherDocument(options.against, options.cwd);

  let entry = options.api ? apis.find((api) => api.name === options.api) : undefined;
  if (options.api && !entry) throw new UsageError(`--api ${options.api} is not declared in redocly.yaml (${apis.map((api) => api.name).join(', ')}).`);
  const bundles = new Map<string, JsonObject>();
  if (!entry) {
    const theirHosts = hostsOf(theirs);
    const matches: string[] = [];
    for (const api of apis) {
      const bundled = await bundleSpec(root, api.root);
      bundles.set(api.name, bundled);
      if ([...hostsOf(bundled)].some((host) => theirHosts.has(host))) matches.push(api.name);
    }
    if (matches.length !== 1) {
      throw new UsageError(`cannot tell which API ${name} describes (${matches.length ? `servers match ${matches.join(', ')}` : 'no server host matches'}); name it with --api <${apis.map((api) => api.name).join('|')}>.`);
    }
    entry = apis.find((api) => api.name === matches[0]);
  }
  const ours = bundles.get(entry!.name) ?? (await bundleSpec(root, entry!.root));
  const againstSource = sourceIdOf(ours, options.against, options.as);
  const drifts = driftBetween(ours, theirs, againstSource ? { againstSource } : {});
  return {
    api: entry!.name,
    against: name,
    againstSource,
    disagreements: drifts.filter((d) => d.verdict === 'disagreement'),
    assumptions: drifts.filter((d) => d.verdict === 'assumption'),
    otherSources: drifts.filter((d) => d.verdict === 'other-source'),
  };
}
