/**
 * `#same-origin-redirect` in browser bundles: fetch with `redirect: 'manual'` answers an opaque
 * redirect (status 0, no Location), so there is never a URL to follow and every redirect is refused.
 */
export function sameOriginRedirect(): URL | undefined {
  return undefined;
}
