import { callWithBody, queryCredentialUrl, type RequestOptions } from '@apiforge/client-core';
import { submitReplayBatch } from './generated/sdk.gen.js';
import { submitReplayBatchMeta as SUBMIT } from './generated/spec-meta.gen.js';
import { LucentIngestClientBase } from './generated/resources.gen.js';
import type { LucentIngestClientOptions } from './generated/operations.gen.js';
import { ReplayBatcher, type ReplayBatcherOptions } from './replay-batcher.js';

/** Per-call options of a replay submit; `gzip` overrides the client's setting for this call. */
export type SubmitOptions = RequestOptions;

/** Lucent Ingest API: session replay batches, authenticated with a public key (`replay.submit` is generated). */
export class LucentIngestClient extends LucentIngestClientBase {
  readonly #options: LucentIngestClientOptions;
  readonly #beaconUrl: string | undefined;

  constructor(options: LucentIngestClientOptions = {}) {
    super(options);
    this.#options = options;
    // sendBeacon cannot set headers: the spec's query form of the key.
    this.#beaconUrl = SUBMIT.queryCredentialParam ? queryCredentialUrl(this.connection, SUBMIT.path, SUBMIT.queryCredentialParam) : undefined;
  }

  /**
   * A batcher for one session: buffers rrweb events and sends them in numbered batches (see
   * ReplayBatcherOptions for the thresholds and delivery rules).
   */
  createBatcher(options: ReplayBatcherOptions): ReplayBatcher {
    const connection = this.connection;
    const beaconUrl = this.#beaconUrl;
    const retry = this.#options.retry;
    return new ReplayBatcher(
      {
        // The batcher serialized the events once to measure them; the call reuses that JSON.
        submit: (batch, json, requestOptions) => callWithBody(connection, 'submitReplayBatch', SUBMIT, submitReplayBatch, { body: batch }, requestOptions, undefined, json),
        beaconUrl: () => beaconUrl,
      },
      options,
      {
        maxRetries: this.#options.maxRetries,
        initialRetryDelayMs: retry?.initialRetryDelayMs,
        maxBackoffMs: retry?.maxBackoffMs,
        maxRetryDelayMs: retry?.maxRetryDelayMs,
        onRetry: retry?.onRetry,
      },
    );
  }
}
