/** Which way data flows: requests are sent by callers, responses are read by them. */
export type Direction = 'request' | 'response';

/** Where a schema sits in the API: its operation, its root (body, parameter, response) and a field path inside it. */
export interface SchemaSite {
  operation: string;
  direction: Direction;
  /** Display root, e.g. "body", "query.limit", "response 200". */
  root: string;
  /** What the root is in prose, e.g. "the request body", "query parameter `limit`". */
  noun: string;
  /** Field path inside the root, e.g. "items[].title"; empty at the root. */
  field: string;
}

export function childSite(site: SchemaSite, segment: string): SchemaSite {
  if (segment.startsWith('[') || segment.startsWith('<')) return { ...site, field: `${site.field}${segment}` };
  return { ...site, field: site.field ? `${site.field}.${segment}` : segment };
}

export function sitePath(site: SchemaSite): string {
  if (!site.field) return site.root;
  return site.field.startsWith('[') || site.field.startsWith('<') ? `${site.root}${site.field}` : `${site.root}.${site.field}`;
}

export function siteSubject(site: SchemaSite): string {
  return site.field ? `field \`${site.field}\` of ${site.noun}` : site.noun;
}

export function siteLocation(site: SchemaSite, keyword?: string): string[] {
  const location = [site.operation, sitePath(site)];
  if (keyword) location.push(keyword);
  return location;
}
