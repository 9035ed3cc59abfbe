export const FIRST_WORKSPACE = '550e8400-e29b-41d4-a716-446655440000';
export const SECOND_WORKSPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

export const CONVERSATION_STATUSES = ['open', 'closed', 'handed_off'] as const;
export const HANDOFF_STATUSES = ['pending', 'accepted', 'resolved', 'rejected'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Field order follows the spec's schemas, so bodies read like its examples. */
export interface Conversation {
  id: string;
  workspace_id: string;
  started_at: string;
  ended_at: string | null;
  message_count: number;
  handoff_id: string | null;
  status: ConversationStatus;
}

export interface Handoff {
  id: string;
  workspace_id: string;
  conversation_id: string;
  status: HandoffStatus;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface KnowledgeSource {
  id: string;
  workspace_id: string;
  name: string;
  type: 'website' | 'document' | 'manual';
  url: string | null;
  chunk_count: number;
  status: 'ready' | 'crawling' | 'error' | 'pending';
  created_at: string;
  updated_at: string;
}

/** The current billing period and the plan's allowances; the sandbox clock is fixed inside it. */
export interface Period {
  start: string;
  end: string;
  /** "Now" for every computed figure, so answers never change between runs. */
  now: string;
  messagesLimit: number;
  costMicros: number;
  capMicros: number;
}

export interface WorkspaceSeed {
  id: string;
  conversations: Conversation[];
  handoffs: Handoff[];
  knowledgeSources: KnowledgeSource[];
  period: Period;
}
