import { createSdkClient, type SdkClient } from '@apiforge/client-core';
import type { Client } from './generated/client/index.js';
import type { GeneratedArguments } from './operations.js';
import { transportFor, type RequestOptions, type Transports } from './retry.js';

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
 *
 * The generated functions run on client-core's minimal SDK client rather than
 * hey-api's bundled fetch client: they only call `client.get/post/patch(...)`,
 * and the bundled client's interceptors, validators and server-sent events
 * cost a Request, two Headers per call and 9.5 kB a browser bundle never uses.
 */
export class OperationCaller {
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
  readonly #client: Client;
  readonly #transports: Transports;

  constructor(baseUrl: string, credential: string, transports: Transports) {
    this.baseUrl = baseUrl;
    this.#transports = transports;
    const client: SdkClient = createSdkClient({
      baseUrl,
      // hey-api lists every security scheme; answer only the header ones so a key
      // never lands in a URL (the ingest api_key query form is for sendBeacon only).
      auth: (scheme) => (scheme.in === 'query' ? undefined : credential),
    });
    // Structurally what the generated functions call; hey-api's Client type also lists its extras.
    this.#client = client as unknown as Client;
  }

  /** Runs `operation`; `meta` is its generated spec meta (whether it may be retried). */
  async call<Result>(
    meta: { readonly idempotent: boolean },
    operation: GeneratedOperation,
    args: GeneratedArguments,
    options: RequestOptions | undefined,
    extras?: GeneratedCallExtras,
  ): Promise<Result> {
    const result = (await operation({
      ...args,
      ...extras,
      client: this.#client,
      throwOnError: true,
      fetch: transportFor(this.#transports, meta.idempotent, options),
    })) as { data: Result };
    return result.data;
  }
}
