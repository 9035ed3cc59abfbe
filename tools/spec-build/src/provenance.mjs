// Reads the provenance marks of a bundled spec (spec/PROVENANCE.md): which facts a vendor source
// documents and which are our assumptions. Used by the build report, the docs, the drift review and
// the contract suite, so every tool answers "is this documented?" the same way.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const CHILD_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const CHILDREN = ['items', 'additionalProperties', 'unevaluatedProperties', 'not', 'contains', 'if', 'then', 'else'];

const escapePointer = (segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** The mark a node carries itself: { kind: 'source', sources } | { kind: 'assumption', text } | undefined. */
export function ownMark(node) {
  if (!node || typeof node !== 'object') return undefined;
  if (typeof node['x-assumption'] === 'string') return { kind: 'assumption', text: node['x-assumption'] };
  if (node['x-source'] !== undefined) {
    const sources = Array.isArray(node['x-source']) ? node['x-source'] : [node['x-source']];
    return { kind: 'source', sources: sources.map(String) };
  }
  return undefined;
}

/** Resolves an internal `#/…` reference of a bundled document; other nodes come back unchanged. */
export function resolveRef(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return { node: current, pointer: undefined };
    const target = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc, key) => (acc == null ? acc : acc[key]), spec);
    if (target === undefined) return { node: current, pointer: undefined };
    current = target;
    if (!(current && typeof current.$ref === 'string')) return { node: current, pointer: ref };
  }
  return { node: current, pointer: undefined };
}

function deref(spec, node, pointer) {
  if (node && typeof node.$ref === 'string') {
    const resolved = resolveRef(spec, node);
    return { node: resolved.node, pointer: resolved.pointer ?? pointer, refSibling: node };
  }
  return { node, pointer, refSibling: undefined };
}

/** Every operation of the document: { path, method, operation, pointer }. */
export function operationsOf(spec) {
  const list = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      if (item?.[method]) list.push({ path, method, operation: item[method], pathItem: item, pointer: `#/paths/${escapePointer(path)}/${method}` });
    }
  }
  return list;
}

/**
 * The mark that applies to a value at `segments` (object keys and array indexes) inside an instance of
 * `schema`: the nearest mark on the way down, an inner one overriding an outer one. Used to decide
 * whether a failing field is documented or ours.
 */
export function markForInstancePath(spec, schema, segments, inherited) {
  const { node, refSibling } = deref(spec, schema);
  let mark = ownMark(refSibling) ?? ownMark(node) ?? inherited;
  if (!node || typeof node !== 'object') return mark;
  if (segments.length === 0) return mark;
  const [head, ...rest] = segments;
  const candidates = [];
  if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, head)) candidates.push(node.properties[head]);
  if (Array.isArray(node.prefixItems) && typeof head === 'number' && node.prefixItems[head]) candidates.push(node.prefixItems[head]);
  if (node.items && (typeof head === 'number' || /^\d+$/.test(String(head)))) candidates.push(node.items);
  for (const child of candidates) return markForInstancePath(spec, child, rest, mark);
  for (const listName of CHILD_LISTS.filter((n) => n !== 'prefixItems')) {
    for (const part of node[listName] ?? []) {
      const found = markForInstancePathIfDeclared(spec, part, segments, mark);
      if (found) return found;
    }
  }
  return mark;
}

function markForInstancePathIfDeclared(spec, schema, segments, inherited) {
  const { node } = deref(spec, schema);
  if (!node || typeof node !== 'object') return undefined;
  const [head] = segments;
  const declares =
    (node.properties && Object.prototype.hasOwnProperty.call(node.properties, head)) ||
    (node.items && /^\d+$/.test(String(head))) ||
    CHILD_LISTS.some((listName) => (node[listName] ?? []).some((part) => markForInstancePathIfDeclared(spec, part, segments, inherited)));
  return declares ? markForInstancePath(spec, schema, segments, inherited) : undefined;
}

/** The mark of an operation's response for a status (its own mark; the component's when $ref'd). */
export function responseMark(spec, operation, status) {
  const raw = operation?.responses?.[String(status)];
  if (!raw) return undefined;
  return ownMark(raw) ?? ownMark(resolveRef(spec, raw).node);
}

/** The mark of a header of a response. */
export function headerMark(spec, operation, status, headerName) {
  const response = resolveRef(spec, operation?.responses?.[String(status)]).node;
  const entry = Object.entries(response?.headers ?? {}).find(([name]) => name.toLowerCase() === headerName.toLowerCase());
  if (!entry) return undefined;
  return ownMark(entry[1]) ?? ownMark(resolveRef(spec, entry[1]).node);
}

/** The mark of a parameter of an operation (path-level parameters included). */
export function parameterMark(spec, pathItem, operation, name, location) {
  const all = [...(pathItem?.parameters ?? []), ...(operation?.parameters ?? [])];
  for (const raw of all) {
    const parameter = resolveRef(spec, raw).node;
    if (parameter?.name === name && (!location || parameter.in === location)) return ownMark(raw) ?? ownMark(parameter);
  }
  return undefined;
}

/**
 * Every fact of the document with its mark, each listed once where it is defined:
 * operations, parameters, responses, headers and schema properties.
 */
export function collectFacts(spec) {
  const facts = [];
  const seen = new Set();
  const add = (key, fact) => {
    if (seen.has(key)) return;
    seen.add(key);
    facts.push(fact);
  };

  function walkSchema(schema, pointer, label, inherited, depth) {
    if (!schema || typeof schema !== 'object' || depth > 48) return;
    const { node, pointer: at, refSibling } = deref(spec, schema, pointer);
    if (!node || typeof node !== 'object') return;
    const mark = ownMark(refSibling) ?? ownMark(node) ?? inherited;
    const visitKey = `${at}|${JSON.stringify(mark)}`;
    if (seen.has(`schema:${visitKey}`)) return;
    seen.add(`schema:${visitKey}`);
    if (depth === 0 && !node.properties) add(`schema:${at}`, { kind: 'schema', pointer: at, label, mark });
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const propertyPointer = `${at}/properties/${escapePointer(name)}`;
      const propertyMark = ownMark(property) ?? mark;
      add(`property:${propertyPointer}`, { kind: 'property', pointer: propertyPointer, label: `${label}.${name}`, mark: propertyMark });
      walkSchema(property, propertyPointer, `${label}.${name}`, propertyMark, depth + 1);
    }
    for (const listName of CHILD_LISTS) {
      (node[listName] ?? []).forEach((part, index) => walkSchema(part, `${at}/${listName}/${index}`, label, mark, depth + 1));
    }
    for (const childName of CHILDREN) {
      if (node[childName] && typeof node[childName] === 'object') {
        walkSchema(node[childName], `${at}/${childName}`, childName === 'items' ? `${label}[]` : label, mark, depth + 1);
      }
    }
  }

  function schemaLabel(schema, fallback) {
    const ref = schema?.$ref;
    return typeof ref === 'string' ? ref.split('/').pop() : fallback;
  }

  for (const { path, method, operation, pathItem, pointer } of operationsOf(spec)) {
    const opLabel = `${method.toUpperCase()} ${path}`;
    add(`operation:${pointer}`, { kind: 'operation', pointer, label: opLabel, mark: ownMark(operation) });
    const parameters = [
      ...(pathItem.parameters ?? []).map((p, i) => [p, `#/paths/${escapePointer(path)}/parameters/${i}`]),
      ...(operation.parameters ?? []).map((p, i) => [p, `${pointer}/parameters/${i}`]),
    ];
    for (const [raw, rawPointer] of parameters) {
      const { node, pointer: at } = deref(spec, raw, rawPointer);
      add(`parameter:${at}`, { kind: 'parameter', pointer: at, label: `${opLabel} ${node?.in} parameter ${node?.name}`, mark: ownMark(raw) ?? ownMark(node) });
    }
    const bodyContent = resolveRef(spec, operation.requestBody).node?.content ?? {};
    for (const [mediaType, media] of Object.entries(bodyContent)) {
      const mediaMark = ownMark(media);
      walkSchema(media.schema, `${pointer}/requestBody/content/${escapePointer(mediaType)}/schema`, `${opLabel} request ${schemaLabel(media.schema, mediaType)}`, mediaMark, 0);
      if (mediaMark) add(`media:${pointer}:${mediaType}`, { kind: 'media type', pointer: `${pointer}/requestBody/content/${escapePointer(mediaType)}`, label: `${opLabel} request body as ${mediaType}`, mark: mediaMark });
    }
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const { node: response, pointer: at } = deref(spec, raw, `${pointer}/responses/${status}`);
      add(`response:${pointer}:${status}`, { kind: 'response', pointer: at, label: `${opLabel} → ${status}`, mark: ownMark(raw) ?? ownMark(response) });
      for (const [name, header] of Object.entries(response?.headers ?? {})) {
        const { node: headerNode, pointer: headerAt } = deref(spec, header, `${at}/headers/${escapePointer(name)}`);
        add(`header:${pointer}:${status}:${name.toLowerCase()}`, { kind: 'header', pointer: headerAt, label: `${opLabel} → ${status} header ${name}`, mark: ownMark(header) ?? ownMark(headerNode) });
      }
      for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
        walkSchema(media.schema, `${at}/content/${escapePointer(mediaType)}/schema`, schemaLabel(media.schema, `${opLabel} → ${status}`), ownMark(media), 0);
      }
    }
  }
  return facts;
}

/** Counts and the list of assumptions: what the build prints and publishes. */
export function provenanceReport(spec) {
  const facts = collectFacts(spec);
  const documented = facts.filter((f) => f.mark?.kind === 'source');
  const assumed = facts.filter((f) => f.mark?.kind === 'assumption');
  const unmarked = facts.filter((f) => !f.mark);
  const bySource = {};
  for (const fact of documented) for (const id of fact.mark.sources) bySource[id] = (bySource[id] ?? 0) + 1;
  const byKind = {};
  for (const fact of facts) {
    const entry = (byKind[fact.kind] ??= { documented: 0, assumed: 0, unmarked: 0 });
    entry[fact.mark?.kind === 'source' ? 'documented' : fact.mark ? 'assumed' : 'unmarked'] += 1;
  }
  return {
    api: spec.info?.title ?? '',
    version: spec.info?.version ?? '',
    sources: spec['x-sources'] ?? {},
    counts: { facts: facts.length, documented: documented.length, assumed: assumed.length, unmarked: unmarked.length },
    byKind,
    bySource,
    assumptions: assumed.map(({ kind, label, pointer, mark }) => ({ kind, label, pointer, assumption: mark.text })),
    unmarked: unmarked.map(({ kind, label, pointer }) => ({ kind, label, pointer })),
  };
}

/** The report as Markdown, for people. */
export function provenanceMarkdown(report) {
  const lines = [
    `# Provenance of ${report.api} ${report.version}`,
    '',
    `${report.counts.facts} facts: **${report.counts.documented} documented** by a vendor source, **${report.counts.assumed} our assumptions**` +
      (report.counts.unmarked ? `, ${report.counts.unmarked} unmarked` : '') +
      '.',
    '',
    '| kind | documented | assumed |',
    '| --- | --- | --- |',
    ...Object.entries(report.byKind).map(([kind, c]) => `| ${kind} | ${c.documented} | ${c.assumed} |`),
    '',
    '## Sources',
    '',
    '| id | source | facts citing it |',
    '| --- | --- | --- |',
    ...Object.entries(report.sources).map(
      ([id, s]) => `| \`${id}\` | [${s.title}](${s.url ?? ''})${s.mirror ? ` ([mirror](${s.mirror}))` : ''}${s.seed ? ` (seed ${s.seed})` : ''} | ${report.bySource[id] ?? 0} |`,
    ),
    '',
    '## Assumptions (where every source is silent)',
    '',
    ...(report.assumptions.length === 0
      ? ['None.']
      : report.assumptions.map((a) => `- **${a.label}** (${a.kind}): ${a.assumption.replace(/\s+/g, ' ').trim()}`)),
    '',
  ];
  return lines.join('\n');
}
