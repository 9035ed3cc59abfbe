import { createRandom, descendingTimes, everyValueThenWeighted, type Random } from '../../engine/index.js';
import {
  FIRST_WORKSPACE,
  SECOND_WORKSPACE,
  type Conversation,
  type Handoff,
  type HandoffStatus,
  type KnowledgeSource,
  type Period,
  type WorkspaceSeed,
} from './model.js';

export interface WorkspaceSeedPlan {
  seed: number;
  conversations: number;
  handoffs: number;
  knowledgeSources: number;
  period: Period;
}

const PERIOD = { start: '2026-05-01T00:00:00.000Z', end: '2026-05-31T00:00:00.000Z', now: '2026-05-17T09:00:00.000Z' };

/** What `POST /_sandbox/reset` restores. Counts are documented in the README. */
export const SEED_PLANS: Record<string, WorkspaceSeedPlan> = {
  [FIRST_WORKSPACE]: {
    seed: 0x1d1d,
    conversations: 312,
    handoffs: 120,
    knowledgeSources: 8,
    period: { ...PERIOD, messagesLimit: 3000, costMicros: 4_200_000, capMicros: 87_000_000 },
  },
  [SECOND_WORKSPACE]: {
    seed: 0x6ba7,
    conversations: 40,
    handoffs: 12,
    knowledgeSources: 3,
    period: { ...PERIOD, messagesLimit: 1000, costMicros: 310_000, capMicros: 30_000_000 },
  },
};

const MINUTE = 60_000;
const REASONS = [
  'Visitor asked for a refund on an annual plan.',
  'Question about a delivery address change.',
  'Visitor asked to speak to a person.',
  'Billing dispute over a duplicate charge.',
  'The assistant could not find the order.',
  null,
];
const SOURCES: Array<Pick<KnowledgeSource, 'name' | 'type' | 'status'> & { path?: string }> = [
  { name: 'Help Centre', type: 'website', status: 'ready', path: 'help' },
  { name: 'Returns policy', type: 'manual', status: 'ready' },
  { name: 'Product catalogue (PDF)', type: 'document', status: 'pending' },
  { name: 'Developer docs', type: 'website', status: 'crawling', path: 'docs' },
  { name: 'Shipping FAQ', type: 'manual', status: 'ready' },
  { name: 'Status page', type: 'website', status: 'error', path: 'status' },
  { name: 'Warranty terms (DOCX)', type: 'document', status: 'ready' },
  { name: 'Blog', type: 'website', status: 'ready', path: 'blog' },
];

const iso = (ms: number): string => new Date(ms).toISOString();

const HANDOFF_STATUS_WEIGHTS = [
  ['pending', 0.25],
  ['accepted', 0.2],
  ['resolved', 0.4],
  ['rejected', 0.15],
] as const satisfies ReadonlyArray<readonly [HandoffStatus, number]>;

function hexId(random: Random, prefix: string, digits: number, taken: Set<string>): string {
  for (;;) {
    let id = prefix;
    for (let i = 0; i < digits; i++) id += random.int(0, 15).toString(16);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function seedConversationsAndHandoffs(random: Random, workspace: string, plan: WorkspaceSeedPlan) {
  const ids = new Set<string>();
  const now = Date.parse(plan.period.now);
  const newest = now - 15 * MINUTE;
  const conversations: Conversation[] = descendingTimes(random, plan.conversations, { newest, minGapMs: 5 * MINUTE, maxGapMs: 4 * 60 * MINUTE, tieEvery: 25, tieChance: 0.04 }).map((started) => {
    const ended = started + random.int(1, 40) * MINUTE + random.int(0, 59_999);
    // Nothing ends after the sandbox's "now"; recent conversations may still be open.
    const open = ended > now || (started > newest - 3 * 60 * MINUTE && random.chance(0.5));
    const messages = random.int(1, 18);
    return {
      id: hexId(random, 'conv_', 8, ids),
      workspace_id: workspace,
      started_at: iso(started),
      ended_at: open ? null : iso(ended),
      message_count: messages,
      handoff_id: null,
      status: open ? 'open' : 'closed',
    };
  });

  // Every k-th conversation was handed off; handoff times are kept unique so a `before` walk sees them all.
  const step = plan.conversations / plan.handoffs;
  const handoffs: Handoff[] = [];
  const createdTimes = new Set<number>();
  for (let i = 0; i < plan.handoffs; i++) {
    const conversation = conversations[Math.floor(i * step)]!;
    const status = everyValueThenWeighted(random, i, HANDOFF_STATUS_WEIGHTS);
    let created = Date.parse(conversation.started_at) + random.int(1, 6) * MINUTE + random.int(0, 59_999);
    while (createdTimes.has(created)) created += 1;
    createdTimes.add(created);
    const settled = status === 'resolved' || status === 'rejected';
    const handoff: Handoff = {
      id: hexId(random, 'ho_', 6, ids),
      workspace_id: workspace,
      conversation_id: conversation.id,
      status,
      reason: random.pick(REASONS),
      created_at: iso(created),
      updated_at: status === 'pending' ? iso(created) : iso(Math.min(now, created + random.int(2, 90) * MINUTE)),
    };
    handoffs.push(handoff);
    conversation.handoff_id = handoff.id;
    conversation.status = settled ? 'closed' : 'handed_off';
    conversation.ended_at = settled ? handoff.updated_at : null;
  }
  return { conversations, handoffs, ids };
}

function seedKnowledgeSources(random: Random, workspace: string, plan: WorkspaceSeedPlan, ids: Set<string>): KnowledgeSource[] {
  let created = Date.parse(plan.period.now) - 2 * 86_400_000;
  return SOURCES.slice(0, plan.knowledgeSources).map((source) => {
    created -= random.int(1, 12) * 86_400_000 + random.int(0, 86_399) * 1000;
    return {
      id: hexId(random, 'ks_', 6, ids),
      workspace_id: workspace,
      name: source.name,
      type: source.type,
      url: source.path ? `https://${source.path}.example.com` : null,
      chunk_count: source.status === 'ready' ? random.int(3, 400) : source.status === 'crawling' ? random.int(0, 20) : 0,
      status: source.status,
      created_at: iso(created),
      updated_at: iso(created + random.int(0, 86_400) * 1000),
    };
  });
}

/** Deterministic data of one workspace: the same plan always yields the same records. */
export function seedWorkspace(id: string, plan: WorkspaceSeedPlan): WorkspaceSeed {
  const random = createRandom(plan.seed);
  const { conversations, handoffs, ids } = seedConversationsAndHandoffs(random, id, plan);
  return { id, conversations, handoffs, knowledgeSources: seedKnowledgeSources(random, id, plan, ids), period: plan.period };
}
