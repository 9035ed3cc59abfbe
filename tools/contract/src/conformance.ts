import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Exchange } from './http.js';
import type { RequestInfo } from './repro.js';
import { fieldAssumption, headerAssumption, responseAssumption } from './provenance.js';
import type { ApiModel, HeaderSpec, Operation, ResponseSpec } from './spec.js';
import type { CaseResult } from './types.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Validates responses against the spec with Ajv (JSON Schema 2020-12): the whole bundled spec is
 * registered under its `$id`, and each schema is compiled by JSON pointer so `#/components/...`
 * references resolve exactly as the spec wrote them.
 */
export class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly model: ApiModel) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...model.spec, $id: model.specId });
  }

  validate(pointer: string, value: unknown): string[] {
    return this.validateDetailed(pointer, value).map((e) => e.text);
  }

  /** Like validate, with where each problem is (instance path, and the missing property of `required`). */
  validateDetailed(pointer: string, value: unknown): Array<{ text: string; instancePath: string; missingProperty?: string }> {
    let fn = this.cache.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${this.model.specId}#${pointer}` });
      this.cache.set(pointer, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 5).map((e) => {
      const missing = (e.params as { missingProperty?: unknown } | undefined)?.missingProperty;
      return {
        text: `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`,
        instancePath: e.instancePath,
        ...(typeof missing === 'string' ? { missingProperty: missing } : {}),
      };
    });
  }

  /** Header values arrive as strings; coerce them to the type the header's schema declares. */
  validateHeader(header: HeaderSpec, raw: string): string[] {
    const types = ([] as unknown[]).concat(header.schema.type ?? 'string');
    let value: unknown = raw;
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw.trim())) value = Number(raw);
    else if (types.includes('boolean') && /^(true|false)$/.test(raw)) value = raw === 'true';
    return this.validate(header.schemaPointer, value).map((m) => `header ${header.name}: ${m.replace('(root) ', '')} (got ${JSON.stringify(raw)})`);
  }

  /** Problems with the declared headers of a documented response (required ones present, all valid). */
  headerProblems(response: ResponseSpec, exchange: Exchange): string[] {
    return this.headerIssues(response, exchange).map((issue) => issue.text);
  }

  private headerIssues(response: ResponseSpec, exchange: Exchange): Array<{ header: HeaderSpec; text: string }> {
    const issues: Array<{ header: HeaderSpec; text: string }> = [];
    for (const header of response.headers) {
      const raw = exchange.headers[header.name.toLowerCase()];
      if (raw === undefined) {
        if (header.required) issues.push({ header, text: `missing required header ${header.name}` });
        continue;
      }
      for (const text of this.validateHeader(header, raw)) issues.push({ header, text });
    }
    return issues;
  }

  /**
   * Every problem of one response, each with the assumption of ours it rests on (if any): a missing
   * header, a field or a status that we assumed is only a warning against the real service.
   */
  checkDetailed(op: Operation, exchange: Exchange): Problem[] {
    const response = this.model.response(op, exchange.status);
    if (!response) return [{ text: `status ${exchange.status} is not documented for ${op.id}` }];
    const status = exchange.status;
    const problems: Problem[] = this.headerProblemsDetailed(op, status, response, exchange);
    if (response.content.length === 0) {
      if (exchange.text.length > 0) problems.push(withAssumption('body present but the response documents none', responseAssumption(this.model, op, status)));
      return problems;
    }
    const contentType = (exchange.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const media = response.content.find((m) => mediaMatches(m.mediaType, contentType));
    if (!media) {
      problems.push(withAssumption(`content-type ${JSON.stringify(contentType)} is not one of ${response.content.map((m) => m.mediaType).join(', ')}`, responseAssumption(this.model, op, status)));
      return problems;
    }
    if (media.schemaPointer && /json/.test(media.mediaType)) {
      if (exchange.json === undefined) problems.push(withAssumption('body is not JSON', responseAssumption(this.model, op, status)));
      else {
        for (const error of this.validateDetailed(media.schemaPointer, exchange.json)) {
          problems.push(withAssumption(`body ${error.text}`, fieldAssumption(this.model, op, status, media.schemaPointer, error.instancePath, error.missingProperty)));
        }
      }
    }
    return problems;
  }

  headerProblemsDetailed(op: Operation, status: number, response: ResponseSpec, exchange: Exchange): Problem[] {
    return this.headerIssues(response, exchange).map(({ header, text }) => withAssumption(text, headerAssumption(this.model, op, status, header.name)));
  }

  /** Every problem of one response against the operation's documented responses. */
  check(op: Operation, exchange: Exchange): string[] {
    return this.checkDetailed(op, exchange).map((problem) => problem.text);
  }
}

export interface Problem {
  text: string;
  /** Set when the problem concerns a fact we assumed (x-assumption). */
  assumption?: string;
}

const withAssumption = (text: string, assumption: string | undefined): Problem => (assumption ? { text, assumption } : { text });

function mediaMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split('/');
  const [aType, aSubtype] = actual.split('/');
  return (type === '*' || type === aType) && (subtype === '*' || subtype === aSubtype);
}

interface Tally {
  operationId: string;
  status: number;
  seen: number;
  failures: string[];
  /** The assumption every failure so far rests on; undefined once a failure rests on a documented fact. */
  assumption: string | undefined;
  documentedFailure: boolean;
  /** The first failing request, for the report (URL redacted, curl repro). */
  request?: RequestInfo;
}

/**
 * Sees every response of the run: reports schema conformance per (operation, status), and the
 * error-response rules (JSON, declared headers) per (operation, error status).
 */
export class ConformanceRecorder {
  private readonly conformance = new Map<string, Tally>();
  private readonly errors = new Map<string, Tally>();

  constructor(
    readonly validator: SchemaValidator,
    private readonly model: ApiModel,
    /** Shows a request in reports: its URL redacted and a curl repro (default: the URL as sent). */
    private readonly describeRequest: (exchange: Exchange) => RequestInfo = (e) => ({ method: e.method, url: e.url, status: e.status, curl: '' }),
  ) {}

  record(op: Operation, exchange: Exchange): void {
    const request = this.describeRequest(exchange);
    const where = `${exchange.method} ${request.url}`;
    tally(this.conformance, op, exchange.status).seen++;
    const problems = this.validator.checkDetailed(op, exchange);
    if (problems.length > 0) addFailure(this.conformance, op, exchange.status, `${where}: ${problems.map((p) => p.text).join('; ')}`, problems, request);
    if (exchange.status >= 400) {
      tally(this.errors, op, exchange.status).seen++;
      const errorProblems: Problem[] = [];
      const statusAssumption = responseAssumption(this.model, op, exchange.status);
      if (!/json/i.test(exchange.headers['content-type'] ?? '')) errorProblems.push(withAssumption(`content-type is ${exchange.headers['content-type'] ?? 'missing'}, not JSON`, statusAssumption));
      if (exchange.json === undefined) errorProblems.push(withAssumption('body is not JSON', statusAssumption));
      const response = this.model.response(op, exchange.status);
      if (response) errorProblems.push(...this.validator.headerProblemsDetailed(op, exchange.status, response, exchange));
      else errorProblems.push({ text: `status ${exchange.status} is not documented` });
      if (errorProblems.length > 0) addFailure(this.errors, op, exchange.status, `${where}: ${errorProblems.map((p) => p.text).join('; ')}`, errorProblems, request);
    }
  }

  /** One conformance case per (operation, status) seen. */
  conformanceResults(): CaseResult[] {
    return [...this.conformance.values()].map((t) => toResult('conformance', `${t.operationId} ${t.status} responses match the spec`, t));
  }

  /** One case per (operation, error status) seen, plus N/A for documented error statuses never provoked. */
  errorResults(): CaseResult[] {
    const results = [...this.errors.values()].map((t) => toResult('errors', `${t.operationId} ${t.status} responses are JSON with the documented headers`, t));
    for (const op of this.model.operations) {
      for (const response of op.responses) {
        const status = Number(response.status);
        if (!(status >= 400) || this.errors.has(`${op.id} ${status}`)) continue;
        results.push({
          kind: 'errors',
          name: `${op.id} ${status} responses are JSON with the documented headers`,
          operationId: op.id,
          status: 'na',
          reason: 'not applicable: no case of this run provoked this status on this target',
          durationMs: 0,
        });
      }
    }
    return results;
  }
}

function tally(map: Map<string, Tally>, op: Operation, status: number): Tally {
  const key = `${op.id} ${status}`;
  let t = map.get(key);
  if (!t) {
    t = { operationId: op.id, status, seen: 0, failures: [], assumption: undefined, documentedFailure: false };
    map.set(key, t);
  }
  return t;
}

function addFailure(map: Map<string, Tally>, op: Operation, status: number, failure: string, problems: Problem[], request: RequestInfo): void {
  const t = tally(map, op, status);
  t.failures.push(failure);
  t.request ??= request;
  for (const problem of problems) {
    if (problem.assumption === undefined) t.documentedFailure = true;
    else t.assumption ??= problem.assumption;
  }
}

function toResult(kind: 'conformance' | 'errors', name: string, t: Tally): CaseResult {
  if (t.failures.length === 0) {
    return { kind, name, operationId: t.operationId, status: 'passed', detail: `${t.seen} responses`, durationMs: 0 };
  }
  return {
    kind,
    name,
    operationId: t.operationId,
    status: 'failed',
    expected: 'every response conforms to the spec',
    actual: `${t.failures.length} of ${t.seen} responses did not: ${t.failures.slice(0, 3).join(' | ')}`,
    ...(!t.documentedFailure && t.assumption ? { assumption: t.assumption } : {}),
    ...(t.request ? { request: t.request } : {}),
    durationMs: 0,
  };
}

