// A static, self-contained HTML view of one operation as a reader of the reference docs sees it: summary,
// description, deprecation and sunset, parameters, request body fields, responses with their headers and
// fields, security, our assumptions, pagination and limits. tools/docs renders whole APIs with Redoc in the
// browser and exposes no per-operation HTML renderer, so the review page renders operations itself. Rows
// that exist on only one side are marked, so before and after can be read side by side.
import { escapeHtml as esc } from './html.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface OperationRef {
  method: string;
  path: string;
}

function resolve(doc: Json, node: unknown): Json {
  let current: unknown = node;
  for (let hops = 0; hops < 32 && isObj(current) && typeof current.$ref === 'string'; hops += 1) {
    const { $ref, ...siblings } = current;
    const target = ($ref as string).startsWith('#/')
      ? ($ref as string).slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((node2, key) => (isObj(node2) ? node2[key] : undefined), doc)
      : undefined;
    current = isObj(target) ? { ...target, ...siblings } : siblings;
  }
  return isObj(current) ? current : {};
}

/** The path template that matches `path` by shape (`/a/{id}` ≡ `/a/{x}`), as spec-diff matches routes. */
export function findOperation(doc: Json | undefined, ref: OperationRef): { path: string; pathItem: Json; operation: Json } | undefined {
  if (!doc) return undefined;
  const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  for (const [path, raw] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (shape(path) !== shape(ref.path)) continue;
    const pathItem = resolve(doc, raw);
    const operation = pathItem[ref.method.toLowerCase()];
    if (isObj(operation)) return { path, pathItem, operation };
  }
  return undefined;
}

function typeText(doc: Json, node: unknown): string {
  const schema = resolve(doc, node);
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    const variants = (schema.oneOf ?? schema.anyOf) as unknown[];
    return variants.map((v) => (isObj(v) && typeof v.$ref === 'string' ? (v.$ref as string).split('/').pop() : typeText(doc, v))).join(' | ');
  }
  if (schema.const !== undefined) return `const ${JSON.stringify(schema.const)}`;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).join(' | ') : typeof schema.type === 'string' ? schema.type : schema.properties ? 'object' : 'any';
  const items = type.includes('array') ? `<${typeText(doc, schema.items)}>` : '';
  const extras: string[] = [];
  if (typeof schema.format === 'string') extras.push(schema.format);
  if (Array.isArray(schema.enum)) extras.push(`enum: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  for (const bound of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
    if (typeof schema[bound] === 'number') extras.push(`${bound} ${schema[bound]}`);
  }
  if (typeof schema.pattern === 'string') extras.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) extras.push(`default ${JSON.stringify(schema.default)}`);
  return `${type}${items}${extras.length ? ` (${extras.join('; ')})` : ''}`;
}

interface Row {
  key: string;
  cells: string[];
  deprecated?: boolean;
  note?: string;
}

/** Fields of a body schema, flattened to dotted names (depth-bounded; allOf members merged). */
function fieldRows(doc: Json, node: unknown, prefix = '', depth = 0, seen = new Set<unknown>()): Row[] {
  const schema = resolve(doc, node);
  if (depth > 4 || seen.has(schema)) return [];
  const next = new Set(seen).add(schema);
  const rows: Row[] = [];
  const members = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.map((m) => resolve(doc, m)) : [])];
  const required = new Set(members.flatMap((m) => (Array.isArray(m.required) ? (m.required as string[]) : [])));
  for (const member of members) {
    for (const [name, raw] of Object.entries(isObj(member.properties) ? member.properties : {})) {
      const child = resolve(doc, raw);
      const key = `${prefix}${name}`;
      rows.push({
        key,
        cells: [key, typeText(doc, child), required.has(name) ? 'required' : '', typeof child.description === 'string' ? child.description : ''],
        deprecated: child.deprecated === true,
        ...(typeof child['x-assumption'] === 'string' ? { note: child['x-assumption'] as string } : {}),
      });
      const childType = Array.isArray(child.type) ? child.type : [child.type];
      if (childType.includes('array')) rows.push(...fieldRows(doc, child.items, `${key}[].`, depth + 1, next));
      else if (isObj(child.properties) || Array.isArray(child.allOf)) rows.push(...fieldRows(doc, child, `${key}.`, depth + 1, next));
    }
  }
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (rows.length === 0 && depth === 0 && type.includes('array')) return fieldRows(doc, schema.items, '[].', depth + 1, next);
  return rows;
}

function paragraphs(text: unknown): string {
  if (typeof text !== 'string' || !text.trim()) return '';
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')}</p>`)
    .join('');
}

function table(headers: string[], rows: Row[], other: Set<string>, sideWord: string): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const body = rows
    .map((row) => {
      const only = !other.has(row.key);
      const classes = [only ? 'only' : '', row.deprecated ? 'deprecated' : ''].filter(Boolean).join(' ');
      const cells = row.cells.map((cell, index) => `<td>${index === 0 ? `<code>${esc(cell)}</code>` : esc(cell)}</td>`).join('');
      const marks = `${only ? ` <span class="tag">only ${sideWord}</span>` : ''}${row.deprecated ? ' <span class="tag dep">deprecated</span>' : ''}`;
      const note = row.note ? `<tr class="assumption"><td colspan="${headers.length}">Our assumption: ${esc(row.note)}</td></tr>` : '';
      return `<tr${classes ? ` class="${classes}"` : ''}>${cells.replace('</td>', `${marks}</td>`)}</tr>${note}`;
    })
    .join('');
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

interface Parts {
  params: Row[];
  body: Map<string, Row[]>;
  responses: Map<string, { description: string; headers: Row[]; fields: Map<string, Row[]>; note?: string }>;
}

function parts(doc: Json, pathItem: Json, operation: Json): Parts {
  const params = new Map<string, Row>();
  for (const raw of [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
    const p = resolve(doc, raw);
    const key = `${String(p.in)}.${String(p.name)}`;
    params.set(key, {
      key,
      cells: [String(p.name), String(p.in), typeText(doc, p.schema ?? (isObj(p.content) ? resolve(doc, Object.values(p.content)[0]).schema : undefined)), p.required === true ? 'required' : '', typeof p.description === 'string' ? p.description : ''],
      deprecated: p.deprecated === true,
      ...(typeof p['x-assumption'] === 'string' ? { note: p['x-assumption'] as string } : {}),
    });
  }
  const body = new Map<string, Row[]>();
  const requestBody = resolve(doc, operation.requestBody);
  for (const [media, raw] of Object.entries(isObj(requestBody.content) ? requestBody.content : {})) body.set(media, fieldRows(doc, resolve(doc, raw).schema));
  const responses = new Map<string, { description: string; headers: Row[]; fields: Map<string, Row[]>; note?: string }>();
  for (const [status, raw] of Object.entries(isObj(operation.responses) ? operation.responses : {})) {
    const response = resolve(doc, raw);
    const headers = Object.entries(isObj(response.headers) ? response.headers : {}).map(([name, h]): Row => {
      const header = resolve(doc, h);
      return { key: name.toLowerCase(), cells: [name, typeText(doc, header.schema), header.required === true ? 'required' : '', typeof header.description === 'string' ? header.description : ''] };
    });
    const fields = new Map<string, Row[]>();
    for (const [media, m] of Object.entries(isObj(response.content) ? response.content : {})) fields.set(media, fieldRows(doc, resolve(doc, m).schema));
    responses.set(status, { description: typeof response.description === 'string' ? response.description : '', headers, fields, ...(typeof response['x-assumption'] === 'string' ? { note: response['x-assumption'] as string } : {}) });
  }
  return { params: [...params.values()], body, responses };
}

const keys = (rows: Row[] | undefined) => new Set((rows ?? []).map((r) => r.key));

/** One side of the before/after view; `other` is the operation on the opposite side, to mark differences. */
export function renderOperation(doc: Json | undefined, ref: OperationRef, otherDoc: Json | undefined, side: 'before' | 'after'): string {
  const found = findOperation(doc, ref);
  if (!found || !doc) return `<div class="op missing"><p class="muted">${side === 'before' ? 'Not in the base: the operation is new.' : 'Removed: the operation is not in the working tree.'}</p></div>`;
  const { operation, pathItem } = found;
  const mine = parts(doc, pathItem, operation);
  const otherFound = findOperation(otherDoc, ref);
  const theirs = otherFound && otherDoc ? parts(otherDoc, otherFound.pathItem, otherFound.operation) : { params: [], body: new Map(), responses: new Map() } as Parts;
  const word = side === 'before' ? 'before' : 'after';
  const out: string[] = [`<div class="op">`];
  out.push(`<h4><span class="method">${esc(ref.method.toUpperCase())}</span> <code>${esc(found.path)}</code></h4>`);
  if (typeof operation.summary === 'string') out.push(`<p class="summary">${esc(operation.summary)}</p>`);
  if (typeof operation.operationId === 'string') out.push(`<p class="muted">operationId <code>${esc(operation.operationId)}</code></p>`);
  if (operation.deprecated === true) {
    out.push(`<p class="banner dep">Deprecated${typeof operation['x-sunset'] === 'string' ? `; sunset ${esc(operation['x-sunset'])}` : ''}.</p>`);
  }
  out.push(paragraphs(operation.description));
  if (typeof operation['x-assumption'] === 'string') out.push(`<p class="banner assumption">Our assumption: ${esc(operation['x-assumption'])}</p>`);
  const facts: string[] = [];
  const security = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  facts.push(`security: ${security.length ? security.map((req) => Object.entries(isObj(req) ? req : {}).map(([name, scopes]) => `${name}${Array.isArray(scopes) && scopes.length ? `[${scopes.join(', ')}]` : ''}`).join(' + ') || 'anonymous').join(' or ') : 'none'}`);
  for (const ext of ['x-pagination', 'x-rate-limit', 'x-idempotent', 'x-max-body-bytes']) if (operation[ext] !== undefined) facts.push(`${ext}: ${JSON.stringify(operation[ext])}`);
  out.push(`<ul class="facts">${facts.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul>`);
  out.push('<h5>Parameters</h5>', table(['name', 'in', 'type', '', 'description'], mine.params, keys(theirs.params), word));
  if (mine.body.size) {
    for (const [media, rows] of mine.body) out.push(`<h5>Request body <code>${esc(media)}</code>${theirs.body.has(media) ? '' : ` <span class="tag">only ${word}</span>`}</h5>`, table(['field', 'type', '', 'description'], rows, keys(theirs.body.get(media)), word));
  }
  out.push('<h5>Responses</h5>');
  for (const [status, response] of mine.responses) {
    const other = theirs.responses.get(status);
    out.push(`<div class="response"><p><strong>${esc(status)}</strong> ${esc(response.description)}${other ? '' : ` <span class="tag">only ${word}</span>`}</p>`);
    if (response.note) out.push(`<p class="banner assumption">Our assumption: ${esc(response.note)}</p>`);
    if (response.headers.length) out.push(table(['header', 'type', '', 'description'], response.headers, keys(other?.headers), word));
    for (const [media, rows] of response.fields) if (rows.length) out.push(`<p class="muted"><code>${esc(media)}</code></p>`, table(['field', 'type', '', 'description'], rows, keys(other?.fields.get(media)), word));
    out.push('</div>');
  }
  out.push('</div>');
  return out.join('\n');
}
