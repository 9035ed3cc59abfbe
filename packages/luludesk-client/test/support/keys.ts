/** The sandbox's documented LuluDesk keys and workspaces (packages/sandbox README). */
export const FIRST = '550e8400-e29b-41d4-a716-446655440000';
export const SECOND = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
export const KEYS = {
  all: 'lld_0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a',
  usageOnly: 'lld_0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
  revoked: 'lld_0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c',
  second: 'lld_0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d',
} as const;
