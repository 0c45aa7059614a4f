import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// `npm run backtest [-- --only NAME]`: runs every evals/backtests/*.backtest.ts and prints its report.
// Each module exports `name` and `run(): Promise<string>`; one that needs absent data says so and is skipped.

export interface Backtest {
  name: string;
  run(): Promise<string>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' } } });

const files = (await readdir(here)).filter((f) => f.endsWith('.backtest.ts')).sort();
let failed = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as Backtest;
  if (values.only && !module.name.includes(values.only)) continue;
  process.stdout.write(`\n=== ${module.name} ===\n`);
  try {
    process.stdout.write(`${await module.run()}\n`);
  } catch (error) {
    failed++;
    process.stdout.write(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
