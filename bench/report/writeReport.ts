// Prints the table and writes bench/results/latest.json. Timings are reported, never asserted:
// only a crashed step makes the exit code non-zero.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secondsSinceStart } from '../lib/log';
import { round } from '../lib/stats';
import { budgetRows } from './budgets';
import { printDecoderMatrix } from './decoders';
import { summarise, type ReportInput } from './summary';
import { printTable } from './table';

const resultsDir = fileURLToPath(new URL('../results', import.meta.url));

export function writeReport(input: ReportInput): void {
  const summary = summarise(input);
  const { rows, budgets } = budgetRows(summary);
  const results = { ...summary, budgets, errors: input.errors, runSeconds: round(secondsSinceStart(), 1) };
  printTable(rows);
  printDecoderMatrix(summary.decoders);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/latest.json — run time ${results.runSeconds} s`);
  if (input.errors.length) {
    console.error(`\n${input.errors.length} bench step(s) crashed:\n${input.errors.join('\n')}`);
    process.exitCode = 1;
  }
}
