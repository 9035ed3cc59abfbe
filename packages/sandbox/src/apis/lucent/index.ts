import { defineApi } from '../../engine/index.js';
import { lucentCredentials } from './credentials.js';
import { lucentErrorReply } from './errors.js';
import { lucentHandlers } from './handlers.js';
import { loadLucentSpec } from './spec.js';
import { createLucentState, type LucentState } from './state.js';

export const lucent = defineApi<LucentState>({
  name: 'lucent',
  loadSpec: loadLucentSpec,
  credentials: lucentCredentials,
  createState: createLucentState,
  handlers: lucentHandlers,
  errorReply: lucentErrorReply,
  // Two hosts with different headers: the Data API documents Cache-Control on errors and X-RateLimit-*,
  // the ingest API neither (its 429 carries Retry-After only).
  engineHeaders: 'declared',
  controlRoutes: [
    {
      method: 'GET',
      name: 'sessions',
      description: 'Ingested replay sessions: accepted batches, events and whether the final batch arrived',
      handle: (state) => ({
        status: 200,
        body: {
          sessions: [...state.sessions.values()].map((s) => ({
            id: s.id,
            batches: s.batches,
            events: s.events,
            finalReceived: s.finalReceived,
          })),
        },
      }),
    },
  ],
});

export default lucent;
