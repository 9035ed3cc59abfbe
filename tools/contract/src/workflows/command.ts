import { formatWorkflowReport, runWorkflows } from './run.js';

export interface WorkflowsCommandOptions {
  api: string;
  target: string;
  env: NodeJS.ProcessEnv;
  allowWrites: boolean;
  allowMissingCredentials: boolean;
  ingestUrl?: string;
}

/** `pnpm contract <api> --workflows`: runs the API's Arazzo workflows with Respect; 0 when they all pass. */
export async function workflowsCommand(options: WorkflowsCommandOptions): Promise<number> {
  const report = await runWorkflows({
    api: options.api,
    target: options.target,
    env: options.env,
    allowWrites: options.allowWrites,
    runOptions: {
      allowMissingCredentials: options.allowMissingCredentials,
      ...(options.ingestUrl ? { hostUrls: { 'ingest-url': options.ingestUrl } } : {}),
    },
  });
  console.log(formatWorkflowReport(report));
  return report.passed ? 0 : 1;
}
