// The suite reads the spec's provenance marks: against a live target, a vendor-documented fact that
// does not hold fails, an assumption of ours only warns (unless --strict); against the sandbox both fail.
import { describe, expect, it } from 'vitest';
import { ConformanceRecorder, loadModel, profileFor, SchemaValidator, weighByProvenance, type CaseResult } from '../src/index.js';
import type { Exchange } from '../src/http.js';
import { formatSummary } from '../src/report/summary.js';
import { toJunitXml } from '../src/report/junit.js';

const model = loadModel(profileFor('lucent'));
const replay = model.operation('submitReplayBatch');
const getIssue = model.operation('getIssue');

function exchange(status: number, json: unknown, headers: Record<string, string> = {}): Exchange {
  const text = json === undefined ? 'plain text' : JSON.stringify(json);
  return {
    method: 'GET',
    url: 'https://staging.example.test/x',
    status,
    headers: { 'content-type': json === undefined ? 'text/plain' : 'application/json', 'access-control-allow-origin': '*', ...headers },
    text,
    json: json as Exchange['json'],
  };
}

const documentedIssue = {
  issue: {
    id: '87b3a6b6-5af5-438b-a39c-eff148a68ccb',
    title: 'Checkout button does nothing',
    description: null,
    status: 'unresolved',
    priority: 'high',
    previewUrl: null,
    createdAt: '2026-02-24T10:32:19.066Z',
    sessionCount: 3,
    updatedAt: '2026-02-24T10:32:19.066Z',
    somethingNew: 'objects are open: a field we do not know is fine',
  },
};

const live = { live: true };
const sandbox = { live: false };

describe('severity from provenance', () => {
  it('a response that breaks an assumption of ours (the 413 is ours) warns against a live target', () => {
    const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
    recorder.record(replay, exchange(413, undefined));
    const [result] = recorder.conformanceResults();
    expect(result).toMatchObject({ status: 'failed', assumption: expect.stringContaining('no body limit') });
    expect(weighByProvenance(result!, live, false).status).toBe('warned');
    expect(weighByProvenance(result!, live, true).status).toBe('failed');
    expect(weighByProvenance(result!, sandbox, false).status).toBe('failed');
  });

  it('a response that breaks a documented fact (a missing required field) fails against a live target too', () => {
    const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
    const { priority, ...withoutPriority } = documentedIssue.issue;
    void priority;
    recorder.record(getIssue, exchange(200, { issue: withoutPriority }));
    const [result] = recorder.conformanceResults();
    expect(result).toMatchObject({ status: 'failed' });
    expect(result!.actual).toContain("must have required property 'priority'");
    expect(result!.assumption).toBeUndefined();
    expect(weighByProvenance(result!, live, false).status).toBe('failed');
  });

  it('an answer exactly as Lucent documents it (with an unknown extra field) passes', () => {
    const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
    recorder.record(getIssue, exchange(200, documentedIssue));
    expect(recorder.conformanceResults()[0]).toMatchObject({ status: 'passed' });
  });

  it('a status our spec does not document at all is a failure, never a warning', () => {
    const recorder = new ConformanceRecorder(new SchemaValidator(model), model);
    recorder.record(getIssue, exchange(418, { error: 'teapot' }));
    const [result] = recorder.conformanceResults();
    expect(result!.assumption).toBeUndefined();
    expect(weighByProvenance(result!, live, false).status).toBe('failed');
  });

  it('reports warnings apart from failures, and JUnit does not count them as failures', () => {
    const warned: CaseResult = { kind: 'conformance', name: 'x', status: 'warned', expected: 'e', actual: 'a', assumption: 'ours', durationMs: 1 };
    const failed: CaseResult = { kind: 'conformance', name: 'y', status: 'failed', expected: 'e', actual: 'a', durationMs: 1 };
    const summary = formatSummary('t', [warned, failed], 5);
    expect(summary).toContain('1 failed, 1 warned');
    expect(summary).toContain('assumption: ours');
    const xml = toJunitXml('t', [warned], 5);
    expect(xml).toContain('failures="0"');
    expect(xml).toContain('<system-out>warning: an assumption of ours');
  });
});

describe('example wording', () => {
  it("a body that differs from an illustrative example (no x-source) rests on an assumption; from a documented one it does not", async () => {
    const { expectDocumented } = await import('../src/derive/common.js');
    const ctx = { model, validator: new SchemaValidator(model), profile: { ...profileFor('lucent'), errorBodyMatch: 'subset', echoKeys: [] } } as never;
    const listIssues = model.operation('listIssues');
    const cursorAnswer = exchange(400, { error: 'Cursor is not valid for this request' }, { 'cache-control': 'no-store' });
    const illustrative = expectDocumented(ctx, listIssues, cursorAnswer, { status: 400, example: 'invalidCursor' });
    expect(illustrative).toMatchObject({ status: 'failed', assumption: expect.stringContaining('illustration of ours') });
    const limitAnswer = exchange(400, { error: 'limit is bad' }, { 'cache-control': 'no-store' });
    const documented = expectDocumented(ctx, listIssues, limitAnswer, { status: 400, example: 'limitOutOfRange' });
    expect(documented).toMatchObject({ status: 'failed' });
    expect((documented as { assumption?: string }).assumption).toBeUndefined();
  });
});
