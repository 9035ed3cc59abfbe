import { createRandom, type Random } from '../../engine/index.js';
import { ISSUE_STATUSES, type Insight, type Issue, type IssueSeverity, type IssueStatus, type OrgSeed, type Signal } from './model.js';

export interface OrgSeedPlan {
  seed: number;
  issues: number;
  signals: number;
  insights: number;
  shopHost: string;
}

/** What `POST /_sandbox/reset` restores. Counts are documented in the README. */
export const SEED_PLANS: Record<string, OrgSeedPlan> = {
  acme: { seed: 0xac3e, issues: 1050, signals: 120, insights: 150, shopHost: 'shop.acme.example' },
  globex: { seed: 0x910b, issues: 80, signals: 12, insights: 15, shopHost: 'store.globex.example' },
};

const NEWEST = Date.parse('2026-02-24T10:32:19.066Z');
const COMPONENTS = ['Checkout button', 'Address autocomplete', 'Search results', 'Login form', 'Pricing toggle', 'Cart drawer', 'Coupon field', 'Image carousel', 'Signup modal', 'Order history table', 'Language picker', 'Payment sheet'];
const SYMPTOMS = ['does nothing', 'flashes empty before loading', 'hides the postcode field', 'freezes after a double tap', 'loses its input on back navigation', 'renders off-screen', 'throws on submit', 'loads for more than 8 s'];
const CONTEXTS = ['on Safari', 'on Android Chrome', 'on slow 3G', 'for logged-out users', 'in Firefox private mode', 'after a coupon is applied', 'on iPad', 'with a screen reader'];
const PAGES = ['checkout', 'cart', 'search', 'login', 'pricing', 'account/orders', 'product/42', 'signup'];
const SEVERITIES: IssueSeverity[] = ['low', 'medium', 'high', 'critical'];
const SIGNAL_NAMES = ['Rage clicks', 'Dead clicks', 'Error bursts', 'Slow page loads', 'U-turns', 'Form abandonment', 'Scroll thrashing', 'Console errors'];
const INSIGHT_CATEGORIES: Insight['category'][] = ['usability', 'performance', 'error', 'conversion'];

const iso = (ms: number): string => new Date(ms).toISOString();

function sessionId(random: Random): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = 's_01';
  for (let i = 0; i < 24; i++) id += alphabet[random.int(0, alphabet.length - 1)];
  return id;
}

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

function status(random: Random, index: number): IssueStatus {
  if (index < ISSUE_STATUSES.length) return ISSUE_STATUSES[index]!;
  const roll = random.next();
  return roll < 0.45 ? 'unresolved' : roll < 0.65 ? 'ticket_created' : roll < 0.8 ? 'transient' : 'resolved';
}

function seedIssues(random: Random, plan: OrgSeedPlan): Issue[] {
  const times = creationTimes(random, plan.issues);
  return times.map((createdMs, i) => {
    const id = random.uuid();
    const issueStatus = status(random, i);
    const firstSeen = createdMs - random.int(60_000, 5 * 86_400_000);
    const lastSeen = createdMs - random.int(0, 60_000);
    const updated = issueStatus === 'unresolved' ? createdMs : createdMs + random.int(60_000, 3 * 86_400_000);
    const sessions = random.int(1, 400);
    const page = random.pick(PAGES);
    const component = random.pick(COMPONENTS);
    const symptom = random.pick(SYMPTOMS);
    return {
      id,
      title: `${component} ${symptom} ${random.pick(CONTEXTS)}`,
      status: issueStatus,
      severity: random.pick(SEVERITIES),
      sessionCount: sessions,
      userCount: random.int(1, sessions),
      firstSeenAt: iso(firstSeen),
      lastSeenAt: iso(lastSeen),
      createdAt: iso(createdMs),
      updatedAt: iso(updated),
      url: `https://app.lucenthq.com/issues/${id}`,
      summary: `Users on the ${page} page find that the ${component.toLowerCase()} ${symptom}; most affected sessions end within a minute.`,
      affectedPages: [`https://${plan.shopHost}/${page}`, `https://${plan.shopHost}/${random.pick(PAGES)}`].filter(
        (url, index, all) => all.indexOf(url) === index,
      ),
      sampleSessionIds: Array.from({ length: random.int(1, 3) }, () => sessionId(random)),
      ticketUrl: issueStatus === 'ticket_created' ? `https://tickets.example.com/browse/LUC-${1000 + i}` : null,
    };
  });
}

function seedSignals(random: Random, plan: OrgSeedPlan): Signal[] {
  return creationTimes(random, plan.signals).map((createdMs, i) => {
    const matchCount = random.chance(0.2) ? 0 : random.int(1, 5000);
    const page = random.pick(PAGES);
    return {
      id: random.uuid(),
      name: `${random.pick(SIGNAL_NAMES)} on ${page} #${i + 1}`,
      description: `Sessions on /${page} that show this pattern at least once.`,
      enabled: random.chance(0.8),
      matchCount,
      lastMatchedAt: matchCount === 0 ? null : iso(createdMs + random.int(60_000, 30 * 86_400_000)),
      createdAt: iso(createdMs),
    };
  });
}

function seedInsights(random: Random, issues: readonly Issue[], plan: OrgSeedPlan): Insight[] {
  return creationTimes(random, plan.insights).map((createdMs) => {
    const page = random.pick(PAGES);
    const related = Array.from({ length: random.int(0, 3) }, () => random.pick(issues).id);
    return {
      id: random.uuid(),
      title: `Visitors struggle on the ${page} page`,
      body: `Sessions that reach /${page} end **${random.int(5, 60)}%** more often than last week; the related issues explain most of the drop.`,
      category: random.pick(INSIGHT_CATEGORIES),
      relatedIssueIds: [...new Set(related)],
      createdAt: iso(createdMs),
    };
  });
}

/** Deterministic data of one organization: the same plan always yields the same records. */
export function seedOrg(plan: OrgSeedPlan): OrgSeed {
  const random = createRandom(plan.seed);
  const issues = seedIssues(random, plan);
  return { issues, signals: seedSignals(random, plan), insights: seedInsights(random, issues, plan) };
}
