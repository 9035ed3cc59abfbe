import { createSdkClient, normalizeBaseUrl, OperationCaller, OperationTransports } from '@apiforge/client-core';
import { assertApiKey, assertWorkspaceId, type LuluDeskClientOptions } from './config.js';
import { DEFAULT_SERVER_URL, OPERATION_META, type OperationId } from './generated/spec-meta.gen.js';
import { OPERATIONS } from './operations.js';
import { ConversationsResource, HandoffsResource, InsightsResource, KnowledgeSourcesResource, UsageResource } from './resources.js';

/**
 * LuluDesk Insights API of one workspace: insights, conversations, handoffs, usage, knowledge sources.
 * Read-only, so every call may be retried.
 */
export class LuluDeskClient {
  readonly insights: InsightsResource;
  readonly conversations: ConversationsResource;
  readonly handoffs: HandoffsResource;
  readonly usage: UsageResource;
  readonly knowledgeSources: KnowledgeSourcesResource;
  /** Where requests go (no credential in it). */
  readonly baseUrl: string;
  readonly workspaceId: string;

  constructor(options: LuluDeskClientOptions) {
    const apiKey = assertApiKey(options?.apiKey);
    this.workspaceId = assertWorkspaceId(options.workspaceId);
    this.baseUrl = normalizeBaseUrl(options.baseUrl, DEFAULT_SERVER_URL);
    // client-core's minimal client for hey-api's generated functions; the key lives only in this
    // auth callback's closure, never on an object that could be logged.
    const client = createSdkClient({ baseUrl: this.baseUrl, auth: () => apiKey });
    const transports = new OperationTransports<OperationId>(options, (id) => ({ idempotent: OPERATION_META[id].idempotent }));
    const caller = new OperationCaller<OperationId>({ client, transports, bindings: OPERATIONS, fixedPath: { id: this.workspaceId } });
    this.insights = new InsightsResource(caller);
    this.conversations = new ConversationsResource(caller);
    this.handoffs = new HandoffsResource(caller);
    this.usage = new UsageResource(caller);
    this.knowledgeSources = new KnowledgeSourcesResource(caller);
  }
}
