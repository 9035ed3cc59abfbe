import type { ConformanceChecker } from '@apiforge/sandbox/engine';
import type { HttpResponse } from '../http.js';
import type { FuzzCase } from '@apiforge/contract';

function jsonErrorProblems(res: HttpResponse, label: string, headRequest: boolean, noStore: boolean): string[] {
  const problems: string[] = [];
  if (!/^application\/json\b/i.test(res.headers['content-type'] ?? '')) problems.push(`${label}: content-type ${res.headers['content-type'] ?? '(none)'} is not JSON`);
  if (noStore && !/\bno-store\b/.test(res.headers['cache-control'] ?? '')) problems.push(`${label}: error without Cache-Control: no-store`);
  if (!headRequest) {
    try {
      const body = JSON.parse(res.body) as unknown;
      if (typeof body !== 'object' || body === null || !('error' in body)) problems.push(`${label}: error body has no "error": ${res.body.slice(0, 200)}`);
    } catch {
      problems.push(`${label}: error body is not JSON: ${res.body.slice(0, 200)}`);
    }
  }
  return problems;
}

/** Whether a spec declares a Cache-Control response header anywhere (an API whose documentation has one). */
export function declaresCacheControl(doc: unknown): boolean {
  let found = false;
  const walk = (node: unknown, depth: number): void => {
    if (found || !node || typeof node !== 'object' || depth > 40) return;
    const headers = (node as Record<string, unknown>)['headers'];
    if (headers && typeof headers === 'object' && Object.keys(headers).some((name) => name.toLowerCase() === 'cache-control')) found = true;
    for (const value of Object.values(node as Record<string, unknown>)) walk(value, depth + 1);
  };
  walk(doc, 0);
  return found;
}

/**
 * The fuzz property for one exchange: never a 5xx; a documented (operation, status) conforms to the spec
 * (status, media type, body schema, declared headers); anything outside the spec (unknown path, wrong
 * method) is a JSON error, with Cache-Control: no-store when the API declares that header at all
 * (`noStore`; LumiqTrace documents no caching header), a 405 names the allowed methods, and an
 * OPTIONS preflight answers 204 with CORS headers.
 */
export function judge(checker: ConformanceChecker, req: FuzzCase, res: HttpResponse, options: { noStore?: boolean } = {}): string[] {
  const label = `${req.method} ${req.path.length > 300 ? `${req.path.slice(0, 300)}…(${req.path.length} chars)` : req.path} (${req.target}) -> ${res.status}`;
  if (res.status >= 500) return [`${label}: server error ${res.body.slice(0, 300)}`];
  if (res.status < 100) return [`${label}: no HTTP status`];
  // HEAD is GET without a body (RFC 9110 §9.3.2): the GET operation's status and headers, and no body.
  if (req.method === 'HEAD' && checker.operationFor('GET', req.path)) {
    return res.body === '' ? [] : [`${label}: HEAD answered with a body`];
  }
  const op = checker.operationFor(req.method, req.path);
  if (op) return checker.check({ method: req.method, path: req.path, status: res.status, headers: res.headers, body: res.body });
  if (req.method === 'OPTIONS' && res.status === 204) {
    return res.headers['access-control-allow-origin'] ? [] : [`${label}: preflight without Access-Control-Allow-Origin`];
  }
  if (res.status < 400) return [`${label}: success for a request outside the spec`];
  const problems = jsonErrorProblems(res, label, req.method === 'HEAD', options.noStore ?? true);
  if (res.status === 405 && !res.headers['allow']) problems.push(`${label}: 405 without Allow`);
  return problems;
}
