/**
 * `#redirects` outside browser bundles, where fetch with `redirect: 'manual'` shows the redirect's
 * status and Location: a GET or HEAD redirected within its own origin is followed (with the same
 * headers, at most 5 hops); any other redirect is a RedirectError.
 */
import { isRedirect, redirectError, type ApiErrorRequest } from './errors.js';

const MAX_REDIRECTS = 5;

export async function followRedirects(first: Response, request: ApiErrorRequest, resend: (url: URL) => Promise<Response>): Promise<Response> {
  let response = first;
  for (let hops = 0; isRedirect(response); hops++) {
    const next = hops < MAX_REDIRECTS && (request.method === 'GET' || request.method === 'HEAD') ? sameOriginTarget(response, request.url!) : undefined;
    if (!next) throw redirectError(response, request);
    await response.body?.cancel().catch(() => undefined);
    response = await resend(next);
  }
  return response;
}

function sameOriginTarget(response: Response, requestUrl: string): URL | undefined {
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    const from = new URL(requestUrl);
    const to = new URL(location, response.url || from);
    return to.origin === from.origin && !to.username && !to.password ? to : undefined;
  } catch {
    return undefined;
  }
}
