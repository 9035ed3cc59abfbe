import { PayloadTooLargeError, gzipBytes, isGzipSupported, utf8ByteLength } from '@apiforge/client-core';
import { OperationCaller } from './caller.js';
import { normalizeBaseUrl } from '@apiforge/client-core/spec-client';
import { assertCredential, defaultBaseUrlFor, type LucentIngestClientOptions } from './config.js';
import { submitReplayBatch } from './generated/sdk.gen.js';
import { submitReplayBatchMeta } from './generated/spec-meta.gen.js';
import type { ReplayAccepted, ReplayBatch } from './generated/types.gen.js';
import { ReplayBatcher, type ReplayBatcherOptions, type ReplaySender } from './replay-batcher.js';
import { createTransports, type RequestOptions } from './retry.js';

export interface SubmitOptions extends RequestOptions {
  /** Overrides the client's gzip setting for this call. */
  gzip?: boolean | undefined;
}

const SUBMIT = submitReplayBatchMeta;

export class ReplayResource {
  readonly #caller: OperationCaller;
  readonly #gzip: boolean;

  constructor(caller: OperationCaller, gzip: boolean) {
    this.#caller = caller;
    this.#gzip = gzip;
  }

  /**
   * Sends one batch (gzip-compressed where CompressionStream exists). Batches
   * are idempotent per (session.id, replay.sequence), so failures are retried.
   */
  submit(batch: ReplayBatch, options?: SubmitOptions): Promise<ReplayAccepted> {
    return this.submitSerialized(batch, JSON.stringify(batch), options);
  }

  /** `json` must be `batch` serialized; lets the batcher reuse the events it serialized once. */
  async submitSerialized(batch: ReplayBatch, json: string, options?: SubmitOptions): Promise<ReplayAccepted> {
    const bytes = utf8ByteLength(json);
    if (SUBMIT.maxBodyBytes !== null && bytes > SUBMIT.maxBodyBytes) {
      throw new PayloadTooLargeError(
        `Replay batch is ${bytes} bytes of JSON; the ingest API accepts at most ${SUBMIT.maxBodyBytes}. Send fewer events per batch.`,
      );
    }
    const compressed = (options?.gzip ?? this.#gzip) ? await gzipBytes(new TextEncoder().encode(json)) : undefined;
    return this.#caller.call<ReplayAccepted>(SUBMIT, submitReplayBatch, { body: batch }, options, {
      bodySerializer: () => compressed ?? json,
      ...(compressed ? { headers: { 'Content-Encoding': 'gzip' } } : {}),
    });
  }
}

/** Lucent Ingest API: session replay batches, authenticated with a public key. */
export class LucentIngestClient {
  readonly replay: ReplayResource;
  /** Where batches go (no credential in it). */
  readonly ingestBaseUrl: string;
  readonly #sender: ReplaySender;
  readonly #options: LucentIngestClientOptions;

  constructor(options: LucentIngestClientOptions) {
    const publicKey = assertCredential('ingest', options?.publicKey);
    this.#options = options;
    this.ingestBaseUrl = normalizeBaseUrl(options.ingestBaseUrl, defaultBaseUrlFor('ingest'));
    const gzip = (options.gzip ?? true) && isGzipSupported();
    this.replay = new ReplayResource(new OperationCaller(this.ingestBaseUrl, publicKey, createTransports(options)), gzip);
    const beaconUrl = SUBMIT.queryCredentialParam
      ? `${this.ingestBaseUrl}${SUBMIT.path}?${SUBMIT.queryCredentialParam}=${encodeURIComponent(publicKey)}`
      : undefined;
    const replay = this.replay;
    this.#sender = {
      submit: (batch, json, requestOptions) => replay.submitSerialized(batch, json, requestOptions),
      beaconUrl: () => beaconUrl,
    };
  }

  /**
   * A batcher for one session: buffers rrweb events and sends them in numbered
   * batches (see ReplayBatcherOptions for the thresholds and delivery rules).
   */
  createBatcher(options: ReplayBatcherOptions): ReplayBatcher {
    return new ReplayBatcher(this.#sender, options, {
      maxRetries: this.#options.maxRetries,
      initialRetryDelayMs: this.#options.retry?.initialRetryDelayMs,
      maxBackoffMs: this.#options.retry?.maxBackoffMs,
      maxRetryDelayMs: this.#options.retry?.maxRetryDelayMs,
      onRetry: this.#options.retry?.onRetry,
    });
  }
}
