import type { CallOptions } from '@apiforge/client-core';
import type {
  Conversation,
  ConversationList,
  Handoff,
  HandoffList,
  InsightsSummary,
  KnowledgeSource,
  KnowledgeSourceList,
  Usage,
} from './generated/types.gen.js';
import {
  getInsights,
  getUsage,
  listConversations,
  listHandoffs,
  listKnowledgeSources,
  type ConversationListParams,
  type HandoffListParams,
  type KnowledgeSourceListParams,
  type LuluDeskDataClient,
  type PageIterator,
} from './operation-functions.js';

export type { ConversationListParams, HandoffListParams, KnowledgeSourceListParams, PageIterator };

export class InsightsResource {
  readonly #client: LuluDeskDataClient;
  constructor(client: LuluDeskDataClient) {
    this.#client = client;
  }

  /** Conversations, handoffs and messages of the current billing period (needs read:insights). */
  get(options?: CallOptions): Promise<InsightsSummary> {
    return getInsights(this.#client, options);
  }
}

export class ConversationsResource {
  readonly #client: LuluDeskDataClient;
  constructor(client: LuluDeskDataClient) {
    this.#client = client;
  }

  /** Newest first (needs read:conversations). Iterating follows `pagination.next_cursor`. */
  list(params: ConversationListParams = {}, options?: CallOptions): PageIterator<ConversationList, Conversation, ConversationListParams> {
    return listConversations(this.#client, params, options);
  }
}

export class HandoffsResource {
  readonly #client: LuluDeskDataClient;
  constructor(client: LuluDeskDataClient) {
    this.#client = client;
  }

  /**
   * Newest first, optionally in one status (needs read:handoffs). Iterating sends the last handoff's
   * `created_at` as `before`; handoffs sharing that exact timestamp may fall between pages (strict `<`).
   */
  list(params: HandoffListParams = {}, options?: CallOptions): PageIterator<HandoffList, Handoff, HandoffListParams> {
    return listHandoffs(this.#client, params, options);
  }
}

export class UsageResource {
  readonly #client: LuluDeskDataClient;
  constructor(client: LuluDeskDataClient) {
    this.#client = client;
  }

  /** Messages used against the plan, and API spend against the cap (needs read:usage). */
  get(options?: CallOptions): Promise<Usage> {
    return getUsage(this.#client, options);
  }
}

export class KnowledgeSourcesResource {
  readonly #client: LuluDeskDataClient;
  constructor(client: LuluDeskDataClient) {
    this.#client = client;
  }

  /** Websites, documents and manual entries, newest first (needs read:knowledge). Iterating counts `page` up to `meta.total`. */
  list(
    params: KnowledgeSourceListParams = {},
    options?: CallOptions,
  ): PageIterator<KnowledgeSourceList, KnowledgeSource, KnowledgeSourceListParams> {
    return listKnowledgeSources(this.#client, params, options);
  }
}
