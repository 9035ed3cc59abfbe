import type { OperationBinding } from '@apiforge/client-core';
import type { OperationId } from './generated/spec-meta.gen.js';

/**
 * LumiqTrace's operations on the hand-written surface. The resources route their arguments through this
 * table (client-core's toGeneratedArguments) and `operationSamples` renders calls from it.
 */
export const OPERATIONS = {
  ingestEvents: { client: 'ingest', resource: '', method: 'send', args: [{ in: 'body', lines: true }], resultName: 'result' },
  exportOtelTraces: { client: 'ingest', resource: 'otel', method: 'export', args: [{ in: 'body' }], resultName: 'result' },
  listEvents: { client: 'data', resource: 'events', method: 'list', args: [{ in: 'query', optional: true }], resultName: 'page' },
  getTrace: {
    client: 'data',
    resource: 'traces',
    method: 'get',
    args: [{ in: 'path', name: 'traceId' }, { in: 'query', optional: true }],
    resultName: 'spans',
  },
  getProjectOverview: { client: 'data', resource: 'projects', method: 'overview', args: [{ in: 'path', name: 'id' }], resultName: 'overview' },
  getCosts: { client: 'data', resource: 'costs', method: 'get', args: [{ in: 'query', optional: true }], resultName: 'costs' },
  getPerformance: { client: 'data', resource: 'performance', method: 'get', args: [{ in: 'query', optional: true }], resultName: 'performance' },
} as const satisfies Record<OperationId, OperationBinding>;

export type { OperationId };
