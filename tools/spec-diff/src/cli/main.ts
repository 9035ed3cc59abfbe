import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../git.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderGithub, renderJunit } from '../report/ci.js';
import { runSpecDiff, type SpecDiffReport } from '../run.js';
import { parseArgs, USAGE } from './args.js';
import { renderDriftJson, renderDriftMarkdown } from '../drift/report.js';
import { runDrift } from '../drift/run.js';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_ERROR = 2;

function gateFailureText(report: SpecDiffReport): string {
  const failing = report.gate?.verdicts.filter((verdict) => !verdict.ok) ?? [];
  const lines = failing.map((verdict) =>
    `  - ${verdict.package}: needs a ${verdict.needed} changeset (${verdict.apis.join(', ')} changed), found ${verdict.found === 'none' ? 'none' : verdict.found}`);
  return [`spec-diff --check failed: ${failing.length} package(s) lack a large enough changeset.`, ...lines,
    'Add one with `pnpm changeset` (select the packages above and the bump shown), then commit it.'].join('\n');
}

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (options.against !== undefined) {
      const drift = await runDrift({ cwd: io.cwd, against: options.against, api: options.api, as: options.as });
      const text = options.format === 'json' ? renderDriftJson(drift) : renderDriftMarkdown(drift);
      const summary = `spec-diff: ${drift.api} against ${drift.against}: ${drift.disagreements.length} disagreement(s), ${drift.assumptions.length} of our assumptions, ${drift.otherSources.length} documented by another source`;
      if (options.out) {
        writeFileSync(resolve(io.cwd, options.out), text);
        io.stdout(`${summary} (wrote ${resolve(io.cwd, options.out)})\n`);
      } else {
        io.stdout(text);
      }
      if (drift.disagreements.length > 0) {
        io.stderr(`${summary}. Fix the spec, or mark the fact as our assumption (x-assumption) if every source is silent.\n`);
        return EXIT_GATE_FAILED;
      }
      return EXIT_OK;
    }
    const report = await runSpecDiff({ cwd: io.cwd, base: options.base, check: options.check, ...(options.deprecationDays !== undefined ? { deprecationDays: options.deprecationDays } : {}) });
    const text =
      options.format === 'json' ? renderJson(report) : options.format === 'junit' ? renderJunit(report) : options.format === 'github' ? renderGithub(report) : renderMarkdown(report);
    if (options.out) {
      const file = resolve(io.cwd, options.out);
      writeFileSync(file, text);
      const totals = report.apis.map((api) => `${api.name}: ${api.counts.breaking} breaking, ${api.counts.warning} warning(s), ${api.counts.info} info`);
      io.stdout(`spec-diff: wrote ${file} (${totals.join('; ') || 'no APIs'})\n`);
    } else {
      io.stdout(text);
    }
    if (report.gate && !report.gate.ok) {
      io.stderr(`${gateFailureText(report)}\n`);
      return EXIT_GATE_FAILED;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`spec-diff: ${error.message}\n${error instanceof UsageError && /Unknown argument|needs a value|not supported|takes no value|belong to a drift review|does not take|--deprecation-days/.test(error.message) ? `\n${USAGE}\n` : ''}`);
    } else {
      io.stderr(`spec-diff: ${(error as Error).message}\n`);
    }
    return EXIT_ERROR;
  }
}
