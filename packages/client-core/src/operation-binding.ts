/**
 * How a client method maps onto a generated operation: which client exposes it, under which
 * resource and method name, and how its positional arguments become the generated call's
 * `{ path, query, body }`. @apiforge/client-gen writes this table from the same operation description as
 * the resource methods, and code samples render from it, so samples and methods cannot drift apart.
 */

/** One positional argument of a resource method. */
export type OperationArgument =
  | { readonly in: 'path'; readonly name: string }
  | { readonly in: 'query'; readonly optional: true }
  /** `lines`: the method takes the lines of an NDJSON (`x-ndjson`) body as an array; the spec's example is one line. */
  | { readonly in: 'body'; readonly lines?: true };

export interface OperationBinding {
  readonly client: string;
  /** Empty for a method on the client itself. */
  readonly resource: string;
  readonly method: string;
  readonly args: readonly OperationArgument[];
  /** What the awaited result is called in code samples. */
  readonly resultName: string;
}

export interface GeneratedArguments {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

