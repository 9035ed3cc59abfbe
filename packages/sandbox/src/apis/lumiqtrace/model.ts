/** One event (span) exactly as ingested or seeded: the fields of the spec's `Event` schema. */
export interface LqEvent {
  event_id: string;
  trace_id: string;
  span_id: string;
  parent_span_id?: string | null;
  timestamp: string;
  provider: 'openai' | 'anthropic' | 'google' | 'custom';
  model: string;
  operation: 'chat' | 'embed' | 'tool' | 'agent' | 'custom';
  span_kind?: string;
  latency_ms?: number;
  ttft_ms?: number;
  input_tokens?: number;
  output_tokens?: number;
  cached_tokens?: number;
  cost_usd?: number;
  status: EventStatus;
  error_code?: string;
  error_message?: string;
  finish_reason?: string;
  stream?: boolean;
  environment?: string;
  user_id?: string;
  session_id?: string;
  tags?: Record<string, string>;
  prompt_hash?: string;
  sdk_version?: string;
}

export type EventStatus = 'success' | 'error' | 'timeout' | 'rate_limited' | 'cancelled';

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
