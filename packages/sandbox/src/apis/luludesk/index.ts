import { defineApi, loadBundledSpec } from '../../engine/index.js';
import { luludeskCredentials } from './credentials.js';
import { luludeskErrorReply } from './errors.js';
import { luludeskHandlers } from './handlers.js';
import { createLuluDeskState, type LuluDeskState } from './state.js';

export const luludesk = defineApi<LuluDeskState>({
  name: 'luludesk',
  loadSpec: () => loadBundledSpec('@apiforge/luludesk-openapi/openapi.json', '@apiforge/luludesk-openapi'),
  credentials: luludeskCredentials,
  createState: createLuluDeskState,
  handlers: luludeskHandlers,
  errorReply: luludeskErrorReply,
  // Every path is /api/v1/workspaces/{id}/…: the workspace is checked between "no key" and "bad key".
  tenantPath: { param: 'id', exists: (state, id) => state.workspaces.has(id) },
  // The spec's cursor pattern is base64url only (no "." separator).
  cursorFormat: 'compact',
});

export default luludesk;
