// Adds Redoc's `x-codeSamples` (curl + TypeScript client, and for a paginated list a TypeScript loop over
// every page) to every operation of a copy of the spec, for two targets: production (the spec's servers,
// placeholder credentials) and the local sandbox (its URL and fixture credentials).
import { curlSample, exampleRequest } from './curl-sample.mjs';
import { sandboxCredential, sandboxSetup } from './sandbox-target.mjs';
import { operations, securitySchemesOf, serverUrlOf } from './spec-walk.mjs';

export const CURL_LABEL = 'curl';
export const TYPESCRIPT_LABEL = 'TypeScript';
export const ALL_PAGES_LABEL = 'TypeScript: every page';
export const TARGETS = ['production', 'sandbox'];

/** The key of an operation in the sandbox sample table (and in the page that swaps samples). */
export const operationKey = ({ method, path }) => `${method.toUpperCase()} ${path}`;

const paginationOf = (operation) => operation['x-pagination'];

/** Query parameters that select a later page: a sample walking every page starts at the first. */
const pageSelectors = (operation) => [paginationOf(operation)?.cursorParam, paginationOf(operation)?.pageParam].filter(Boolean);

/** The example values handed to a client's operationSamples[operationId], grouped like the spec's parameters. */
export function sampleArgs(spec, entry, options) {
  const request = exampleRequest(spec, entry, options);
  return { path: request.pathParams, query: request.query, body: request.body?.value };
}

function typescriptCall(clientSamples, operationId, args) {
  const call = clientSamples.samples[operationId](args);
  if (typeof call !== 'string' || call.trim() === '') {
    throw new Error(`${clientSamples.packageName}: operationSamples.${operationId} returned no source`);
  }
  return call;
}

const withSetup = (setup, call) => (setup ? `${setup.trimEnd()}\n\n${call}` : call);

/** `issues` → `issue`; anything that does not look like a plural → `item`. */
function itemName(itemsField) {
  const last = String(itemsField ?? '').split('.').at(-1);
  return /^[a-z][A-Za-z]{2,}s$/.test(last) ? last.slice(0, -1) : 'item';
}

/**
 * A call rendered as `const page = await client.issues.list({...});` turned into a loop over every item
 * of every page: the clients' list methods return a lazy page that is also an async iterator.
 */
export function allPagesCall(call, pagination) {
  const match = /^const \w+ = await ([\w$.]+)\(([\s\S]*)\);$/.exec(call.trim());
  if (!match) throw new Error(`cannot turn this call into a loop over every page:\n${call}`);
  const item = itemName(pagination.itemsField);
  return [
    '// Every page: the list is an async iterator that requests the next page when the loop needs it.',
    `for await (const ${item} of ${match[1]}(${match[2]})) {`,
    `  console.log(${item});`,
    '}',
  ].join('\n');
}

function sandboxServerUrl(target, spec, entry) {
  const production = new URL(serverUrlOf(spec, entry.pathItem, entry.operation));
  return `${target.url}${production.pathname.replace(/\/+$/, '')}`;
}

/** The credential a sandbox sample sends for an operation: the one of its first security scheme. */
function sandboxCredentialFor(target, schemes) {
  const [first] = schemes;
  return first ? sandboxCredential(target, first.name, first.scheme, first.scopes) : undefined;
}

/** The seeded values (by parameter name) of the credential's tenant; none for an operation without one. */
function sandboxValuesFor(target, credential) {
  return (credential && target.sampleValues?.get(credential.org)) ?? {};
}

/**
 * Returns a copy of the spec with production samples on every operation, the sandbox samples by
 * operation key (`GET /path`), and every TypeScript source by file name (`<operationId>[.all-pages]
 * [.sandbox]`) so tests can compile exactly what the page shows.
 */
export function withCodeSamples(spec, clientSamples, sandbox) {
  const copy = structuredClone(spec);
  const typescriptSources = {};
  const allTypescriptSources = {};
  const sandboxSamples = {};
  for (const entry of operations(copy)) {
    const { operation } = entry;
    const id = operation.operationId ?? operationKey(entry);
    if (clientSamples && typeof clientSamples.samples[operation.operationId] !== 'function') {
      throw new Error(`${clientSamples.packageName}: operationSamples has no sample for ${id}`);
    }
    const pagination = paginationOf(operation);
    const authored = operation['x-codeSamples'] ?? [];
    const targets = sandbox ? TARGETS : ['production'];
    for (const target of targets) {
      const isSandbox = target === 'sandbox';
      const samples = [];
      let credential;
      let curlTarget;
      if (isSandbox) {
        const schemes = securitySchemesOf(copy, operation);
        credential = sandboxCredentialFor(sandbox, schemes);
        curlTarget = {
          serverUrl: sandboxServerUrl(sandbox, copy, entry),
          credential: (name, scheme, scopes) => sandboxCredential(sandbox, name, scheme, scopes).value,
          // The sandbox signs its own cursors and refuses any other: a sample starts at the first page.
          omitQuery: pagination?.cursorParam ? [pagination.cursorParam] : [],
          // Records of the credential's tenant that the sandbox seeds (the reference's example ids are not there).
          values: sandboxValuesFor(sandbox, credential),
        };
      }
      samples.push({ lang: 'Shell', label: CURL_LABEL, source: curlSample(copy, entry, curlTarget) });
      if (clientSamples) {
        let setup = clientSamples.setup?.(operation.operationId);
        if (isSandbox && setup) {
          const schemes = securitySchemesOf(copy, operation);
          setup = sandboxSetup(setup, {
            url: sandboxServerUrl(sandbox, copy, entry),
            credential,
            prefixes: schemes.flatMap(({ scheme }) => scheme['x-token-prefixes'] ?? []),
            command: sandbox.command,
            clientDir: clientSamples.packageDir,
          });
        }
        const suffix = isSandbox ? '.sandbox' : '';
        const call = typescriptCall(clientSamples, operation.operationId, sampleArgs(copy, entry, { omitQuery: curlTarget?.omitQuery, values: curlTarget?.values }));
        const source = withSetup(setup, call);
        allTypescriptSources[`${id}${suffix}`] = source;
        if (!isSandbox) typescriptSources[id] = source;
        samples.push({ lang: 'TypeScript', label: TYPESCRIPT_LABEL, source });
        if (pagination) {
          const firstPageArgs = sampleArgs(copy, entry, { omitQuery: pageSelectors(operation), values: curlTarget?.values });
          const loop = withSetup(setup, allPagesCall(typescriptCall(clientSamples, operation.operationId, firstPageArgs), pagination));
          allTypescriptSources[`${id}.all-pages${suffix}`] = loop;
          samples.push({ lang: 'TypeScript', label: ALL_PAGES_LABEL, source: loop });
        }
      }
      const all = [...samples, ...authored];
      if (isSandbox) sandboxSamples[operationKey(entry)] = all;
      else operation['x-codeSamples'] = all;
    }
  }
  return { spec: copy, typescriptSources, allTypescriptSources, sandboxSamples };
}
