import type { DiffContext } from './context.js';
import { capitalise } from './docs.js';
import { asArray, type JsonObject, SpecDocument } from './resolve.js';
import { childSite, siteLocation, siteSubject, type SchemaSite } from './schema-site.js';

export interface VariantTools {
  recurse: (child: SchemaSite, before: unknown, after: unknown) => void;
  /** Cost of pairing two schemas: a trial diff, breaking changes weighing most. */
  score: (before: unknown, after: unknown) => number;
}

interface Variant {
  node: unknown;
  label: string;
}

function variantsOf(schema: JsonObject): { keyword: string; list: Variant[] } | undefined {
  for (const keyword of ['oneOf', 'anyOf']) {
    const list = asArray(schema[keyword]);
    if (list.length === 0) continue;
    return {
      keyword,
      list: list.map((node, index) => {
        const ref = SpecDocument.refOf(node);
        return { node, label: ref ? (ref.split('/').pop() ?? ref) : `${keyword} #${index + 1}` };
      }),
    };
  }
  return undefined;
}

function cheapestPartner(candidates: Variant[], cost: (candidate: Variant) => number): Variant | undefined {
  let best: Variant | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const value = cost(candidate);
    if (value < bestCost) {
      best = candidate;
      bestCost = value;
    }
  }
  return best;
}

function reportAdded(ctx: DiffContext, site: SchemaSite, variant: Variant): void {
  const subject = capitalise(siteSubject(site));
  if (site.direction === 'request') {
    ctx.emit('variant-added', 'non-breaking', siteLocation(site, variant.label), 'variant added', `${subject} now also accepts the ${variant.label} variant.`);
  } else {
    ctx.emit('variant-added', 'breaking', siteLocation(site, variant.label), 'variant added', `${subject} may now be the ${variant.label} variant; clients must handle the new shape.`);
  }
}

function reportRemoved(ctx: DiffContext, site: SchemaSite, variant: Variant): void {
  const subject = capitalise(siteSubject(site));
  if (site.direction === 'request') {
    ctx.emit('variant-removed', 'breaking', siteLocation(site, variant.label), 'variant removed', `${subject} no longer accepts the ${variant.label} variant; callers sending it will be rejected.`);
  } else {
    ctx.emit('variant-removed', 'non-breaking', siteLocation(site, variant.label), 'variant removed', `${subject} is no longer the ${variant.label} variant.`);
  }
}

/**
 * oneOf / anyOf. Variants pair up by $ref name, then by the cheapest trial diff; leftovers are
 * added or removed variants. When only one side has variants, the plain side is compared with
 * its closest variant and the rest count as added/removed; returns true then, because the plain
 * side's keywords were already compared as that variant.
 */
export function diffVariants(ctx: DiffContext, site: SchemaSite, before: JsonObject, after: JsonObject, tools: VariantTools): boolean {
  const was = variantsOf(before);
  const is = variantsOf(after);
  if (!was && !is) return false;
  if (was && is) {
    const remaining = [...is.list];
    const unmatched: Variant[] = [];
    for (const variant of was.list) {
      const sameRef = remaining.find((candidate) => SpecDocument.refOf(candidate.node) !== undefined && SpecDocument.refOf(candidate.node) === SpecDocument.refOf(variant.node));
      if (sameRef) {
        remaining.splice(remaining.indexOf(sameRef), 1);
        tools.recurse(childSite(site, `<${sameRef.label}>`), variant.node, sameRef.node);
      } else {
        unmatched.push(variant);
      }
    }
    for (const variant of unmatched) {
      const partner = cheapestPartner(remaining, (candidate) => tools.score(variant.node, candidate.node));
      if (!partner) {
        reportRemoved(ctx, site, variant);
        continue;
      }
      remaining.splice(remaining.indexOf(partner), 1);
      tools.recurse(childSite(site, `<${partner.label}>`), variant.node, partner.node);
    }
    for (const variant of remaining) reportAdded(ctx, site, variant);
    return false;
  }
  const plainSide = was ? after : before;
  const variants = (was ?? is)!.list;
  const closest = cheapestPartner(variants, (candidate) => (was ? tools.score(candidate.node, plainSide) : tools.score(plainSide, candidate.node)));
  if (!closest) return false;
  if (was) tools.recurse(site, closest.node, plainSide);
  else tools.recurse(site, plainSide, closest.node);
  for (const variant of variants) {
    if (variant === closest) continue;
    if (was) reportRemoved(ctx, site, variant);
    else reportAdded(ctx, site, variant);
  }
  return true;
}
