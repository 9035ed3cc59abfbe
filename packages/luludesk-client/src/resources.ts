import { paginateBySpec, type CallOptions, type OperationCaller, type Paginated } from '@apiforge/client-core';
import { getInsights, getUsage, listConversations, listHandoffs, listKnowledgeSources } from './generated/sdk.gen.js';
import { OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import type {
  Conversation,
  ConversationList,
  Handoff,
  HandoffList,
  InsightsSummary,
  KnowledgeSource,
  KnowledgeSourceList,
  ListConversationsData,
  ListHandoffsData,
  ListKnowledgeSourcesData,
  Usage,
} from './generated/types.gen.js';

export type ConversationListParams = NonNullable<ListConversationsData['query']>;
export type HandoffListParams = NonNullable<ListHandoffsData['query']>;
export type KnowledgeSourceListParams = NonNullable<ListKnowledgeSourcesData['query']>;

/**
 * `await list()` is the first page, `for await (const x of list())` every item across pages,
 * `list().pages()` page by page; nothing is requested until one of them is used.
 */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

type Caller = OperationCaller<OperationId>;

export class InsightsResource {
  readonly #caller: Caller;
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Conversations, handoffs and messages of the current billing period (needs read:insights). */
  get(options?: CallOptions): Promise<InsightsSummary> {
    return this.#caller.call('getInsights', getInsights, [], options);
  }
}

export class ConversationsResource {
  readonly #caller: Caller;
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Newest first (needs read:conversations). Iterating follows `pagination.next_cursor`. */
  list(params: ConversationListParams = {}, options?: CallOptions): PageIterator<ConversationList, Conversation, ConversationListParams> {
    return paginateBySpec(OPERATION_META.listConversations.pagination, params, (page) =>
      this.#caller.call<ConversationList>('listConversations', listConversations, [page], options),
    );
  }
}

export class HandoffsResource {
  readonly #caller: Caller;
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * Newest first, optionally in one status (needs read:handoffs). Iterating sends the last handoff's
   * `created_at` as `before`; handoffs sharing that exact timestamp may fall between pages (strict `<`).
   */
  list(params: HandoffListParams = {}, options?: CallOptions): PageIterator<HandoffList, Handoff, HandoffListParams> {
    return paginateBySpec(OPERATION_META.listHandoffs.pagination, params, (page) =>
      this.#caller.call<HandoffList>('listHandoffs', listHandoffs, [page], options),
    );
  }
}

export class UsageResource {
  readonly #caller: Caller;
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Messages used against the plan, and API spend against the cap (needs read:usage). */
  get(options?: CallOptions): Promise<Usage> {
    return this.#caller.call('getUsage', getUsage, [], options);
  }
}

export class KnowledgeSourcesResource {
  readonly #caller: Caller;
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Websites, documents and manual entries, newest first (needs read:knowledge). Iterating counts `page` up to `meta.total`. */
  list(
    params: KnowledgeSourceListParams = {},
    options?: CallOptions,
  ): PageIterator<KnowledgeSourceList, KnowledgeSource, KnowledgeSourceListParams> {
    return paginateBySpec(OPERATION_META.listKnowledgeSources.pagination, params, (page) =>
      this.#caller.call<KnowledgeSourceList>('listKnowledgeSources', listKnowledgeSources, [page], options),
    );
  }
}
