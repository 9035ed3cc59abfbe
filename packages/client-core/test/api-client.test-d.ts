import { describe, expectTypeOf, it } from 'vitest';
import { readFixedPath, refuseOtherClients, type ClientDefinition } from '../src/index.js';

class KeyError extends TypeError {}
const core = {
  name: 'WidgetClient',
  envPrefix: 'WIDGET',
  baseUrl: { default: 'https://api.widgets.test', env: 'WIDGET_BASE_URL' },
  CredentialError: KeyError,
} as const;
const credential = { option: 'apiKey', env: 'WIDGET_API_KEY', label: 'a widget key', prefixes: ['wid_'] } as const;
const others = [{ client: 'WidgetIngestClient', label: 'an ingest key', prefixes: ['wpk_'] }] as const;
const fixedPath = { workspace: { option: 'workspaceId', env: 'WIDGET_WORKSPACE', label: 'a workspace id' } } as const;

describe('ClientDefinition', () => {
  it('takes fixedPath only with readFixedPath, and credential.others only with refuseOthers', () => {
    expectTypeOf({ ...core, credential }).toMatchTypeOf<ClientDefinition>();
    expectTypeOf({ ...core, credential, fixedPath, readFixedPath }).toMatchTypeOf<ClientDefinition>();
    expectTypeOf({ ...core, credential: { ...credential, others }, refuseOthers: refuseOtherClients }).toMatchTypeOf<ClientDefinition>();
    // A check the definition needs but does not reference would be skipped at run time.
    expectTypeOf({ ...core, credential, fixedPath }).not.toMatchTypeOf<ClientDefinition>();
    expectTypeOf({ ...core, credential: { ...credential, others } }).not.toMatchTypeOf<ClientDefinition>();
  });
});
