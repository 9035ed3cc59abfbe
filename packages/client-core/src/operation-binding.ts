/**
 * How a hand-written client method maps onto a generated operation: which client exposes it, under which
 * resource and method name, and how its positional arguments become the generated call's
 * `{ path, query, body }`. Clients route calls through it and render code samples from it, so the two
 * cannot drift apart.
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

/** Maps a method's positional arguments onto the generated call's options. */
export function toGeneratedArguments(operationId: string, binding: OperationBinding, args: readonly unknown[]): GeneratedArguments {
  const bound: GeneratedArguments = {};
  for (let index = 0; index < binding.args.length; index++) {
    const spec = binding.args[index] as OperationArgument;
    const value = args[index];
    if (spec.in === 'path') {
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`${operationId}: ${spec.name} must be a non-empty string.`);
      }
      bound.path = { ...bound.path, [spec.name]: value };
    } else if (spec.in === 'query') {
      if (value !== undefined) bound.query = value as Record<string, unknown>;
    } else {
      bound.body = value;
    }
  }
  return bound;
}
