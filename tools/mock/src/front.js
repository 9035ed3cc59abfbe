// A thin front of ours before Prism, for what Prism 5.14 cannot do with the requests our own clients send
// by default: it decodes gzip request bodies (Prism cannot read them) and answers NDJSON uploads (Prism
// treats them as one string) by validating each line against the spec and replying with the spec's own
// documented responses. It also refuses a path or query with malformed percent-encoding (Prism 5.14 drops
// the connection on one and answers nothing afterwards). Everything else goes to Prism unchanged: Prism
// stays the engine.
import { request as httpRequest, createServer } from 'node:http';
import { gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Compressed bodies are read up to this size, and decoded up to this size again (a bomb stops here). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
const SPEC_ID = 'https://apiforge.invalid/mock/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compileRoutes(spec) {
  const routes = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map(escapeRegex).join('[^/]+')}/?$`);
    for (const method of METHODS) if (item[method]) routes.push({ method: method.toUpperCase(), path, pattern, operation: item[method] });
  }
  // Literal paths before templated ones, as Prism and OpenAPI do.
  return routes.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
}

function deref(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc, key) => acc?.[key], spec);
  }
  return current;
}

const pointerOf = (...segments) => `#/${segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** The documented answer for a status: its first (or the named) example, with its declared headers' examples. */
function documentedReply(spec, operation, status, exampleName) {
  const response = deref(spec, operation.responses?.[String(status)]);
  if (!response) return undefined;
  const headers = {};
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const resolved = deref(spec, header);
    const value = resolved?.example ?? resolved?.schema?.const ?? resolved?.schema?.example;
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (!mediaType) return { status: Number(status), headers, body: undefined };
  const examples = Object.entries(media.examples ?? {});
  const chosen = (exampleName && examples.find(([name]) => name === exampleName)) || examples[0];
  const value = chosen ? deref(spec, chosen[1])?.value : media.example;
  return { status: Number(status), headers: { ...headers, 'content-type': mediaType }, body: value === undefined ? undefined : JSON.stringify(value) };
}

function parsePrefer(header) {
  const prefer = {};
  for (const part of String(header ?? '').split(',')) {
    const [key, value] = part.split('=').map((s) => s?.trim());
    if (key && value) prefer[key.toLowerCase()] = value.replace(/^"|"$/g, '');
  }
  return prefer;
}

function hasCredential(spec, operation, req, url) {
  const requirements = operation.security ?? spec.security ?? [];
  if (requirements.length === 0) return true;
  return requirements.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = spec.components?.securitySchemes?.[name];
      if (!scheme) return false;
      if (scheme.type === 'http') return /^\S+\s+\S+/.test(String(req.headers.authorization ?? ''));
      if (scheme.type === 'apiKey' && scheme.in === 'header') return Boolean(req.headers[scheme.name.toLowerCase()]);
      if (scheme.type === 'apiKey' && scheme.in === 'query') return url.searchParams.has(scheme.name);
      return true;
    }),
  );
}

function lowestStatus(operation, predicate) {
  return Object.keys(operation.responses ?? {})
    .filter((status) => /^\d{3}$/.test(status) && predicate(Number(status)))
    .sort()[0];
}

/**
 * Whether the raw request target has malformed percent-encoding in its path or query: a `%` not followed
 * by two hex digits, or escapes that do not decode to UTF-8 (`%ff`, a lone `%C3`), which is what
 * decodeURIComponent refuses. Prism 5.14.2 crashes on such a path and stops answering for good.
 */
export function hasMalformedPercentEncoding(target) {
  const raw = String(target ?? '');
  const hash = raw.indexOf('#');
  const withoutFragment = hash === -1 ? raw : raw.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const parts = question === -1 ? [withoutFragment] : [withoutFragment.slice(0, question), ...withoutFragment.slice(question + 1).split(/[&=]/)];
  for (const part of parts) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part);
    } catch {
      return true;
    }
  }
  return false;
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { code: 'TOO_LARGE' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function decode(body, encoding) {
  const name = String(encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return body;
  const options = { maxOutputLength: MAX_BODY_BYTES };
  if (name === 'gzip' || name === 'x-gzip') return gunzipAsync(body, options);
  if (name === 'deflate') return inflateAsync(body, options);
  throw Object.assign(new Error(`unsupported Content-Encoding ${name}`), { code: 'ENCODING' });
}

/**
 * Starts the front on host:port and forwards to Prism at prismUrl (a URL, or a function returning it:
 * the front is bound before Prism starts, so a taken port fails before anything else runs).
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startFront({ spec, prismUrl, host = '127.0.0.1', port = 0 }) {
  const routes = compileRoutes(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  const validators = new Map();
  const validatorFor = (pointer) => {
    if (!validators.has(pointer)) validators.set(pointer, ajv.compile({ $ref: `${SPEC_ID}${pointer}` }));
    return validators.get(pointer);
  };
  const upstreamOf = typeof prismUrl === 'function' ? prismUrl : () => prismUrl;

  const reply = (res, answer) => {
    if (!answer) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'The spec documents no answer for this case.' }));
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  /**
   * The 400 for a malformed path or query, refused before Prism sees it. Where the route documents a 400,
   * the answer has its shape: the documented example with our message in its `error`/`message` field,
   * trimmed to that field alone when the schema allows it (checked against the response schema).
   */
  function malformedTargetReply(route) {
    const message = 'The request path or query has malformed percent-encoding: a % must start an escape of two hex digits that decodes to UTF-8 (e.g. %20).';
    const plain = { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: message }) };
    const status = route && lowestStatus(route.operation, (s) => s === 400);
    const documented = status && documentedReply(spec, route.operation, status);
    if (!documented?.body || !/json/i.test(documented.headers['content-type'] ?? '')) return documented ?? plain;
    const example = JSON.parse(documented.body);
    const key = example && typeof example === 'object' && ['error', 'message', 'detail', 'title'].find((k) => typeof example[k] === 'string');
    if (!key) return documented;
    const declared = route.operation.responses[status];
    const base = typeof declared.$ref === 'string' ? declared.$ref : pointerOf('paths', route.path, route.method.toLowerCase(), 'responses', status);
    const mediaType = documented.headers['content-type'];
    if (!deref(spec, declared)?.content?.[mediaType]?.schema) return documented;
    const validate = validatorFor(`${base}/${pointerOf('content', mediaType).slice(2)}/schema`);
    const candidate = [{ [key]: message }, { ...example, [key]: message }].find((body) => validate(body));
    return candidate ? { ...documented, body: JSON.stringify(candidate) } : documented;
  }

  /** An NDJSON upload, validated line by line against the spec's line schema and its x-ndjson limits. */
  function answerNdjson(req, res, url, route, mediaType, media, text) {
    const { operation } = route;
    const prefer = parsePrefer(req.headers.prefer);
    if (prefer.code) return reply(res, documentedReply(spec, operation, prefer.code, prefer.example));
    if (!hasCredential(spec, operation, req, url)) return reply(res, documentedReply(spec, operation, lowestStatus(operation, (s) => s === 401)));
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const maxItems = media['x-ndjson']?.maxItems;
    const invalid = lowestStatus(operation, (s) => s === 400 || s === 422);
    if (lines.length === 0 || (maxItems !== undefined && lines.length > maxItems)) return reply(res, documentedReply(spec, operation, invalid, prefer.example));
    const validate = validatorFor(`${pointerOf('paths', route.path, route.method.toLowerCase(), 'requestBody', 'content', mediaType)}/schema`);
    for (const line of lines) {
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        return reply(res, documentedReply(spec, operation, invalid));
      }
      if (!validate(value)) return reply(res, documentedReply(spec, operation, invalid));
    }
    return reply(res, documentedReply(spec, operation, lowestStatus(operation, (s) => s >= 200 && s < 300)));
  }

  function forward(req, res, body) {
    const upstream = new URL(upstreamOf());
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    if (body !== undefined) headers['content-length'] = String(body.length);
    else if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
    const proxied = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const out = {};
        for (const [name, value] of Object.entries(answer.headers)) if (name !== 'connection' && name !== 'keep-alive') out[name] = value;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    proxied.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `The mock's Prism process did not answer: ${error.code ?? error.message}` }));
    });
    if (body !== undefined) proxied.end(body);
    else req.pipe(proxied);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (hasMalformedPercentEncoding(req.url)) {
      res.setHeader('connection', 'close');
      return reply(res, malformedTargetReply(route));
    }
    const encoding = req.headers['content-encoding'];
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const bodyContent = route ? deref(spec, route.operation.requestBody)?.content ?? {} : {};
    const ndjson = Object.entries(bodyContent).find(([type, media]) => type.toLowerCase() === contentType && media['x-ndjson']);
    if (!encoding && !ndjson) return forward(req, res, undefined);
    let body;
    try {
      body = await decode(await readBody(req), encoding);
    } catch (error) {
      const status = error.code === 'ENCODING' ? 415 : error.code === 'TOO_LARGE' || error.code === 'ERR_BUFFER_TOO_LARGE' ? 413 : 400;
      const documented = route && (documentedReply(spec, route.operation, status) ?? documentedReply(spec, route.operation, lowestStatus(route.operation, (s) => s === 400)));
      return reply(res, documented ?? { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: `Request body could not be read: ${error.message}` }) });
    }
    if (ndjson) return answerNdjson(req, res, url, route, ndjson[0], ndjson[1], body.toString('utf8'));
    return forward(req, res, body);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
