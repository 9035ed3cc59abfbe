import type { OperationArgument, OperationBinding } from './operation-binding.js';

/** Example values for one call, grouped like the spec's parameters. */
export interface SampleArgs {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

/** Renders the idiomatic TypeScript statement calling one operation through a client package. */
export type OperationSample = (args?: SampleArgs) => string;

/** Per client kind: the variable the sample calls and the lines (import, construction) it needs before. */
export interface SampleClient {
  readonly variable: string;
  readonly setup: readonly string[];
}

const MAX_LINE = 120;

/**
 * operationId → (example values) => e.g. `const page = await client.issues.list({ limit: 25 });`, rendered
 * from the same binding table the client's resources use; plus the setup each sample needs.
 */
export function createOperationSamples<Id extends string>(
  operations: Readonly<Record<Id, OperationBinding>>,
  clients: Readonly<Record<string, SampleClient>>,
): { operationSamples: Record<Id, OperationSample>; sampleSetup(operationId: Id): string } {
  const clientOf = (id: Id): SampleClient => {
    const client = clients[operations[id].client];
    if (!client) throw new Error(`No sample client "${operations[id].client}" for ${id}`);
    return client;
  };
  const operationSamples = Object.fromEntries(
    (Object.keys(operations) as Id[]).map((id) => [id, (args?: SampleArgs) => renderCall(operations[id], clientOf(id), args ?? {})]),
  ) as Record<Id, OperationSample>;
  return { operationSamples, sampleSetup: (id) => clientOf(id).setup.join('\n') };
}

function renderCall(binding: OperationBinding, client: SampleClient, args: SampleArgs): string {
  const specs = binding.args;
  const rendered: string[] = [];
  for (const spec of specs) {
    if (spec.in === 'path') rendered.push(tsLiteral(args.path?.[spec.name] ?? `<${spec.name}>`, ''));
    else if (spec.in === 'body') rendered.push(tsLiteral(bodyValue(spec, args), ''));
    else {
      const query = withoutUndefined(args.query);
      if (query && Object.keys(query).length > 0) rendered.push(tsLiteral(query, ''));
    }
  }
  // An empty resource is a method on the client itself (e.g. `ingest.send(...)`).
  const target = binding.resource ? `${client.variable}.${binding.resource}.${binding.method}` : `${client.variable}.${binding.method}`;
  const head = `const ${binding.resultName} = await ${target}(`;
  const oneLine = `${head}${rendered.join(', ')});`;
  if (oneLine.length <= MAX_LINE && !oneLine.includes('\n')) return oneLine;
  // Long calls: the last argument (the one that grew) opens on the call line, like Prettier's hugging.
  const leading = rendered.slice(0, -1).map((arg) => `${arg}, `).join('');
  const last = rendered.length > 0 ? tsLiteral(lastValue(specs, args), '', true) : '';
  return `${head}${leading}${last});`;
}

function lastValue(specs: readonly OperationArgument[], args: SampleArgs): unknown {
  const spec = specs[specs.length - 1] as OperationArgument;
  if (spec.in === 'path') return args.path?.[spec.name] ?? `<${spec.name}>`;
  if (spec.in === 'body') return bodyValue(spec, args);
  return withoutUndefined(args.query);
}

function bodyValue(spec: Extract<OperationArgument, { in: 'body' }>, args: SampleArgs): unknown {
  const body = args.body ?? {};
  return spec.lines && !Array.isArray(body) ? [body] : body;
}

function withoutUndefined(record: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** A JS value as TypeScript source: single quotes, bare keys, one line when it fits. */
export function tsLiteral(value: unknown, indent: string, forceMultiline = false): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => tsLiteral(item, inner));
    return layout('[', ']', items, indent, forceMultiline);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const items = entries.map(([key, item]) => `${propertyKey(key)}: ${tsLiteral(item, inner)}`);
    return layout('{ ', ' }', items, indent, forceMultiline, '{', '}');
  }
  return JSON.stringify(value) ?? 'undefined';
}

function layout(
  open: string,
  close: string,
  items: string[],
  indent: string,
  forceMultiline: boolean,
  multilineOpen = open.trim(),
  multilineClose = close.trim(),
): string {
  const oneLine = `${open}${items.join(', ')}${close}`;
  if (!forceMultiline && oneLine.length + indent.length <= MAX_LINE - 20 && !oneLine.includes('\n')) return oneLine;
  return `${multilineOpen}\n${items.map((item) => `${indent}  ${item},`).join('\n')}\n${indent}${multilineClose}`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}
