/**
 * `#same-origin-redirect` outside browser bundles, where fetch with `redirect: 'manual'` shows the
 * redirect's status and Location.
 */
const MAX_REDIRECTS = 5;

/** The next URL when a GET or HEAD is redirected within its own origin (followed with the same headers). */
export function sameOriginRedirect(response: Response, requestUrl: string, method: string, hops: number): URL | undefined {
  if (hops >= MAX_REDIRECTS || (method !== 'GET' && method !== 'HEAD')) return undefined;
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
