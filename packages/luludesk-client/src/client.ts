import type { LuluDeskClientOptions } from './config.js';
import { createLuluDeskDataClient } from './operation-functions.js';
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
    // The same connection the `/operations` entry hands out; the key stays in its closure.
    const client = createLuluDeskDataClient(options);
    this.baseUrl = client.baseUrl;
    this.workspaceId = options.workspaceId; // checked by createLuluDeskDataClient
    this.insights = new InsightsResource(client);
    this.conversations = new ConversationsResource(client);
    this.handoffs = new HandoffsResource(client);
    this.usage = new UsageResource(client);
    this.knowledgeSources = new KnowledgeSourcesResource(client);
  }
}
