import { createClient, type Client } from './generated/client/index.js';
import type { OperationId } from './generated/spec-meta.gen.js';
import { toGeneratedArguments } from './operations.js';
import type { RequestOptions, Transports } from './retry.js';

/** Any generated operation function, seen from the caller: options in, `{ data }` out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GeneratedOperation = (options: any) => Promise<unknown>;

/** Extra options for the generated call (body serializer, headers). */
export interface GeneratedCallExtras {
  bodySerializer?: (body: unknown) => unknown;
  headers?: Record<string, string>;
}

/**
 * Runs generated operations for one host with one credential. The credential
 * lives only in the auth callback's closure: it is never stored on an object
 * that could be logged or serialised.
 */
export class OperationCaller {
  readonly #client: Client;
  readonly #transports: Transports;

  constructor(baseUrl: string, credential: string, transports: Transports) {
    this.#transports = transports;
    this.#client = createClient({
      baseUrl,
      throwOnError: true,
      // hey-api applies every listed security scheme; answer only the header ones so a key
      // never lands in a URL (the ingest api_key query form is for sendBeacon only).
      auth: (auth) => (auth.in === 'query' ? undefined : credential),
    });
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
      ...toGeneratedArguments(operationId, args),
      ...extras,
    })) as { data: Result };
    return result.data;
  }
}
