/**
 * spec-meta.gen.ts: the facts of every operation the client layer reads from the spec (servers,
 * credential schemes and prefixes, idempotency, pagination, body limits, NDJSON line caps, dedupe fields
 * and the x-retry policy of every documented error status).
 */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const PAGINATION_FIELDS = [
  'strategy',
  'cursorParam',
  'nextCursorField',
  'cursorFromItemField',
  'pageParam',
  'firstPage',
  'limitParam',
  'hasMoreField',
  'totalField',
  'itemsField',
];

/** Every operation's facts by operationId, as spec-meta.gen.ts exports them. */
export function operationMetaTable(document) {
  const rootServer = firstServerUrl(document.servers, 'the document');
  const schemes = document.components?.securitySchemes ?? {};
  const operations = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const id = operation.operationId;
      if (!id) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      if (!/^[A-Za-z_$][\w$]*$/.test(id)) throw new Error(`operationId ${JSON.stringify(id)} is not an identifier; ${id}Meta could not be exported`);
      const servers = operation.servers ?? item.servers;
      const security = operation.security ?? document.security ?? [];
      const schemeNames = [...new Set(security.flatMap((requirement) => Object.keys(requirement)))];
      const tokenPrefixes = [...new Set(schemeNames.flatMap((name) => resolve(document, schemes[name])?.['x-token-prefixes'] ?? []))];
      const pagination = operation['x-pagination'];
      const queryCredential = schemeNames.map((name) => resolve(document, schemes[name])).find((scheme) => scheme?.type === 'apiKey' && scheme.in === 'query');
      const requestBody = resolve(document, operation.requestBody);
      const ndjsonType = Object.entries(requestBody?.content ?? {}).find(([, media]) => media?.['x-ndjson']);
      const mediaTypes = Object.keys(requestBody?.content ?? {});
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(document, parameter));
      operations[id] = {
        method: method.toUpperCase(),
        path,
        serverUrl: servers ? firstServerUrl(servers, id) : rootServer,
        idempotent: SAFE_METHODS.has(method.toUpperCase()) || operation['x-idempotent'] === true,
        securitySchemes: schemeNames,
        tokenPrefixes,
        /** Query parameter that may carry the credential (for callers that cannot set headers), if any. */
        queryCredentialParam: queryCredential?.name ?? null,
        // Every x-pagination field, null when absent, so clients read one shape for cursor, before and page strategies.
        pagination: pagination ? Object.fromEntries(PAGINATION_FIELDS.map((field) => [field, pagination[field] ?? null])) : null,
        maxBodyBytes: operation['x-max-body-bytes'] ?? null,
        ndjson: ndjsonType ? { mediaType: ndjsonType[0], maxItems: ndjsonType[1]['x-ndjson'].maxItems ?? null } : null,
        dedupeField: operation['x-dedupe-field'] ?? null,
        retry: retryTable(document, operation),
        /** The body's media type (the NDJSON one, else the first JSON one), set on every call with a body. */
        contentType: ndjsonType?.[0] ?? mediaTypes.find((type) => /json/i.test(type)) ?? mediaTypes[0] ?? null,
        /** A Content-Encoding request header is documented: bodies may be gzip-compressed. */
        gzip: parameters.some((parameter) => parameter?.in === 'header' && parameter.name?.toLowerCase() === 'content-encoding'),
      };
    }
  }
  return operations;
}

/** The TypeScript source of spec-meta.gen.ts for a spec document. */
export function renderMeta(document, specPackage) {
  const rootServer = firstServerUrl(document.servers, 'the document');
  const schemes = document.components?.securitySchemes ?? {};
  const operations = operationMetaTable(document);
  const schemeTable = Object.fromEntries(
    Object.entries(schemes).map(([name, raw]) => {
      const scheme = resolve(document, raw);
      return [name, { type: scheme.type, scheme: scheme.scheme ?? null, in: scheme.in ?? null, name: scheme.name ?? null, tokenPrefixes: scheme['x-token-prefixes'] ?? [] }];
    }),
  );
  // Token prefixes per server: a client talks to one server, so this is what its credential check needs
  // without the whole operation table in a bundle.
  const serverTokenPrefixes = {};
  for (const meta of Object.values(operations)) {
    serverTokenPrefixes[meta.serverUrl] = [...new Set([...(serverTokenPrefixes[meta.serverUrl] ?? []), ...meta.tokenPrefixes])];
  }
  // One export per operation (`getIssueMeta`), so a bundler keeps only the operations a consumer calls.
  const perOperation = Object.entries(operations).map(([id, meta]) => `export const ${id}Meta = ${JSON.stringify(meta, null, 2)} as const;\n`);
  return [
    `// Generated by @apiforge/client-gen from ${specPackage}. Do not edit.`,
    '',
    `export const SPEC_VERSION = ${JSON.stringify(document.info?.version ?? '')};`,
    '',
    '/** The document-level server: where operations without their own `servers` go. */',
    `export const DEFAULT_SERVER_URL = ${JSON.stringify(rootServer)};`,
    '',
    `export const SECURITY_SCHEMES = ${JSON.stringify(schemeTable, null, 2)} as const;`,
    '',
    '/** Credential prefixes (x-token-prefixes) the operations of each server accept. */',
    `export const SERVER_TOKEN_PREFIXES = ${JSON.stringify(serverTokenPrefixes, null, 2)} as const;`,
    '',
    ...perOperation,
    'export const OPERATION_META = {',
    ...Object.keys(operations).map((id) => `  ${id}: ${id}Meta,`),
    '} as const;',
    '',
    'export type OperationId = keyof typeof OPERATION_META;',
    '',
  ].join('\n');
}

/** `x-retry` of every documented response of the operation, by status (responses without one are left out). */
function retryTable(document, operation) {
  const table = {};
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    const retry = resolve(document, raw)?.['x-retry'];
    if (retry && typeof retry === 'object') table[status] = retry;
  }
  return table;
}

function resolve(document, value) {
  let current = value;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, key) => node?.[key], document);
  }
  return current;
}

function firstServerUrl(servers, where) {
  const url = servers?.[0]?.url;
  if (typeof url !== 'string' || url === '') throw new Error(`No server URL for ${where}`);
  if (url.includes('{')) throw new Error(`Server URL of ${where} has variables; the client cannot default to it: ${url}`);
  return url.replace(/\/+$/, '');
}
