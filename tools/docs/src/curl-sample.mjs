// A curl command for one operation, derived only from the spec: method, server (path-level servers
// honoured), path with example parameters, the credential its security scheme asks for, example body.
import { parametersOf, parameterValue, requestBodyExample, securitySchemesOf, serverUrlOf } from './spec-walk.mjs';

const shellQuote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

function credentialPlaceholder(scheme) {
  const prefix = scheme['x-token-prefixes']?.[0];
  return prefix ? `${prefix}YOUR_KEY` : 'YOUR_TOKEN';
}

function authParts(scheme, credential = credentialPlaceholder(scheme)) {
  switch (scheme.type) {
    case 'http':
      if (scheme.scheme?.toLowerCase() === 'basic') return { args: [`--user ${shellQuote('USERNAME:PASSWORD')}`] };
      return { headers: [[`Authorization`, `${scheme.scheme?.toLowerCase() === 'bearer' ? 'Bearer' : scheme.scheme} ${credential}`]] };
    case 'apiKey':
      if (scheme.in === 'header') return { headers: [[scheme.name, credential]] };
      if (scheme.in === 'query') return { query: [[scheme.name, credential]] };
      return { headers: [['Cookie', `${scheme.name}=${credential}`]] };
    case 'oauth2':
    case 'openIdConnect':
      return { headers: [['Authorization', `Bearer ${credential}`]] };
    default:
      throw new Error(`unsupported security scheme type ${scheme.type}`);
  }
}

const stringify = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The pieces of the example request, shared by the curl sample and the client sample arguments. `values`
 * (by parameter name) replaces the documented example of a path or query parameter the request sends
 * (the sandbox's seeded records).
 */
export function exampleRequest(spec, { path, pathItem, operation }, { omitQuery = [], values = {} } = {}) {
  const pathParams = {};
  const query = {};
  const headers = {};
  for (const parameter of parametersOf(spec, pathItem, operation)) {
    const documented = parameterValue(spec, parameter);
    const replaced = (parameter.in === 'path' || parameter.in === 'query') && documented !== undefined && Object.hasOwn(values, parameter.name);
    const value = replaced ? values[parameter.name] : documented;
    if (value === undefined) continue;
    if (parameter.in === 'path') pathParams[parameter.name] = value;
    else if (parameter.in === 'query' && !omitQuery.includes(parameter.name)) query[parameter.name] = value;
    else if (parameter.in === 'header' && parameter.required) headers[parameter.name] = value;
  }
  const resolvedPath = path.replace(/\{([^}]+)\}/g, (_, name) => {
    if (!(name in pathParams)) throw new Error(`${operation.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(stringify(pathParams[name]));
  });
  const body = requestBodyExample(spec, operation);
  return { serverUrl: serverUrlOf(spec, pathItem, operation), resolvedPath, pathParams, query, headers, body };
}

/**
 * `target` (optional) sends the request elsewhere than the spec's server: `{ serverUrl, credential(name,
 * scheme, scopes) }` replaces the server and the credential placeholders; `omitQuery` drops parameters;
 * `values` replaces parameter examples by name.
 */
export function curlSample(spec, entry, target) {
  const request = exampleRequest(spec, entry, { omitQuery: target?.omitQuery, values: target?.values });
  if (target?.serverUrl) request.serverUrl = target.serverUrl;
  const auth = securitySchemesOf(spec, entry.operation).map(({ name, scheme, scopes }) =>
    authParts(scheme, target?.credential ? target.credential(name, scheme, scopes) : undefined),
  );
  const queryPairs = [
    ...Object.entries(request.query).map(([name, value]) => [name, stringify(value)]),
    ...auth.flatMap((part) => part.query ?? []),
  ];
  const search = new URLSearchParams(queryPairs).toString();
  const url = `${request.serverUrl}${request.resolvedPath}${search ? `?${search}` : ''}`;

  const lines = [`curl ${entry.method === 'get' ? '' : `-X ${entry.method.toUpperCase()} `}${shellQuote(url)}`];
  for (const part of auth) {
    for (const [name, value] of part.headers ?? []) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    lines.push(...(part.args ?? []));
  }
  for (const [name, value] of Object.entries(request.headers)) lines.push(`-H ${shellQuote(`${name}: ${stringify(value)}`)}`);
  if (request.body) {
    lines.push(`-H ${shellQuote(`Content-Type: ${request.body.mediaType}`)}`);
    if (request.body.value !== undefined) {
      // NDJSON is one JSON document per line: never pretty-printed, sent byte for byte.
      const ndjson = /[/+](x-)?(ndjson|jsonl|json-seq)\b/.test(request.body.mediaType);
      const value = request.body.value;
      const payload = typeof value === 'string' ? value : ndjson ? [value].flat().map((line) => JSON.stringify(line)).join('\n') : JSON.stringify(value, null, 2);
      lines.push(`${ndjson ? '--data-binary' : '--data'} ${shellQuote(payload)}`);
    }
  }
  return lines.join(' \\\n  ');
}
