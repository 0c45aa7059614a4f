import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openSeededEvalStore } from '../report/store.ts';
import type { Figure } from './figures.ts';
import { benchVector } from './vector.ts';

// `npm run bench [-- --date YYYY-MM-DD --quick --only tools,ingest,chat,vector --scale 1]`: the tool, ingestion,
// chat and vector figures as one table, and evals/reports/bench-<date>.json so runs compare. The tool, ingest
// and chat benches run as their own scripts (bench:tools, bench:ingest, bench:chat; each prints its full report
// first) and hand their figures over in a file; the vector bench runs here on the cached seeded demo org.
// --quick: fewer runs, messages and seconds per level (a smoke run; the figures are noisier).

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    date: { type: 'string' }, quick: { type: 'boolean', default: false }, only: { type: 'string' }, scale: { type: 'string', default: '1' },
    cache: { type: 'string', default: path.join(here, '../../.data/eval-cache') }, out: { type: 'string', default: path.join(here, '../reports') },
  },
});
const date = values.date ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date takes YYYY-MM-DD, not "${date}"`);
const AREAS = ['tools', 'ingest', 'chat', 'vector'] as const;
const only = new Set(values.only ? values.only.split(',') : AREAS);
for (const a of only) if (!(AREAS as readonly string[]).includes(a)) throw new Error(`--only takes a comma list of ${AREAS.join(', ')}; "${a}" is not one`);

const quick = values.quick;
const scripts: Record<Exclude<(typeof AREAS)[number], 'vector'>, string[]> = {
  tools: ['tools.ts', '--scale', values.scale, '--runs', quick ? '5' : '30', ...(quick ? ['--roles', 'rep'] : [])],
  ingest: ['ingest.ts', '--messages', quick ? '500' : '5000', ...(quick ? ['--email-only'] : [])],
  chat: ['chat.ts', '--scale', values.scale, '--duration', quick ? '3' : '10', '--levels', quick ? '1,10' : '1,10,50'],
};
const tsx = path.join(here, '../../node_modules/.bin/tsx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dealwise-bench-'));
const figures: Figure[] = [];
const failures: string[] = [];
try {
  for (const [area, [script, ...args]] of Object.entries(scripts)) {
    if (!only.has(area)) continue;
    const file = path.join(tmp, `${area}.json`);
    process.stdout.write(`\n===== bench:${area} =====\n`);
    try {
      execFileSync(tsx, [path.join(here, script!), ...args, '--figures', file], { stdio: 'inherit' });
      figures.push(...(JSON.parse(readFileSync(file, 'utf8')) as Figure[]));
    } catch (error) {
      failures.push(`${area}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (only.has('vector')) {
    process.stdout.write('\n===== vector =====\n');
    const store = await openSeededEvalStore({ cacheDir: values.cache, log: (l) => process.stdout.write(`${l}\n`) });
    try {
      figures.push(...(await benchVector(store)));
    } finally {
      await store.close();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const fmt = (f: Figure) => (!Number.isFinite(f.value) ? '-' : f.unit === 'ratio' ? f.value.toFixed(3) : f.unit === 'count' ? String(f.value) : f.value.toFixed(1));
const lines = ['| area | measured | metric | value | unit | note |', '|---|---|---|---:|---|---|', ...figures.map((f) => `| ${f.area} | ${f.name} | ${f.metric} | ${fmt(f)} | ${f.unit} | ${f.note ?? ''} |`)];
process.stdout.write(`\n===== all benches (${date}${quick ? ', --quick' : ''}) =====\n${lines.join('\n')}\n`);
mkdirSync(values.out, { recursive: true });
const out = path.join(values.out, `bench-${date}.json`);
writeFileSync(out, `${JSON.stringify({ date, quick, scale: Number(values.scale), node: process.versions.node, cpus: os.cpus().length, figures, failures }, null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}${failures.length ? `; FAILED: ${failures.join('; ')}` : ''}\n`);
process.exitCode = failures.length ? 1 : 0;
