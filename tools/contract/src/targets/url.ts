import type { ApiProfile, TokenFixture } from '../profiles/types.js';
import type { Operation } from '../spec.js';
import { NotApplicable, type Target } from '../types.js';

export interface UrlTargetOptions {
  url: string;
  profile: ApiProfile;
  allowWrites: boolean;
  env: NodeJS.ProcessEnv;
}

/** A live or staging deployment: tokens come from environment variables, writes only when allowed. */
export function urlTarget(options: UrlTargetOptions): Target & { tokenValue(token: TokenFixture): string } {
  const { url, profile, env } = options;
  const lacks: Target['lacks'] = {
    'rate-limits': 'not applicable on a live target: reaching the documented limit would throttle real credentials',
    'prefer-examples': 'not applicable on a live target: Prefer is a mock feature',
    'record-counts': 'not applicable on a live target: stored records are only countable through the sandbox control routes',
  };
  if (!options.allowWrites) lacks.writes = 'not applicable: live targets are read-only unless --allow-writes is given';
  return {
    name: url,
    live: true,
    baseUrl(op: Operation) {
      const server = op.servers[0];
      if (!server) return url;
      const override = profile.liveEnv.serverOverrides?.[server];
      return (override && env[override]) || server;
    },
    lacks,
    notApplicable: () => null,
    tokenValue(token: TokenFixture) {
      const value = env[token.env];
      if (!value) throw new NotApplicable(`not applicable: set ${token.env} to the ${token.name} credential`);
      return value;
    },
    reset: async () => {},
    close: async () => {},
  };
}
