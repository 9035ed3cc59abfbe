import { createRandom, everyValueThenWeighted, type Random } from '../../engine/index.js';
import { ISSUE_STATUSES, type Insight, type Issue, type IssuePriority, type IssueStatus, type IssueTicket, type OrgSeed, type Signal } from './model.js';

export interface OrgSeedPlan {
  seed: number;
  issues: number;
  signals: number;
  insights: number;
  /** The organization's workspace name in its ticket system's URLs. */
  workspace: string;
}

/** What `POST /_sandbox/reset` restores. Counts are documented in the README. */
export const SEED_PLANS: Record<string, OrgSeedPlan> = {
  acme: { seed: 0xac3e, issues: 1050, signals: 120, insights: 150, workspace: 'acme' },
  globex: { seed: 0x910b, issues: 80, signals: 12, insights: 15, workspace: 'globex' },
};

const NEWEST = Date.parse('2026-02-24T10:32:19.066Z');
const COMPONENTS = ['Checkout button', 'Address autocomplete', 'Search results', 'Login form', 'Pricing toggle', 'Cart drawer', 'Coupon field', 'Image carousel', 'Signup modal', 'Order history table', 'Language picker', 'Payment sheet'];
const SYMPTOMS = ['does nothing', 'flashes empty before loading', 'hides the postcode field', 'freezes after a double tap', 'loses its input on back navigation', 'renders off-screen', 'throws on submit', 'loads for more than 8 s'];
const CONTEXTS = ['on Safari', 'on Android Chrome', 'on slow 3G', 'for logged-out users', 'in Firefox private mode', 'after a coupon is applied', 'on iPad', 'with a screen reader'];
const PAGES = ['checkout', 'cart', 'search', 'login', 'pricing', 'account/orders', 'product/42', 'signup'];
const PRIORITIES: ReadonlyArray<readonly [IssuePriority, number]> = [
  ['low', 3],
  ['medium', 4],
  ['high', 2],
  ['critical', 1],
];
const STATUS_WEIGHTS: ReadonlyArray<readonly [IssueStatus, number]> = ISSUE_STATUSES.map(
  (status) => [status, { unresolved: 45, ticket_created: 20, transient: 15, resolved: 20 }[status]] as const,
);
const TICKET_SYSTEMS = ['linear', 'jira'] as const;
const SIGNAL_PATTERNS = [
  ['Rage clicks', 'Sessions where the user clicks the same element three or more times within a second'],
  ['Dead clicks', 'Clicks on elements that change nothing on the page'],
  ['Error bursts', 'Sessions with three or more console errors within ten seconds'],
  ['Slow page loads', 'Page loads where the first contentful paint takes longer than four seconds'],
  ['U-turns', 'Users who leave a page and come back to the previous one within five seconds'],
  ['Form abandonment', 'Sessions that start filling in a form and leave without submitting it'],
  ['Scroll thrashing', 'Rapid scrolling up and down the same section several times'],
  ['Console errors', 'Any uncaught exception logged to the console'],
] as const;
const BACKFILL: ReadonlyArray<readonly [string | null, number]> = [
  ['completed', 6],
  [null, 2],
  ['running', 1],
  ['pending', 1],
  ['failed', 1],
];
const INTERVAL_HOURS = [1, 6, 24, 24, 168];

const iso = (ms: number): string => new Date(ms).toISOString();

/** Creation times, newest first, with runs of equal timestamps so the id tie-break decides the order. */
function creationTimes(random: Random, count: number): number[] {
  const times: number[] = [];
  let t = NEWEST;
  for (let i = 0; i < count; i++) {
    const forcedTie = i % 40 === 1 || i % 40 === 2;
    if (i > 0 && (forcedTie || random.chance(0.05))) {
      times.push(t);
      continue;
    }
    if (i > 0) t -= random.int(60_000, 6 * 3_600_000) + random.int(0, 999);
    times.push(t);
  }
  return times;
}

/** A linked ticket, as the sandbox invents one for an issue in `ticket_created`. */
export function ticketOf(workspace: string, number: number, system: (typeof TICKET_SYSTEMS)[number] = 'linear'): Required<IssueTicket> {
  const identifier = `LUC-${number}`;
  const url =
    system === 'linear' ? `https://linear.app/${workspace}/issue/${identifier}` : `https://${workspace}.atlassian.net/browse/${identifier}`;
  return { ticketProvider: system, ticketUrl: url, ticketIdentifier: identifier };
}

/** No ticket: the optional fields absent, or present and null (both are documented). */
function noTicket(random: Random): IssueTicket {
  return random.chance(0.5) ? {} : { ticketProvider: null, ticketUrl: null, ticketIdentifier: null };
}

function seedIssues(random: Random, plan: OrgSeedPlan): Issue[] {
  const times = creationTimes(random, plan.issues);
  return times.map((createdMs, i) => {
    const id = random.uuid();
    const status = everyValueThenWeighted(random, i, STATUS_WEIGHTS);
    const updated = status === 'unresolved' ? createdMs : createdMs + random.int(60_000, 3 * 86_400_000);
    const page = random.pick(PAGES);
    const component = random.pick(COMPONENTS);
    const symptom = random.pick(SYMPTOMS);
    const context = random.pick(CONTEXTS);
    // Lucent's analysis has not run yet on some issues: no description, steps or verdict.
    const analysed = i < ISSUE_STATUSES.length || random.chance(0.9);
    const ticket = status === 'ticket_created' ? ticketOf(plan.workspace, 1000 + i, random.pick(TICKET_SYSTEMS)) : noTicket(random);
    return {
      id,
      title: `${component} ${symptom} ${context}`,
      description: analysed
        ? `Users on the ${page} page find that the ${component.toLowerCase()} ${symptom} ${context}; most affected sessions end within a minute.`
        : null,
      status,
      priority: everyValueThenWeighted(random, i, PRIORITIES),
      previewUrl: random.chance(0.6) ? `https://app.lucenthq.com/previews/${id}.png` : null,
      createdAt: iso(createdMs),
      sessionCount: random.int(1, 400),
      ...ticket,
      stepsToReplicate:
        analysed && random.chance(0.85)
          ? `1. Open /${page} ${context}. 2. Use the ${component.toLowerCase()}. 3. See that it ${symptom}.`
          : null,
      aiVerified: analysed ? (random.chance(0.8) ? true : random.chance(0.5) ? false : null) : null,
      updatedAt: iso(updated),
    };
  });
}

function seedSignals(random: Random, plan: OrgSeedPlan): Signal[] {
  return creationTimes(random, plan.signals).map((createdMs, i) => {
    const matchCount = random.chance(0.2) ? 0 : random.int(1, 5000);
    const page = random.pick(PAGES);
    const [name, pattern] = random.pick(SIGNAL_PATTERNS);
    const signal: Signal = {
      id: random.uuid(),
      name: `${name} on ${page} #${i + 1}`,
      prompt: `${pattern}, on /${page}.`,
      status: random.chance(0.85) ? 'active' : 'paused',
      backfillStatus: everyValueThenWeighted(random, i, BACKFILL),
      createdAt: iso(createdMs),
      matchCount,
    };
    // lastMatchAt is optional: no match yet is null or absent.
    if (matchCount > 0) signal.lastMatchAt = iso(Math.min(NEWEST, createdMs + random.int(60_000, 30 * 86_400_000)));
    else if (random.chance(0.5)) signal.lastMatchAt = null;
    return signal;
  });
}

function seedInsights(random: Random, plan: OrgSeedPlan): Insight[] {
  return creationTimes(random, plan.insights).map((createdMs) => {
    const page = random.pick(PAGES);
    const hours = random.pick(INTERVAL_HOURS);
    const end = createdMs - random.int(0, 3_600_000);
    const share = random.int(5, 60);
    return {
      id: random.uuid(),
      createdAt: iso(createdMs),
      intervalStart: iso(end - hours * 3_600_000),
      intervalEnd: iso(end),
      sessionsCount: random.int(20, 5000),
      contentPreview: `Sessions that reach /${page} end ${share}% more often than in the previous ${hours === 1 ? 'hour' : hours === 168 ? 'week' : `${hours} hours`}; most of them leave right after the ${random.pick(COMPONENTS).toLowerCase()} ${random.pick(SYMPTOMS)}.`,
    };
  });
}

/** Deterministic data of one organization: the same plan always yields the same records. */
export function seedOrg(plan: OrgSeedPlan): OrgSeed {
  const random = createRandom(plan.seed);
  return { issues: seedIssues(random, plan), signals: seedSignals(random, plan), insights: seedInsights(random, plan) };
}
