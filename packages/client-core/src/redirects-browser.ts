/**
 * `#redirects` in browser bundles: fetch with `redirect: 'manual'` answers an opaque redirect (status 0,
 * no Location), so there is never a URL to follow and every redirect is a RedirectError.
 */
import { redirectError, type ApiErrorRequest } from './errors.js';

export async function followRedirects(first: Response, request: ApiErrorRequest): Promise<Response> {
  throw redirectError(first, request);
}
