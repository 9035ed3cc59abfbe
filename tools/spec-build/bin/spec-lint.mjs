#!/usr/bin/env node
// Usage: spec-lint <api>   — fails on any problem, warnings included (house standard: zero warnings).
import { formatProblems, lint, listApis, workflowFile } from '../src/index.mjs';

const api = process.argv[2];
const apis = (await listApis()).map((entry) => entry.name);
if (!api || !apis.includes(api)) {
  console.error(`spec-lint: name one of the APIs declared in redocly.yaml: ${apis.join(', ')}`);
  process.exit(2);
}
const problems = await lint(api);
// The API's Arazzo workflows (if any) are held to the same standard.
const workflows = await workflowFile(api);
if (workflows) problems.push(...(await lint(workflows)));
if (problems.length > 0) {
  console.error(`spec-lint: ${api} has ${problems.length} problem(s):\n${formatProblems(problems)}`);
  process.exit(1);
}
console.log(`spec-lint: ${api}${workflows ? ' and its workflows are' : ' is'} clean (0 errors, 0 warnings)`);
