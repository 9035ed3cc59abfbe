/**
 * `withResponse()` on every call (as in openai-node): `await client.x.get()` is the data; `await
 * client.x.get().withResponse()` is `{ data, response, status, headers, requestId }`.
 */
import { requestIdOf } from './errors.js';

export { requestIdOf };

/** What `.withResponse()` resolves to. The body was already read into `data`. */
export interface WithResponse<Data> {
  data: Data;
  response: Response;
  status: number;
  headers: Headers;
  /** The server's `x-request-id` (or `request-id`) header; quote it when reporting a problem. */
  requestId: string | undefined;
}

/** A call's result: a Promise of the data with `.withResponse()`. */
export type ApiPromise<Data> = Promise<Data> & { withResponse(): Promise<WithResponse<Data>> };

/** Wraps a `{ data, response }` promise (what the SDK client resolves to). */
export function apiPromise<Data>(raw: Promise<{ data: unknown; response: Response }>): ApiPromise<Data> {
  const data = raw.then((result) => result.data as Data) as ApiPromise<Data>;
  data.withResponse = () => {
    // The caller handles failures through this promise; the data promise must not report them again.
    data.catch(() => undefined);
    return raw.then(({ data: body, response }) => ({
      data: body as Data,
      response,
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response.headers),
    }));
  };
  return data;
}
