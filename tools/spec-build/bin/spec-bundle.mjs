#!/usr/bin/env node
// Usage: spec-bundle <api> [outDir=dist]   — lints with zero tolerance, then bundles to JSON + YAML.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundle, bundleWorkflows, formatProblems, lint, listApis, workflowFile } from '../src/index.mjs';
import { provenanceMarkdown, provenanceReport } from '../src/provenance.mjs';

const [api, outDir = 'dist'] = process.argv.slice(2);
const apis = (await listApis()).map((entry) => entry.name);
if (!api || !apis.includes(api)) {
  console.error(`spec-bundle: name one of the APIs declared in redocly.yaml: ${apis.join(', ')}`);
  process.exit(2);
}
const problems = await lint(api);
const workflows = await workflowFile(api);
if (workflows) problems.push(...(await lint(workflows)));
if (problems.length > 0) {
  console.error(`spec-bundle: refusing to bundle ${api}, lint found ${problems.length} problem(s):\n${formatProblems(problems)}`);
  process.exit(1);
}
const spec = await bundle(api, resolve(outDir));
const operations = Object.values(spec.paths ?? {}).flatMap((item) => Object.keys(item).filter((k) => k !== 'parameters' && k !== 'servers'));
console.log(`spec-bundle: ${api} linted clean and bundled (${operations.length} operations) into ${outDir}/openapi.{json,yaml}`);
const bundledWorkflows = await bundleWorkflows(api, resolve(outDir));
if (bundledWorkflows) console.log(`spec-bundle: ${api} workflows linted clean and copied to ${outDir}/${api}.arazzo.yaml`);

// The provenance report is published beside the bundle: what a vendor documents and what is ours.
const report = provenanceReport(spec);
if (report.counts.unmarked > 0) {
  console.error(`spec-bundle: ${report.counts.unmarked} fact(s) of ${api} carry no provenance mark:\n${report.unmarked.map((u) => `  ${u.label} (${u.pointer})`).join('\n')}`);
  process.exit(1);
}
await writeFile(join(resolve(outDir), 'provenance.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(resolve(outDir), 'provenance.md'), provenanceMarkdown(report));
console.log(
  `spec-bundle: ${api} provenance: ${report.counts.facts} facts, ${report.counts.documented} documented, ${report.counts.assumed} assumed ` +
    `(${outDir}/provenance.{json,md})`,
);
