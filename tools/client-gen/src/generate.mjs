/**
 * Regenerates a client's src/generated from a bundled spec:
 * - hey-api: types and one function per operation (no module-level client: every call names its client);
 * - spec-meta.gen.ts: the facts the hand-written layer reads from the spec (servers, credential schemes
 *   and prefixes, idempotency, pagination, body limits, NDJSON line caps, dedupe fields and the x-retry
 *   policy of every documented error status), so no URL, prefix or retry rule is typed by hand.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createClient } from '@hey-api/openapi-ts';
import { renderSurface } from './surface.mjs';

export { describeOperations, nameOf, renderSurface } from './surface.mjs';

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

/**
 * @typedef {object} SurfaceClient One client class of the package.
 * @property {string} className e.g. `LucentClient`
 * @property {string} factory the `/operations` entry's connection factory, e.g. `createLucentDataClient`
 * @property {string[]} schemes the security schemes whose operations this client sends
 * @property {{ option: string, env: string, label: string, headersOnly?: boolean }} credential
 * @property {string} baseUrlEnv the environment variable read for the base URL
 * @property {string[]} [baseUrlAliases] deprecated option names for `baseUrl`
 * @property {Record<string, { option: string, env: string, label: string }>} [fixedPath] path parameters taken once from an option
 * @property {boolean} [extendedBy] the package extends the generated class (it is then named `<className>Base`)
 * @property {string} [doc]
 *
 * @typedef {object} SurfaceConfig What the spec cannot say about a client package's surface.
 * @property {string} packageName
 * @property {string} envPrefix `LUCENT`: `LUCENT_LOG` sets the log level
 * @property {string} errorClass the credential error's class name
 * @property {Record<string, SurfaceClient>} clients by kind (`data`, `ingest`)
 * @property {Record<string, { resource?: string, method?: string, resultName?: string }>} [operations] naming overrides
 */

/**
 * @param {{ packageRoot: string, specPath: string, specPackage: string, surface?: SurfaceConfig }} options
 *   packageRoot: the client package folder; specPath: the bundled openapi.json; specPackage: its npm name (for the
 *   header); surface: the client classes (without it, only hey-api's output and spec-meta.gen.ts are written).
 */
export async function generateClient({ packageRoot, specPath, specPackage, surface }) {
  const outputDir = `${packageRoot.replace(/\/+$/, '')}/src/generated`;
  const spec = JSON.parse(await readFile(specPath, 'utf8'));
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const cwd = process.cwd();
  process.chdir(packageRoot);
  try {
    await createClient({
      input: specPath,
      output: { path: outputDir, module: { extension: '.js' } },
      plugins: [
        '@hey-api/typescript',
        { name: '@hey-api/sdk', client: false },
        { name: '@hey-api/client-fetch', throwOnError: true },
      ],
      logs: { level: 'silent' },
    });
  } finally {
    process.chdir(cwd);
  }
  await writeFile(`${outputDir}/spec-meta.gen.ts`, renderMeta(spec, specPackage));
  if (surface) {
    const typesSource = await readFile(`${outputDir}/types.gen.ts`, 'utf8');
    const files = renderSurface(spec, surface, { typesSource, specPackage });
    await writeFile(`${outputDir}/operations.gen.ts`, files.operations);
    await writeFile(`${outputDir}/resources.gen.ts`, files.resources);
    await writeFile(`${outputDir}/samples.gen.ts`, files.samples);
  }
}

/** The TypeScript source of spec-meta.gen.ts for a spec document. */
export function renderMeta(document, specPackage) {
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
