/**
 * The public surface of a client, generated from the spec and a few names the spec cannot give (class
 * names, credential labels, environment variables; see SurfaceConfig in generate.mjs):
 * - operations.gen.ts: one connection factory per client class, one standalone function per operation
 *   (the tree-shakeable `/operations` entry), parameter types, credential and server facts;
 * - resources.gen.ts: resource classes and client classes calling those functions, and the OPERATIONS
 *   binding table (client, resource, method, arguments) that samples render from;
 * - samples.gen.ts: `operationSamples` and `sampleSetup` for the reference docs.
 * Pagination comes from x-pagination, credential checks from each scheme's x-token-prefixes, retries from
 * x-idempotent and x-retry, body rules from x-max-body-bytes, x-ndjson and Content-Encoding parameters.
 */

import { operationMetaTable } from './spec-meta.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** client-core's code for each x-pagination strategy. */
const PAGE_STRATEGIES = { cursor: 'cursorPages', before: 'beforePages', page: 'pageNumberPages' };
const VERBS = /^(list|get|create|update|delete|submit|export|ingest|send|set|replace|upload|search|retrieve)(?=[A-Z])/;

/** The operations of a spec with everything the surface needs, in document order. */
export function describeOperations(document, config) {
  const schemes = document.components?.securitySchemes ?? {};
  const clientOf = (schemeNames) => {
    const kinds = Object.entries(config.clients).filter(([, client]) => client.schemes.some((name) => schemeNames.includes(name)));
    return kinds[0]?.[0];
  };
  const operations = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const id = operation.operationId;
      const security = operation.security ?? document.security ?? [];
      const schemeNames = [...new Set(security.flatMap((requirement) => Object.keys(requirement)))];
      const client = clientOf(schemeNames);
      if (!client) throw new Error(`${id}: none of its security schemes (${schemeNames.join(', ') || 'none'}) belongs to a client in the client-gen config`);
      const override = config.operations?.[id] ?? {};
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(document, parameter));
      const fixed = config.clients[client].fixedPath ?? {};
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).filter((name) => !(name in fixed));
      const query = parameters.filter((parameter) => parameter.in === 'query');
      const requestBody = resolve(document, operation.requestBody);
      const ndjson = Object.values(requestBody?.content ?? {}).some((media) => media?.['x-ndjson']);
      const { resource, method: methodName } = { ...nameOf(id, operation.tags?.[0]), ...override };
      operations.push({
        id,
        pascal: id[0].toUpperCase() + id.slice(1),
        httpMethod: method,
        path,
        client,
        resource,
        method: methodName,
        resultName: override.resultName ?? (operation['x-pagination'] ? 'page' : 'result'),
        pathParams,
        query: query.length > 0 ? { required: query.some((parameter) => parameter.required === true) } : null,
        body: requestBody ? { lines: ndjson } : null,
        pagination: operation['x-pagination'] ?? null,
        hasRetry: Object.values(operation.responses ?? {}).some((response) => resolve(document, response)?.['x-retry']),
        doc: docOf(operation),
        schemes: schemeNames.map((name) => resolve(document, schemes[name])),
      });
    }
  }
  return operations;
}

/** `listIssues` under tag `Issues` → issues.list; `updateIssueStatus` → issues.updateStatus; `getUsage` → usage.get. */
export function nameOf(operationId, tag) {
  const verb = VERBS.exec(operationId)?.[1];
  const noun = verb ? operationId.slice(verb.length) : operationId;
  const resource = tag ? camel(tag) : camel(noun);
  if (!verb) return { resource, method: camel(noun) };
  // The rest of the id after the resource's own noun (singular or plural) is the method's suffix.
  const Resource = resource[0].toUpperCase() + resource.slice(1);
  const singular = singularOf(Resource);
  const rest = noun.startsWith(Resource) ? noun.slice(Resource.length) : noun.startsWith(singular) ? noun.slice(singular.length) : noun;
  return { resource, method: verb + rest };
}

function camel(text) {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word, index) => (index === 0 ? word[0].toLowerCase() + word.slice(1) : word[0].toUpperCase() + word.slice(1))).join('');
}

function pascal(text) {
  return text[0].toUpperCase() + text.slice(1);
}

function singularOf(word) {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/ss$/.test(word)) return word;
  return word.replace(/s$/, '');
}

/** The summary and the description's first sentence; lists say how to page. */
function docOf(operation) {
  const clean = (text) => (text ?? '').trim().replace(/\s+/g, ' ').replace(/\*\//g, '*\\/');
  const summary = clean(operation.summary);
  const first = clean(operation.description?.split('\n\n')[0]).match(/^.*?[.!?](?=\s|$)/)?.[0] ?? '';
  const parts = [summary && !/[.!?]$/.test(summary) ? `${summary}.` : summary, first].filter(Boolean);
  if (operation['x-pagination']) parts.push('`await` it for the first page, `for await` it for every item across pages.');
  return parts.join(' ');
}

function resolve(document, value) {
  let current = value;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++) {
    current = current.$ref.replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((node, key) => node?.[key], document);
  }
  return current;
}

/** TypeScript name of an operation's parameter type: IssueListParams for lists, TraceParams otherwise. */
function paramsTypeName(operation) {
  const base = singularOf(pascal(operation.resource || operation.id));
  return operation.pagination ? `${base}ListParams` : `${base}Params`;
}

function itemType(page, itemsField) {
  return itemsField.split('.').reduce((type, key) => `NonNullable<${type}[${JSON.stringify(key)}]>`, page) + '[number]';
}

/** The sources of operations.gen.ts, resources.gen.ts and samples.gen.ts. */
export function renderSurface(document, config, { typesSource, specPackage }) {
  const operations = describeOperations(document, config);
  const header = `// Generated by @apiforge/client-gen from ${specPackage}. Do not edit.`;
  const hasType = (name) => new RegExp(`export type ${name}\\b`).test(typesSource);
  const kinds = Object.keys(config.clients);
  const definitions = Object.fromEntries(
    kinds.map((kind) => {
      const client = config.clients[kind];
      const own = operations.filter((operation) => operation.client === kind);
      const prefixes = [...new Set(own.flatMap((operation) => operation.schemes.flatMap((scheme) => scheme?.['x-token-prefixes'] ?? [])))];
      const servers = [...new Set(own.map((operation) => serverOf(document, operation)))];
      if (servers.length > 1) throw new Error(`The ${kind} client's operations are on ${servers.length} servers (${servers.join(', ')}); a client sends to one.`);
      return [kind, { client, prefixes, server: servers[0] ?? firstServer(document.servers), own }];
    }),
  );
  const sig = (operation) => signature(operation, hasType);

  // ---- operations.gen.ts
  const sdkImports = operations.map((operation) => `${operation.id} as ${operation.id}Operation`);
  const metaTable = operationMetaTable(document);
  const strategiesUsed = [...new Set(operations.filter((operation) => operation.pagination).map((operation) => PAGE_STRATEGIES[operation.pagination.strategy]).filter(Boolean))].sort();
  // A client's siblings whose credentials have prefixes: a credential of theirs is refused by name.
  const othersOf = (kind) => kinds.filter((other) => other !== kind && definitions[other].prefixes.length > 0);
  // The definition checks the clients need (see the _CLIENT constants below).
  const runtimeChecks = [
    ...(kinds.some((kind) => config.clients[kind].fixedPath) ? ['readFixedPath'] : []),
    ...(kinds.some((kind) => othersOf(kind).length > 0) ? ['refuseOtherClients'] : []),
  ];
  const ops = [
    header,
    '',
    `import { ${[...new Set(['createConnection', ...runtimeChecks, ...operations.map((operation) => runtimeOf(operation, metaTable[operation.id]))])].sort().join(', ')}, type ApiConnection, type ApiPromise, type CallOptions, type ClientOptions, type OperationClient, type OperationMeta, type Paginated, type SendLinesResult } from '@apiforge/client-core/api-client';`,
    ...(operations.some((operation) => operation.hasRetry) ? ["import { specRetryOptions } from '@apiforge/client-core/spec-retry';"] : []),
    ...(strategiesUsed.length ? [`import { ${strategiesUsed.join(', ')} } from '@apiforge/client-core/pagination';`] : []),
    `import { ${sdkImports.join(', ')} } from './sdk.gen.js';`,
    `import type * as T from './types.gen.js';`,
    '',
    `/** Thrown at construction when a credential or ${config.errorLabel ?? 'setting'} is missing or malformed. Never contains the credential. */`,
    `export class ${config.errorClass} extends TypeError {`,
    `  override name = '${config.errorClass}';`,
    '}',
    '',
    `/** The package's clients: ${kinds.map((kind) => `'${kind}' (${config.clients[kind].className})`).join(', ')}. */`,
    `export type ClientKind = ${kinds.map((kind) => `'${kind}'`).join(' | ')};`,
    '',
    '/** Credential prefixes each client accepts (the x-token-prefixes of its security schemes). */',
    `const TOKEN_PREFIXES: Readonly<Record<ClientKind, readonly string[]>> = ${JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, definitions[kind].prefixes])))};`,
    '',
    '/** The server the spec names for each client\'s operations. */',
    `const SERVERS: Readonly<Record<ClientKind, string>> = ${JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, definitions[kind].server])))};`,
    '',
    'export function tokenPrefixesFor(kind: ClientKind): readonly string[] {',
    '  return TOKEN_PREFIXES[kind];',
    '}',
    '',
    'export function defaultBaseUrlFor(kind: ClientKind): string {',
    '  return SERVERS[kind];',
    '}',
    '',
    '/** `await list()` is the first page, `for await (const x of list())` every item, `list().pages()` page by page. */',
    'export type PageIterator<Page, Item, Params> = Paginated<Page, Item, Params>;',
    '/** Per-call options, the last argument of every method. */',
    'export type RequestOptions = CallOptions;',
    'export type { ApiPromise, CallOptions, SendLinesResult };',
    '',
  ];
  for (const kind of kinds) {
    const { client, prefixes, own } = definitions[kind];
    const others = othersOf(kind).map((other) => ({
      client: config.clients[other].className,
      label: config.clients[other].credential.label,
      prefixes: definitions[other].prefixes,
    }));
    const fixedPath = client.fixedPath ? Object.fromEntries(Object.entries(client.fixedPath).map(([param, rule]) => [param, { ...rule, pattern: rule.pattern ?? patternOf(document, own, param) }])) : undefined;
    const definition = {
      name: client.className,
      package: config.packageName,
      envPrefix: config.envPrefix,
      credential: { option: client.credential.option, env: client.credential.env, label: client.credential.label, prefixes, ...(others.length ? { others } : {}), ...(client.credential.headersOnly ? { headersOnly: true } : {}) },
      baseUrl: { default: definitions[kind].server, env: client.baseUrlEnv, ...(client.baseUrlAliases ? { aliases: client.baseUrlAliases } : {}) },
      ...(fixedPath ? { fixedPath } : {}),
    };
    const gzip = own.some((operation) => metaGzip(document, operation));
    const optionsName = `${client.className}Options`;
    const schemeDoc = own[0]?.schemes[0]?.description?.trim().split('\n\n')[0].replace(/\s+/g, ' ').replace(/\*\//g, '*\\/') ?? client.credential.label;
    ops.push(
      `/** Options of ${client.className} (and ${client.factory}). */`,
      `export interface ${optionsName} extends ClientOptions {`,
      `  /** ${schemeDoc} Default: the ${client.credential.env} environment variable. */`,
      `  ${client.credential.option}?: string | undefined;`,
      ...Object.values(fixedPath ?? {}).flatMap((rule) => [`  /** ${pascal(rule.label.replace(/ \(.*\)$/, ''))}. Default: the ${rule.env} environment variable. */`, `  ${rule.option}?: string | undefined;`]),
      ...(gzip ? ['  /** Gzip request bodies where the API accepts Content-Encoding: gzip and the platform can. Default true. */', '  gzip?: boolean | undefined;'] : []),
      ...(client.baseUrlAliases ?? []).flatMap((alias) => ['  /** @deprecated Use `baseUrl`. */', `  ${alias}?: string | undefined;`]),
      '}',
      '',
      // The checks a definition needs, by reference: a client without them ships none of their code.
      `const ${kind.toUpperCase()}_CLIENT = ${JSON.stringify(definition).slice(0, -1)}, CredentialError: ${config.errorClass}${fixedPath ? ', readFixedPath' : ''}${others.length ? ', refuseOthers: refuseOtherClients' : ''} } as const;`,
      '',
      `/** Checks the credential (option or ${client.credential.env}) and base URL and prepares the transport; sends nothing. The credential lives only in a closure inside it. */`,
      `export function ${client.factory}(options: ${optionsName} = {}): ApiConnection {`,
      `  return createConnection(${kind.toUpperCase()}_CLIENT, options as ${optionsName} & Record<string, unknown>);`,
      '}',
      '',
    );
  }
  for (const operation of operations) {
    const { params, args, bound, returns, typeDecls } = sig(operation);
    ops.push(...typeDecls);
    // Only what a call reads (spec-meta.gen.ts has every fact): it is in the bundle of every consumer of the operation.
    const callMeta = JSON.stringify(callMetaOf(metaTable[operation.id], operation.hasRetry));
    const pages = operation.pagination ? PAGE_STRATEGIES[operation.pagination.strategy] : undefined;
    if (operation.pagination && !pages) throw new Error(`${operation.id}: unknown x-pagination strategy ${JSON.stringify(operation.pagination.strategy)}`);
    ops.push(`const ${operation.id}Call: OperationMeta = ${pages ? `${callMeta.slice(0, -1)}, pages: ${pages} }` : callMeta};`);
    // Built on the first call: a module-level call would keep every operation's retry table in any bundle
    // (a bundler cannot drop `meta.retry`, a property read, even under a @__PURE__ call).
    const policy = operation.hasRetry ? `, (${operation.id}Policy ??= specRetryOptions(${operation.id}Call.retry!))` : '';
    if (operation.hasRetry) ops.push(`/** ${operation.id}'s x-retry, as client-core retry hooks (made on first use). */`, `let ${operation.id}Policy: ReturnType<typeof specRetryOptions> | undefined;`);
    ops.push(`/** ${operation.doc} */`);
    const clientParam = 'client: OperationClient';
    ops.push(`export function ${operation.id}(${[clientParam, ...params, 'options?: RequestOptions'].join(', ')}): ${returns} {`);
    if (operation.pagination) {
      const { page, paramsType } = sig(operation);
      ops.push(`  return paginateOperation<${page}, ${itemType(page, operation.pagination.itemsField)}, ${paramsType}>(client, '${operation.id}', ${operation.id}Call, ${operation.id}Operation, { ${bound.filter((part) => !part.startsWith('query')).join(', ')} }, ${args.query}, options${policy});`);
    } else if (operation.body?.lines) {
      ops.push(`  return sendLines(client, '${operation.id}', ${operation.id}Call, ${operation.id}Operation, ${args.body}, options${policy});`);
    } else {
      ops.push(`  return ${runtimeOf(operation, metaTable[operation.id])}(client, '${operation.id}', ${operation.id}Call, ${operation.id}Operation, { ${bound.join(', ')} }, options${policy});`);
    }
    ops.push('}', '');
  }

  // ---- resources.gen.ts
  const res = [
    header,
    '',
    "import type { ApiConnection } from '@apiforge/client-core/api-client';",
    "import type { OperationBinding } from '@apiforge/client-core/operation-binding';",
    `import * as op from './operations.gen.js';`,
    `import type * as T from './types.gen.js';`,
    '',
    '/** operationId → the client, resource, method and positional arguments that call it (samples render from it). */',
    'export const OPERATIONS = {',
    ...operations.map((operation) => `  ${operation.id}: ${JSON.stringify({ client: operation.client, resource: operation.resource, method: operation.method, args: bindingArgs(operation), resultName: operation.resultName })},`),
    '} as const satisfies Record<string, OperationBinding>;',
    '',
    'export type OperationId = keyof typeof OPERATIONS;',
    '',
  ];
  const resources = new Map();
  for (const operation of operations) {
    if (!operation.resource) continue;
    const key = `${operation.client}:${operation.resource}`;
    if (!resources.has(key)) resources.set(key, { name: `${pascal(operation.resource)}Resource`, client: operation.client, resource: operation.resource, operations: [] });
    resources.get(key).operations.push(operation);
  }
  const names = new Set();
  for (const resource of resources.values()) {
    if (names.has(resource.name)) throw new Error(`Two clients have a resource named ${resource.resource}; name one differently in the client-gen config`);
    names.add(resource.name);
    res.push(`export class ${resource.name} {`, '  readonly #client: ApiConnection;', '  constructor(client: ApiConnection) {', '    this.#client = client;', '  }', '');
    for (const operation of resource.operations) res.push(...methodSource(operation, sig(operation), '#client'));
    res.push('}', '');
  }
  for (const kind of kinds) {
    const { client, own } = definitions[kind];
    const className = client.extendedBy ? `${client.className}Base` : client.className;
    const mine = [...resources.values()].filter((resource) => resource.client === kind);
    const direct = own.filter((operation) => !operation.resource);
    res.push(
      `/** ${client.doc ?? `The ${kind} API`} */`,
      `export class ${className} {`,
      ...mine.map((resource) => `  readonly ${resource.resource}: ${resource.name};`),
      '  /** Where requests go (no credential in it). */',
      '  readonly baseUrl: string;',
      ...Object.values(client.fixedPath ?? {}).map((rule) => `  readonly ${rule.option}: string;`),
      '  /** The connection every method uses; the credential lives only in a closure inside it. */',
      '  protected readonly connection: ApiConnection;',
      '',
      `  constructor(options: op.${client.className}Options = {}) {`,
      `    const connection = op.${client.factory}(options);`,
      '    this.connection = connection;',
      '    this.baseUrl = connection.baseUrl;',
      ...Object.values(client.fixedPath ?? {}).map((rule) => `    this.${rule.option} = connection.fixed[${JSON.stringify(rule.option)}] as string;`),
      ...mine.map((resource) => `    this.${resource.resource} = new ${resource.name}(connection);`),
      '  }',
      ...(client.baseUrlAliases ?? []).flatMap((alias) => ['', '  /** @deprecated Use `baseUrl`. */', `  get ${alias}(): string {`, '    return this.baseUrl;', '  }']),
      ...direct.flatMap((operation) => ['', ...methodSource(operation, sig(operation), 'connection')]),
      '}',
      '',
    );
  }

  // ---- samples.gen.ts
  const clientsForSamples = Object.fromEntries(
    kinds.map((kind, index) => {
      const client = config.clients[kind];
      const variable = index === 0 ? 'client' : kind;
      const values = [`${client.credential.option}: process.env.${client.credential.env}!`, ...Object.values(client.fixedPath ?? {}).map((rule) => `${rule.option}: process.env.${rule.env}!`)];
      const oneLine = `const ${variable} = new ${client.className}({ ${values.join(', ')} });`;
      const construction = oneLine.length <= 100 ? [oneLine] : [`const ${variable} = new ${client.className}({`, ...values.map((value) => `  ${value},`), '});'];
      return [kind, { variable, setup: [`import { ${client.className} } from '${config.packageName}';`, '', ...construction] }];
    }),
  );
  const samples = [
    header,
    '',
    "import { createOperationSamples } from '@apiforge/client-core/samples';",
    "import { OPERATIONS } from './resources.gen.js';",
    '',
    '/** operationId → (example values) => the idiomatic call; `sampleSetup(id)` is the import and construction before it. */',
    `export const { operationSamples, sampleSetup } = createOperationSamples(OPERATIONS, ${JSON.stringify(clientsForSamples, null, 2)});`,
    '',
  ];
  return { operations: ops.join('\n'), resources: res.join('\n'), samples: samples.join('\n'), described: operations };
}

/** The client-core function behind an operation: a plain JSON body (callOperation) needs none of callWithBody's size, NDJSON or gzip code. */
function runtimeOf(operation, meta) {
  if (operation.pagination) return 'paginateOperation';
  if (operation.body?.lines) return 'sendLines';
  return operation.body && (meta.maxBodyBytes !== null || meta.ndjson || meta.gzip) ? 'callWithBody' : 'callOperation';
}

function bindingArgs(operation) {
  return [
    ...operation.pathParams.map((name) => ({ in: 'path', name })),
    ...(operation.query ? [{ in: 'query', optional: true }] : []),
    ...(operation.body ? [operation.body.lines ? { in: 'body', lines: true } : { in: 'body' }] : []),
  ];
}

function signature(operation, hasType) {
  const P = operation.pascal;
  const paramsType = paramsTypeName(operation);
  const typeDecls = [];
  const params = [];
  const args = {};
  const bound = [];
  for (const name of operation.pathParams) {
    params.push(`${name}: string`);
  }
  if (operation.pathParams.length) bound.push(`path: { ${operation.pathParams.join(', ')} }`);
  if (operation.query) {
    const optional = !operation.query.required;
    typeDecls.push(`export type ${paramsType} = ${optional ? `NonNullable<T.${P}Data['query']>` : `T.${P}Data['query']`};`);
    params.push(optional ? `params: ${paramsType} = {}` : `params: ${paramsType}`);
    args.query = 'params';
    bound.push('query: params as Record<string, unknown>');
  }
  if (operation.body) {
    params.push(operation.body.lines ? `lines: readonly T.${P}Data['body'][]` : `body: T.${P}Data['body']`);
    args.body = operation.body.lines ? 'lines' : 'body';
    bound.push(`body`);
  }
  const data = hasType(`${P}Response`) ? `T.${P}Response` : 'void';
  const page = data;
  const returns = operation.pagination
    ? `PageIterator<${page}, ${itemType(page, operation.pagination.itemsField)}, ${paramsType}>`
    : operation.body?.lines
      ? 'Promise<SendLinesResult>'
      : `ApiPromise<${data}>`;
  return { params, args, bound, returns, typeDecls, page, paramsType };
}

function methodSource(operation, { params, returns }, target) {
  const callArgs = [target === '#client' ? 'this.#client' : 'this.connection', ...params.map((param) => param.split(/[?:]/)[0].trim()), 'options'];
  const shown = returns.replace(/(?<![.\w])(PageIterator|ApiPromise|SendLinesResult|[A-Z]\w*Params)\b/g, 'op.$1');
  return [
    `  /** ${operation.doc} */`,
    `  ${operation.method}(${[...params.map((param) => param.replace(/: ([A-Z]\w*Params)/, ': op.$1')), 'options?: op.RequestOptions'].join(', ')}): ${shown} {`,
    `    return op.${operation.id}(${callArgs.join(', ')});`,
    '  }',
    '',
  ];
}

function serverOf(document, operation) {
  const item = document.paths[operation.path];
  return firstServer(item[operation.httpMethod].servers ?? item.servers ?? document.servers);
}

function firstServer(servers) {
  return (servers?.[0]?.url ?? '').replace(/\/+$/, '');
}

function metaGzip(document, operation) {
  const item = document.paths[operation.path];
  return [...(item.parameters ?? []), ...(item[operation.httpMethod].parameters ?? [])]
    .map((parameter) => resolve(document, parameter))
    .some((parameter) => parameter?.in === 'header' && parameter.name.toLowerCase() === 'content-encoding');
}

/** A fixed path parameter's check: its schema's pattern, or a UUID for format uuid. */
function patternOf(document, operations, param) {
  for (const operation of operations) {
    const item = document.paths[operation.path];
    const parameter = [...(item.parameters ?? []), ...(item[operation.httpMethod].parameters ?? [])]
      .map((candidate) => resolve(document, candidate))
      .find((candidate) => candidate?.in === 'path' && candidate.name === param);
    const schema = resolve(document, parameter?.schema);
    if (schema?.pattern) return schema.pattern;
    if (schema?.format === 'uuid') return '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  }
  return undefined;
}

/** The facts of an operation that client-core reads on each call; absent means null, false or empty. */
function callMetaOf(meta, hasRetry) {
  const call = { idempotent: meta.idempotent };
  if (meta.pagination) call.pagination = Object.fromEntries(Object.entries(meta.pagination).filter(([, value]) => value !== null));
  if (meta.maxBodyBytes !== null) call.maxBodyBytes = meta.maxBodyBytes;
  if (meta.ndjson) call.ndjson = meta.ndjson;
  if (meta.contentType) call.contentType = meta.contentType;
  if (meta.gzip) call.gzip = true;
  if (hasRetry) call.retry = meta.retry;
  return call;
}
