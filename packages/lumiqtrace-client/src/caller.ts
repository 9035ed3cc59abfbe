import { toGeneratedArguments } from '@apiforge/client-core';
import { createClient, type Client } from './generated/client/index.js';
import { OPERATIONS, type OperationId } from './operations.js';
import type { RequestOptions, Transports } from './transports.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GeneratedOperation = (options: any) => Promise<unknown>;

export interface GeneratedCallExtras {
  bodySerializer?: (body: unknown) => unknown;
  headers?: Record<string, string>;
}

/** Runs generated operations with one credential, kept only in the auth callback's closure. */
export class OperationCaller {
  readonly #client: Client;
  readonly #transports: Transports;

  constructor(baseUrl: string, credential: string, transports: Transports) {
    this.#transports = transports;
    this.#client = createClient({ baseUrl, throwOnError: true, auth: () => credential });
  }

  async call<Result>(
    operationId: OperationId,
    operation: GeneratedOperation,
    args: readonly unknown[],
    options: RequestOptions | undefined,
    extras?: GeneratedCallExtras,
  ): Promise<Result> {
    const result = (await operation({
      client: this.#client,
      throwOnError: true,
      fetch: this.#transports.for(operationId, options),
      ...toGeneratedArguments(operationId, OPERATIONS[operationId], args),
      ...extras,
    })) as { data: Result };
    return result.data;
  }
}
