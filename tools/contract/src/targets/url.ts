import type { ApiProfile, SeparateHost, TokenFixture } from '../profiles/types.js';
import type { Operation } from '../spec.js';
import { NotApplicable, type CaseDef, type Target } from '../types.js';

export interface UrlTargetOptions {
  url: string;
  profile: ApiProfile;
  allowWrites: boolean;
  env: NodeJS.ProcessEnv;
  /** Base URLs for the profile's separate hosts, by option name (`ingest-url`), from the command line. */
  hostUrls?: Partial<Record<SeparateHost['option'], string>>;
  /** Operations of the spec, to tell which ones live on a separate host. */
  operations: Operation[];
}

/** The base URL a URL target uses for a separate host, from its option or its variable; undefined when neither is set. */
export function separateHostUrl(host: SeparateHost, options: Pick<UrlTargetOptions, 'env' | 'hostUrls'>): string | undefined {
  return options.hostUrls?.[host.option] || options.env[host.env] || undefined;
}

/**
 * A live or staging deployment: tokens come from environment variables, writes only when allowed, and
 * every host from the target URL or an explicit option/variable — never the spec's production servers.
 */
export function urlTarget(options: UrlTargetOptions): Target & { tokenValue(token: TokenFixture): string } {
  const { url, profile, env } = options;
  const lacks: Target['lacks'] = {
    'rate-limits': 'not applicable on a live target: reaching the documented limit would throttle real credentials',
    'prefer-examples': 'not applicable on a live target: Prefer is a mock feature',
    'record-counts': 'not applicable on a live target: stored records are only countable through the sandbox control routes',
  };
  if (!options.allowWrites) lacks.writes = 'not applicable: live targets are read-only unless --allow-writes is given';

  // Where each operation on a server of its own goes for this target, or why it is not run.
  const hostOf = new Map<string, { url: string } | { missing: string }>();
  for (const op of options.operations) {
    const server = op.servers[0];
    if (!server) continue;
    const host = profile.liveEnv.hosts?.find((h) => h.server === server);
    const given = host ? separateHostUrl(host, options) : undefined;
    if (given) hostOf.set(op.id, { url: given });
    else if (host) {
      hostOf.set(op.id, {
        missing: `not applicable: ${op.id} lives on ${host.description}, whose URL for this target is not given (set ${host.env} or --${host.option}); nothing is sent to the spec's production server ${server}`,
      });
    } else {
      hostOf.set(op.id, { missing: `not applicable: the spec puts ${op.id} on its own server ${server} and the ${profile.api} profile names no option for this target's copy of it; nothing is sent to production` });
    }
  }
  const notices = [...new Set([...hostOf.values()].flatMap((h) => ('missing' in h ? [h.missing.replace(/^not applicable: /, '')] : [])))];
  const probeUrls = [url, ...new Set([...hostOf.values()].flatMap((h) => ('url' in h ? [h.url] : [])))];

  return {
    name: url,
    live: true,
    pacingScale: 1,
    probeUrls: [...new Set(probeUrls)],
    notices,
    baseUrl(op: Operation) {
      const host = hostOf.get(op.id);
      if (!host) return url;
      if ('missing' in host) throw new NotApplicable(host.missing);
      return host.url;
    },
    lacks,
    notApplicable(def: CaseDef) {
      const host = def.operationId ? hostOf.get(def.operationId) : undefined;
      return host && 'missing' in host ? host.missing : null;
    },
    tokenValue(token: TokenFixture) {
      const value = env[token.env];
      if (!value) throw new NotApplicable(`not applicable: set ${token.env} to the ${token.name} credential`);
      return value;
    },
    reset: async () => {},
    close: async () => {},
  };
}
