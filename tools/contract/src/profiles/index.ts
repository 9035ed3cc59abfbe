import { lucentProfile } from './lucent.js';
import { luludeskProfile } from './luludesk.js';
import { lumiqtraceProfile } from './lumiqtrace.js';
import type { ApiProfile } from './types.js';

const profiles: Record<string, ApiProfile> = { lucent: lucentProfile, luludesk: luludeskProfile, lumiqtrace: lumiqtraceProfile };

export function profileFor(api: string): ApiProfile {
  const profile = profiles[api];
  if (!profile) throw new Error(`No contract profile for API "${api}" (known: ${Object.keys(profiles).join(', ')})`);
  return profile;
}

export type { ApiProfile, TokenFixture, SeparateHost } from './types.js';

/** The APIs that have a profile. */
export const profileNames = (): string[] => Object.keys(profiles);
