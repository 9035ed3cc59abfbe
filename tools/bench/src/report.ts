import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { formatJson, formatMarkdown } from './format.js';
import type { BenchReport, BenchRow } from './types.js';

export const METHOD =
  'Every benchmark module runs alone in its own process, one after another, so no two measurements share the cores at once. ' +
  'Each comparison interleaves its two sides (A B A B ...) and reports medians (3 rounds by default, 1 with --quick) so background load lands on both sides alike; ' +
  'package modules describe their own rounds in their details. Ratios are measured side by side in this run, never copied from an earlier one.';

export function buildReport(rows: BenchRow[], meta: { quick: boolean; only: string[] | null; durationMs: number; now?: Date }): BenchReport {
  const cpuList = cpus();
  return {
    generatedAt: (meta.now ?? new Date()).toISOString(),
    quick: meta.quick,
    only: meta.only,
    durationMs: Math.round(meta.durationMs),
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    },
    method: METHOD,
    rows,
  };
}

export async function writeReport(report: BenchReport, outDir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'bench.json');
  const markdown = join(outDir, 'bench.md');
  await writeFile(json, formatJson(report));
  await writeFile(markdown, formatMarkdown(report));
  return { json, markdown };
}
