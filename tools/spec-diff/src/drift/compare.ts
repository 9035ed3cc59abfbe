// Drift review: where does our spec disagree with another description of the same service (the
// vendor's own OpenAPI document)? Each disagreement is then weighed against our provenance marks.
import { markForInstancePath, ownMark, parameterMark, responseMark, type Mark } from '@apiforge/spec-build/provenance';
import { asArray, asObject, isObject, type JsonObject, SpecDocument } from '../diff/resolve.js';
import { type FieldFacts, flattenSchema, pathSegments } from './flatten.js';

export type DriftKind =
  | 'operation'
  | 'parameter'
  | 'parameter-required'
  | 'parameter-type'
  | 'parameter-enum'
  | 'status'
  | 'property'
  | 'required'
  | 'nullability'
  | 'type'
  | 'enum';

/**
 * disagreement: a fact that differs and that our spec does not explain.
 * assumption: ours differs where we marked our own choice (x-assumption).
 * other-source: ours has something the other document lacks, documented by another vendor source.
 */
export type DriftVerdict = 'disagreement' | 'assumption' | 'other-source';

export interface Drift {
  kind: DriftKind;
  /** Where, for people: `GET /api/v1/issues/{} → 200 body issue.priority`. */
  where: string;
  ours: string;
  theirs: string;
  verdict: DriftVerdict;
  /** The assumption text or the sources behind our side, when a mark explains it. */
  because?: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Path templates compare by shape: parameter names may differ between documents. */
const pathKey = (path: string): string => path.replace(/\{[^}]*\}/g, '{}');

interface OperationRef {
  path: string;
  method: string;
  operation: JsonObject;
  pathItem: JsonObject;
}

function operations(doc: JsonObject): Map<string, OperationRef> {
  const map = new Map<string, OperationRef>();
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    const pathItem = asObject(item);
    for (const method of METHODS) {
      if (isObject(pathItem[method])) map.set(`${method.toUpperCase()} ${pathKey(path)}`, { path, method, operation: pathItem[method] as JsonObject, pathItem });
    }
  }
  return map;
}

function parameters(doc: SpecDocument, op: OperationRef): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const raw of [...asArray(op.pathItem.parameters), ...asArray(op.operation.parameters)]) {
    const parameter = doc.resolve(raw);
    const location = String(parameter.in ?? '');
    const name = String(parameter.name ?? '');
    map.set(`${location} ${location === 'header' ? name.toLowerCase() : name}`, parameter);
  }
  return map;
}

function jsonSchemaOf(doc: SpecDocument, holder: unknown): unknown {
  const content = asObject(doc.resolve(holder).content);
  const entry = Object.entries(content).find(([type]) => /^application\/([\w.+-]*\+)?json\b/.test(type));
  return entry ? asObject(entry[1]).schema : undefined;
}

const parentOf = (path: string): string =>
  path.endsWith('[]') ? path.slice(0, -2) : path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';

const describeTypes = (facts: FieldFacts): string => (facts.types.length ? facts.types.join('|') : 'any');
const describeEnum = (values: string[] | undefined): string => (values ? values.join(', ') : 'any value');

function explain(mark: Mark | undefined, against: string | undefined, onlyOurs: boolean): { verdict: DriftVerdict; because?: string } {
  if (mark?.kind === 'assumption') return { verdict: 'assumption', because: mark.text };
  if (onlyOurs && mark?.kind === 'source' && (!against || !mark.sources.includes(against))) {
    return { verdict: 'other-source', because: `documented by ${mark.sources.join(', ')}` };
  }
  return { verdict: 'disagreement' };
}

export interface DriftOptions {
  /** The x-sources id that the other document is (its facts cannot be "documented elsewhere"). */
  againstSource?: string;
}

export function driftBetween(ours: JsonObject, theirs: JsonObject, options: DriftOptions = {}): Drift[] {
  const ourDoc = new SpecDocument(ours);
  const theirDoc = new SpecDocument(theirs);
  const against = options.againstSource;
  const drifts: Drift[] = [];
  const ourOps = operations(ours);
  const theirOps = operations(theirs);

  for (const [key, op] of ourOps) {
    if (!theirOps.has(key)) drifts.push({ kind: 'operation', where: key, ours: 'defined', theirs: 'absent', ...explain(ownMark(op.operation), against, true) });
  }
  for (const key of theirOps.keys()) {
    if (!ourOps.has(key)) drifts.push({ kind: 'operation', where: key, ours: 'absent', theirs: 'defined', verdict: 'disagreement' });
  }

  for (const [key, ourOp] of ourOps) {
    const theirOp = theirOps.get(key);
    if (!theirOp) continue;

    const ourParams = parameters(ourDoc, ourOp);
    const theirParams = parameters(theirDoc, theirOp);
    const paramMark = (parameter: JsonObject) => parameterMark(ours, ourOp.pathItem, ourOp.operation, String(parameter.name), String(parameter.in));
    for (const [name, parameter] of ourParams) {
      const where = `${key} ${name} parameter`;
      const theirParameter = theirParams.get(name);
      if (!theirParameter) {
        drifts.push({ kind: 'parameter', where, ours: 'defined', theirs: 'absent', ...explain(paramMark(parameter), against, true) });
        continue;
      }
      const mark = paramMark(parameter);
      if (Boolean(parameter.required) !== Boolean(theirParameter.required)) {
        drifts.push({ kind: 'parameter-required', where, ours: String(Boolean(parameter.required)), theirs: String(Boolean(theirParameter.required)), ...explain(mark, against, false) });
      }
      const ourFacts = flattenSchema(ourDoc, parameter.schema).get('')!;
      const theirFacts = flattenSchema(theirDoc, theirParameter.schema).get('')!;
      if (describeTypes(ourFacts) !== describeTypes(theirFacts)) {
        drifts.push({ kind: 'parameter-type', where, ours: describeTypes(ourFacts), theirs: describeTypes(theirFacts), ...explain(mark, against, false) });
      }
      if (describeEnum(ourFacts.enum) !== describeEnum(theirFacts.enum)) {
        drifts.push({ kind: 'parameter-enum', where, ours: describeEnum(ourFacts.enum), theirs: describeEnum(theirFacts.enum), ...explain(mark, against, false) });
      }
    }
    for (const name of theirParams.keys()) {
      if (!ourParams.has(name)) drifts.push({ kind: 'parameter', where: `${key} ${name} parameter`, ours: 'absent', theirs: 'defined', verdict: 'disagreement' });
    }

    const ourBody = jsonSchemaOf(ourDoc, ourOp.operation.requestBody);
    const theirBody = jsonSchemaOf(theirDoc, theirOp.operation.requestBody);
    if (ourBody !== undefined || theirBody !== undefined) {
      drifts.push(...compareSchemas(ours, ourDoc, theirDoc, ourBody, theirBody, `${key} request body`, against));
    }

    const ourResponses = asObject(ourOp.operation.responses);
    const theirResponses = asObject(theirOp.operation.responses);
    for (const status of Object.keys(ourResponses)) {
      if (!(status in theirResponses)) {
        drifts.push({ kind: 'status', where: `${key} → ${status}`, ours: 'documented', theirs: 'absent', ...explain(responseMark(ours, ourOp.operation, status), against, true) });
      }
    }
    for (const status of Object.keys(theirResponses)) {
      if (!(status in ourResponses)) drifts.push({ kind: 'status', where: `${key} → ${status}`, ours: 'absent', theirs: 'documented', verdict: 'disagreement' });
    }
    for (const status of Object.keys(ourResponses)) {
      if (!(status in theirResponses)) continue;
      const ourSchema = jsonSchemaOf(ourDoc, ourResponses[status]);
      const theirSchema = jsonSchemaOf(theirDoc, theirResponses[status]);
      if (ourSchema === undefined && theirSchema === undefined) continue;
      drifts.push(...compareSchemas(ours, ourDoc, theirDoc, ourSchema, theirSchema, `${key} → ${status} body`, against));
    }
  }
  return drifts;
}

function compareSchemas(
  ours: JsonObject,
  ourDoc: SpecDocument,
  theirDoc: SpecDocument,
  ourSchema: unknown,
  theirSchema: unknown,
  where: string,
  against: string | undefined,
): Drift[] {
  const drifts: Drift[] = [];
  const ourFlat = ourSchema === undefined ? new Map<string, FieldFacts>() : flattenSchema(ourDoc, ourSchema);
  const theirFlat = theirSchema === undefined ? new Map<string, FieldFacts>() : flattenSchema(theirDoc, theirSchema);
  const markAt = (path: string) => (ourSchema === undefined ? undefined : markForInstancePath(ours, ourSchema, pathSegments(path)));
  const label = (path: string) => (path ? `${where} ${path}` : where);

  for (const [path, mine] of ourFlat) {
    const theirs = theirFlat.get(path);
    if (!theirs) {
      // A field under one they do not describe at all is reported once, at that parent.
      if (path !== '' && !theirFlat.has(parentOf(path)) && ourFlat.has(parentOf(path))) continue;
      drifts.push({ kind: 'property', where: label(path), ours: 'defined', theirs: 'absent', ...explain(markAt(path), against, true) });
      continue;
    }
    const mark = markAt(path);
    if (path !== '' && mine.required !== theirs.required) {
      drifts.push({ kind: 'required', where: label(path), ours: mine.required ? 'required' : 'optional', theirs: theirs.required ? 'required' : 'optional', ...explain(mark, against, false) });
    }
    if (mine.nullable !== theirs.nullable) {
      drifts.push({ kind: 'nullability', where: label(path), ours: mine.nullable ? 'nullable' : 'not nullable', theirs: theirs.nullable ? 'nullable' : 'not nullable', ...explain(mark, against, false) });
    }
    if (describeTypes(mine) !== describeTypes(theirs) && mine.types.length && theirs.types.length) {
      drifts.push({ kind: 'type', where: label(path), ours: describeTypes(mine), theirs: describeTypes(theirs), ...explain(mark, against, false) });
    }
    if (describeEnum(mine.enum) !== describeEnum(theirs.enum)) {
      drifts.push({ kind: 'enum', where: label(path), ours: describeEnum(mine.enum), theirs: describeEnum(theirs.enum), ...explain(mark, against, false) });
    }
  }
  for (const path of theirFlat.keys()) {
    if (ourFlat.has(path)) continue;
    if (path !== '' && !ourFlat.has(parentOf(path)) && theirFlat.has(parentOf(path))) continue; // reported once, at the parent
    drifts.push({ kind: 'property', where: label(path), ours: 'absent', theirs: 'defined', verdict: 'disagreement' });
  }
  return drifts;
}
