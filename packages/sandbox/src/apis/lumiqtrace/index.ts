import { defineApi, loadBundledSpec } from '../../engine/index.js';
import { lumiqtraceCredentials } from './credentials.js';
import { lumiqtraceErrorReply } from './errors.js';
import { lumiqtraceHandlers } from './handlers.js';
import { createLumiqTraceState, monthKey, type LumiqTraceState } from './state.js';

export const lumiqtrace = defineApi<LumiqTraceState>({
  name: 'lumiqtrace',
  loadSpec: () => loadBundledSpec('@apiforge/lumiqtrace-openapi/openapi.json', '@apiforge/lumiqtrace-openapi'),
  credentials: lumiqtraceCredentials,
  createState: createLumiqTraceState,
  handlers: lumiqtraceHandlers,
  errorReply: lumiqtraceErrorReply,
  // Only headers the spec declares: LumiqTrace documents no Cache-Control, so its errors carry none.
  engineHeaders: 'declared',
  controlRoutes: [
    {
      method: 'GET',
      name: 'projects',
      description: 'Stored events per project, with ingest counters (accepted batches, new and duplicate events) and the monthly quota use',
      handle: (state) => {
        const month = monthKey(Date.now());
        return {
          status: 200,
          body: {
            projects: [...state.projects.values()].map((p) => {
              const org = state.orgs.get(p.org)!;
              return {
                id: p.id,
                organization: p.org,
                events: p.events.length,
                traces: p.byTrace.size,
                acceptedBatches: p.acceptedBatches,
                ingestedEvents: p.ingestedEvents,
                duplicateEvents: p.duplicateEvents,
                monthlyQuota: org.monthlyQuota,
                quotaUsed: org.usage.get(month) ?? 0,
              };
            }),
          },
        };
      },
    },
  ],
});

export default lumiqtrace;
