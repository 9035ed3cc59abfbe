import { createSdkClient, OperationCaller, type ClientTransportOptions } from '@apiforge/client-core';
import { OPERATIONS, type OperationId } from './operations.js';
import { createTransports } from './transports.js';

export type LumiqTraceCaller = OperationCaller<OperationId>;

/** Runs generated operations with one credential, kept only in the SDK client's auth callback. */
export function createCaller(baseUrl: string, credential: string, options: ClientTransportOptions): LumiqTraceCaller {
  return new OperationCaller<OperationId>({
    baseUrl,
    client: createSdkClient({ baseUrl, auth: () => credential }),
    transports: createTransports(options),
    bindings: OPERATIONS,
  });
}
