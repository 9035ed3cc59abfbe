import {
  createSdkClient,
  normalizeBaseUrl,
  OperationCaller,
  operationCallerOf,
  OperationTransports,
  paginateBySpec,
  type CallOptions,
  type OperationClient,
  type Paginated,
} from '@apiforge/client-core';
import { assertApiKey, assertWorkspaceId, type LuluDeskClientOptions } from './config.js';
import {
  getInsights as generatedGetInsights,
  getUsage as generatedGetUsage,
  listConversations as generatedListConversations,
  listHandoffs as generatedListHandoffs,
  listKnowledgeSources as generatedListKnowledgeSources,
} from './generated/sdk.gen.js';
import { DEFAULT_SERVER_URL, OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
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
import { OPERATIONS } from './operations.js';

/**
 * The Insights API as standalone functions, one per operation, for bundles that ship only what they
 * call: `import { createLuluDeskDataClient, getUsage } from '@apiforge/luludesk-client/operations'`.
 * LuluDeskClient's resources call these same functions, so both behave alike (retries, timeouts,
 * typed errors, pagination).
 */

export type ConversationListParams = NonNullable<ListConversationsData['query']>;
export type HandoffListParams = NonNullable<ListHandoffsData['query']>;
export type KnowledgeSourceListParams = NonNullable<ListKnowledgeSourcesData['query']>;

/**
 * `await list()` is the first page, `for await (const x of list())` every item across pages,
 * `list().pages()` page by page; nothing is requested until one of them is used.
 */
export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;

/**
 * One workspace's connection: key, workspace id, base URL, retry and timeout settings. The key lives
 * only in a closure inside it, never in a property. Only createLuluDeskDataClient makes one.
 */
export type LuluDeskDataClient = OperationClient;

/** Checks the key and workspace id (see LuluDeskClientOptions) and prepares the transport; sends nothing. */
export function createLuluDeskDataClient(options: LuluDeskClientOptions): LuluDeskDataClient {
  const apiKey = assertApiKey(options?.apiKey);
  const workspaceId = assertWorkspaceId(options.workspaceId);
  const baseUrl = normalizeBaseUrl(options.baseUrl, DEFAULT_SERVER_URL);
  return new OperationCaller<OperationId>({
    baseUrl,
    client: createSdkClient({ baseUrl, auth: () => apiKey }),
    // Read-only API: every operation is idempotent, so every call may be retried.
    transports: new OperationTransports<OperationId>(options, (id) => ({ idempotent: OPERATION_META[id].idempotent })),
    bindings: OPERATIONS,
    // Every path is under the workspace; no function takes its id.
    fixedPath: { id: workspaceId },
  });
}

/** Every list walks its pages the way its x-pagination says; one place for the three lists. */
function paginateOperation<Page extends object, Item, Params extends object>(
  client: LuluDeskDataClient,
  id: 'listConversations' | 'listHandoffs' | 'listKnowledgeSources',
  generated: Parameters<OperationCaller<OperationId>['call']>[1],
  params: Params,
  options: CallOptions | undefined,
): PageIterator<Page, Item, Params> {
  const caller = operationCallerOf<OperationId>(client);
  return paginateBySpec<Page, Item, Params>(OPERATION_META[id].pagination, params, (page) => caller.call<Page>(id, generated, [page], options));
}

/** Conversations, handoffs and messages of the current billing period (needs read:insights). */
export function getInsights(client: LuluDeskDataClient, options?: CallOptions): Promise<InsightsSummary> {
  return operationCallerOf<OperationId>(client).call('getInsights', generatedGetInsights, [], options);
}

/** Newest first (needs read:conversations). Iterating follows `pagination.next_cursor`. */
export function listConversations(
  client: LuluDeskDataClient,
  params: ConversationListParams = {},
  options?: CallOptions,
): PageIterator<ConversationList, Conversation, ConversationListParams> {
  return paginateOperation<ConversationList, Conversation, ConversationListParams>(client, 'listConversations', generatedListConversations, params, options);
}

/**
 * Newest first, optionally in one status (needs read:handoffs). Iterating sends the last handoff's
 * `created_at` as `before`; handoffs sharing that exact timestamp may fall between pages (strict `<`).
 */
export function listHandoffs(
  client: LuluDeskDataClient,
  params: HandoffListParams = {},
  options?: CallOptions,
): PageIterator<HandoffList, Handoff, HandoffListParams> {
  return paginateOperation<HandoffList, Handoff, HandoffListParams>(client, 'listHandoffs', generatedListHandoffs, params, options);
}

/** Messages used against the plan, and API spend against the cap (needs read:usage). */
export function getUsage(client: LuluDeskDataClient, options?: CallOptions): Promise<Usage> {
  return operationCallerOf<OperationId>(client).call('getUsage', generatedGetUsage, [], options);
}

/** Websites, documents and manual entries, newest first (needs read:knowledge). Iterating counts `page` up to `meta.total`. */
export function listKnowledgeSources(
  client: LuluDeskDataClient,
  params: KnowledgeSourceListParams = {},
  options?: CallOptions,
): PageIterator<KnowledgeSourceList, KnowledgeSource, KnowledgeSourceListParams> {
  return paginateOperation<KnowledgeSourceList, KnowledgeSource, KnowledgeSourceListParams>(client, 'listKnowledgeSources', generatedListKnowledgeSources, params, options);
}

export * from './errors.js';
export type { LuluDeskClientOptions } from './config.js';
export type { CallOptions as RequestOptions, RetryTuning } from '@apiforge/client-core';
export type {
  Conversation,
  ConversationList,
  Handoff,
  HandoffList,
  InsightsSummary,
  KnowledgeSource,
  KnowledgeSourceList,
  Usage,
} from './generated/types.gen.js';
