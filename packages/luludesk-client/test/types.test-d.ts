import { describe, expectTypeOf, it } from 'vitest';
import {
  LuluDeskClient,
  type Conversation,
  type ConversationList,
  type Handoff,
  type HandoffListParams,
  type InsightsSummary,
  type KnowledgeSource,
  type PageIterator,
  type Usage,
} from '../src/index.js';

const client = new LuluDeskClient({ apiKey: 'lld_x', workspaceId: '550e8400-e29b-41d4-a716-446655440000' });

describe('LuluDeskClient types', () => {
  it('returns the generated response types', () => {
    expectTypeOf(client.insights.get()).resolves.toEqualTypeOf<InsightsSummary>();
    expectTypeOf(client.usage.get()).resolves.toEqualTypeOf<Usage>();
    expectTypeOf(client.conversations.list()).toMatchTypeOf<PromiseLike<ConversationList>>();
    expectTypeOf(client.conversations.list()).toMatchTypeOf<AsyncIterable<Conversation>>();
    expectTypeOf(client.handoffs.list()).toMatchTypeOf<AsyncIterable<Handoff>>();
    expectTypeOf(client.knowledgeSources.list()).toMatchTypeOf<PageIterator<unknown, KnowledgeSource, unknown>>();
  });

  it('types the query parameters from the spec', () => {
    expectTypeOf<HandoffListParams['status']>().toEqualTypeOf<'pending' | 'accepted' | 'resolved' | 'rejected' | undefined>();
    // @ts-expect-error 'closed' is not a handoff status
    client.handoffs.list({ status: 'closed' });
    // @ts-expect-error conversations have no status filter
    client.conversations.list({ status: 'open' });
    // @ts-expect-error the workspace comes from the constructor, not the call
    client.usage.get({ id: 'x' });
    // workspaceId may come from LULUDESK_WORKSPACE_ID instead (checked at construction).
    new LuluDeskClient({ apiKey: 'lld_x' });
  });
});
