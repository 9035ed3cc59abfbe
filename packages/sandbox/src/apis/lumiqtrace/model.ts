/**
 * One stored event (span): an ingest line as sent, or an OTLP span as `POST /v1/otel` maps it. Only the
 * identity fields and the timestamp are always present (the spec's read-side `Event`): OTLP spans without
 * `gen_ai.*` attributes have no model or provider, and their `operation` is the span name. The object is
 * open, like the spec's: fields the sandbox does not read are kept and returned unchanged.
 */
export interface LqEvent {
  event_id: string;
  trace_id: string;
  span_id: string;
  parent_span_id?: string | null;
  timestamp: string;
  provider?: string;
  model?: string;
  operation?: string;
  span_kind?: string;
  latency_ms?: number;
  ttft_ms?: number;
  input_tokens?: number;
  output_tokens?: number;
  cached_tokens?: number;
  cost_usd?: number;
  status?: EventStatus;
  error_code?: string;
  error_message?: string;
  finish_reason?: string | string[];
  stream?: boolean;
  environment?: string;
  user_id?: string;
  session_id?: string;
  tags?: Record<string, string>;
  metadata?: Record<string, unknown>;
  prompt_hash?: string;
  delegation_reason?: string;
  sdk_version?: string;
  [field: string]: unknown;
}

export type EventStatus = 'success' | 'error' | 'timeout' | 'rate_limited' | 'cancelled';

/** LumiqTrace keeps at most this many characters of `error_message` (concepts page). */
export const ERROR_MESSAGE_MAX = 500;

/** An event with its position in the list order (timestamp as epoch ms, then event_id). */
export interface StoredEvent {
  event: LqEvent;
  ms: number;
}

export interface Organization {
  id: string;
  /** Events per calendar month (UTC); null = unlimited. */
  monthlyQuota: number | null;
  /** Accepted events per "YYYY-MM" (UTC) of the month they were ingested in. */
  usage: Map<string, number>;
}

export interface Project {
  id: string;
  org: string;
  /** Newest first: timestamp desc, then event_id desc. */
  events: StoredEvent[];
  eventIds: Set<string>;
  byTrace: Map<string, StoredEvent[]>;
  /** Counters of `POST /v1/ingest` and `POST /v1/otel`, for GET /_sandbox/projects. */
  acceptedBatches: number;
  ingestedEvents: number;
  duplicateEvents: number;
}
