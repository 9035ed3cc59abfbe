import { paginate, type Handler, type RequestContext } from '../../engine/index.js';
import { invalidParamsReply } from './errors.js';
import type { Conversation, HandoffStatus } from './model.js';
import type { LuluDeskState, WorkspaceData } from './state.js';

type Ctx = RequestContext<LuluDeskState>;

/** The workspace named in the path; the engine has already refused unknown ones and foreign keys. */
function workspaceOf(ctx: Ctx): WorkspaceData {
  const id = String(ctx.params['id']);
  const workspace = ctx.state.workspaces.get(id);
  if (!workspace) throw new Error(`No data for workspace ${id}`);
  return workspace;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

function periodFigures(workspace: WorkspaceData) {
  const { start, end } = workspace.period;
  const inPeriod = (at: string) => at >= start && at < end;
  const conversations = workspace.conversations.filter((c) => inPeriod(c.started_at));
  const handoffs = workspace.handoffs.filter((h) => inPeriod(h.created_at));
  return {
    conversations: conversations.length,
    messages: conversations.reduce((sum, c) => sum + c.message_count, 0),
    handoffs: handoffs.length,
    pending: handoffs.filter((h) => h.status === 'pending').length,
    resolved: handoffs.filter((h) => h.status === 'resolved').length,
  };
}

const getInsights: Handler<LuluDeskState> = (ctx) => {
  const workspace = workspaceOf(ctx);
  const { period } = workspace;
  const figures = periodFigures(workspace);
  return {
    status: 200,
    body: {
      data: {
        conversations: { total: figures.conversations, period_start: period.start, period_end: period.end },
        handoffs: { total: figures.handoffs, pending: figures.pending, resolved: figures.resolved },
        messages: { total: figures.messages, limit: period.messagesLimit },
      },
      workspace_id: workspace.id,
      meta: { generated_at: period.now, period_type: 'billing_period' },
    },
  };
};

const getUsage: Handler<LuluDeskState> = (ctx) => {
  const workspace = workspaceOf(ctx);
  const { period } = workspace;
  const used = periodFigures(workspace).messages;
  return {
    status: 200,
    body: {
      data: {
        messages_used: used,
        messages_limit: period.messagesLimit,
        messages_utilisation: period.messagesLimit === 0 ? 0 : round(used / period.messagesLimit, 3),
        period_start: period.start,
        period_end: period.end,
        cost_micros: period.costMicros,
        cap_micros: period.capMicros,
        pct_used: period.capMicros === 0 ? 0 : round((period.costMicros / period.capMicros) * 100, 2),
      },
      workspace_id: workspace.id,
      meta: { period_type: 'billing_period' },
    },
  };
};

/**
 * Page numbers and keyset cursors over one sorted list. A cursor (bound to the operation and the
 * workspace) wins over `page`; the page it leads to is reported back.
 */
const listConversations: Handler<LuluDeskState> = (ctx) => {
  const workspace = workspaceOf(ctx);
  const { conversations } = workspace;
  const pagination = ctx.op.pagination!;
  const order = ctx.env.orderOf(ctx.op.id);
  const limit = ctx.params['limit'] as number;
  const cursor = ctx.params[pagination.cursorParam] as string | undefined;
  const binding = JSON.stringify([ctx.op.id, workspace.id]);
  let items: Conversation[];
  let nextCursor: string | null;
  let page: number;
  if (cursor !== undefined) {
    const result = paginate({ sorted: conversations, order, limit, cursor, binding, codec: ctx.env.cursors });
    if (!result.ok) {
      const param = ctx.op.parameters.find((p) => p.name === pagination.cursorParam)!;
      return invalidParamsReply(ctx.op, [{ param, raw: cursor }]);
    }
    items = result.items;
    nextCursor = result.nextCursor;
    const start = items[0] ? workspace.conversationIndex.get(items[0].id)! : conversations.length;
    page = Math.floor(start / limit) + 1;
  } else {
    page = ctx.params['page'] as number;
    const start = (page - 1) * limit;
    items = conversations.slice(start, start + limit);
    const last = items[items.length - 1];
    nextCursor = last && start + limit < conversations.length ? ctx.env.cursors.encode(binding, order.keyOf(last as never)) : null;
  }
  return {
    status: 200,
    body: {
      data: items,
      pagination: { page, limit, total: conversations.length, has_more: nextCursor !== null, next_cursor: nextCursor },
    },
  };
};

/** Newest first; `before` keeps only handoffs created strictly earlier (no cursor to sign). */
const listHandoffs: Handler<LuluDeskState> = (ctx) => {
  const workspace = workspaceOf(ctx);
  const status = ctx.params['status'] as HandoffStatus | undefined;
  const limit = ctx.params['limit'] as number;
  const before = ctx.params['before'] as string | undefined;
  const beforeMs = before === undefined ? Infinity : Date.parse(before);
  const data = [];
  let hasMore = false;
  for (const handoff of workspace.handoffs) {
    if ((status && handoff.status !== status) || Date.parse(handoff.created_at) >= beforeMs) continue;
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    data.push(handoff);
  }
  return { status: 200, body: { data, workspace_id: workspace.id, meta: { limit, has_more: hasMore } } };
};

const listKnowledgeSources: Handler<LuluDeskState> = (ctx) => {
  const workspace = workspaceOf(ctx);
  const page = ctx.params['page'] as number;
  const limit = ctx.params['limit'] as number;
  const start = (page - 1) * limit;
  return {
    status: 200,
    body: {
      data: workspace.knowledgeSources.slice(start, start + limit),
      workspace_id: workspace.id,
      meta: { total: workspace.knowledgeSources.length, page, limit },
    },
  };
};

export const luludeskHandlers: Record<string, Handler<LuluDeskState>> = {
  getInsights,
  listConversations,
  listHandoffs,
  getUsage,
  listKnowledgeSources,
};
