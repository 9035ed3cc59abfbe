import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox } from '@apiforge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileFor } from '../src/profiles/index.js';
import { SetupError } from '../src/runner.js';
import { publishedWorkflowFile, runWorkflows } from '../src/workflows/run.js';

describe.each(['lucent', 'luludesk', 'lumiqtrace'])('the %s workflows (Arazzo, run by Respect)', (api) => {
  it('pass against the sandbox', async () => {
    const report = await runWorkflows({ api });
    const failed = report.steps.filter((s) => s.status !== 'passed').map((s) => `${s.stepId}: ${s.problems.join('; ')}`);
    expect(failed, report.output.slice(-3000)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.steps.length).toBeGreaterThanOrEqual(2);
    // The file run is the one the spec package publishes, beside its bundled spec.
    expect(report.file).toMatch(new RegExp(`${api}-openapi/dist/${api}\\.arazzo\\.yaml$`));
  });
});

describe('workflows', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contract-workflows-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fail when a step does not hold, naming the step and its criterion', async () => {
    const published = publishedWorkflowFile(profileFor('luludesk'));
    await copyFile(join(dirname(published), 'openapi.yaml'), join(dir, 'openapi.yaml'));
    const broken = (await readFile(published, 'utf8')).replace('$response.body#/pagination/page == 2', '$response.body#/pagination/page == 3');
    expect(broken).toContain('page == 3');
    await writeFile(join(dir, 'broken.arazzo.yaml'), broken);
    const report = await runWorkflows({ api: 'luludesk', file: join(dir, 'broken.arazzo.yaml') });
    expect(report.passed).toBe(false);
    const failed = report.steps.filter((s) => s.status === 'failed');
    expect(failed.map((s) => s.stepId)).toEqual(['secondPageByNumber']);
    expect(failed[0]!.problems.join('\n')).toContain('page == 3');
  });

  describe('against a URL', () => {
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    beforeAll(async () => {
      sandbox = await startSandbox({ api: 'luludesk', port: 0, host: '127.0.0.1' });
    });
    afterAll(() => sandbox?.close());

    it('take credentials from the environment and never print them', async () => {
      const token = profileFor('luludesk').tokens.find((t) => t.env === 'LULUDESK_CONTRACT_TOKEN')!.value;
      const report = await runWorkflows({ api: 'luludesk', target: sandbox.url, env: { LULUDESK_CONTRACT_TOKEN: token } });
      expect(report.passed, report.output.slice(-2000)).toBe(true);
      expect(JSON.stringify(report)).not.toContain(token);
    });

    it('refuse to run without the credentials, naming the variable', async () => {
      await expect(runWorkflows({ api: 'luludesk', target: sandbox.url, env: {} })).rejects.toThrow(SetupError);
      await expect(runWorkflows({ api: 'luludesk', target: sandbox.url, env: {} })).rejects.toThrow(/LULUDESK_CONTRACT_TOKEN/);
    });
  });

  it('that change data need --allow-writes against a URL', async () => {
    const sandbox = await startSandbox({ api: 'lucent', port: 0, host: '127.0.0.1' });
    try {
      const env = { LUCENT_CONTRACT_WRITE_TOKEN: profileFor('lucent').tokens.find((t) => t.env === 'LUCENT_CONTRACT_WRITE_TOKEN')!.value };
      await expect(runWorkflows({ api: 'lucent', target: sandbox.url, env })).rejects.toThrow(/updateIssueStatus.*--allow-writes/);
    } finally {
      await sandbox.close();
    }
  });
});
