import { sortInListOrder, type ApiEnvironment } from '../../engine/index.js';
import type { Conversation, Handoff, KnowledgeSource, Period } from './model.js';
import { SEED_PLANS, seedWorkspace } from './seed.js';

export interface WorkspaceData {
  id: string;
  /** Each list sorted in its documented order (read-only API: the order never changes). */
  conversations: Conversation[];
  /** Position of each conversation in `conversations`, to tell which page a cursor leads to. */
  conversationIndex: Map<string, number>;
  handoffs: Handoff[];
  knowledgeSources: KnowledgeSource[];
  period: Period;
}

export interface LuluDeskState {
  workspaces: Map<string, WorkspaceData>;
}

export function createLuluDeskState(env: ApiEnvironment): LuluDeskState {
  const workspaces = new Map<string, WorkspaceData>();
  for (const [id, plan] of Object.entries(SEED_PLANS)) {
    const seed = seedWorkspace(id, plan);
    const conversations = sortInListOrder(seed.conversations, env.orderOf('listConversations'));
    workspaces.set(id, {
      id,
      conversations,
      conversationIndex: new Map(conversations.map((c, i) => [c.id, i])),
      handoffs: sortInListOrder(seed.handoffs, env.orderOf('listHandoffs')),
      knowledgeSources: sortInListOrder(seed.knowledgeSources, env.orderOf('listKnowledgeSources')),
      period: seed.period,
    });
  }
  return { workspaces };
}

