import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parseEnv } from '../../core/env.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import { BENCH_QUESTIONS, startChatBenchServer } from './chat-server.ts';
import { writeFigures, type Figure } from './figures.ts';

// `npm run bench:chat [-- --duration 10 --levels 1,10,50 --max-turns 8 --scale 1]`: POST /v1/chat latency
// with the offline local model (no API key, whatever the shell has), against a real server on loopback,
// under 1, 10 and 50 concurrent clients, each level bounded in time. Beyond the turn cap the server answers
// 429 at once: those are counted apart, and the latency figures are of answered turns (200) only.
// --figures FILE also writes each level's figures as JSON rows (for `npm run bench`, evals/bench/all.ts).

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    levels: { type: 'string', default: '1,10,50' },
    'max-turns': { type: 'string', default: String(parseEnv({}).CHAT_MAX_TURNS) },
    scale: { type: 'string', default: '1' },
    figures: { type: 'string' },
  },
});
const duration = Number(values.duration);
const maxTurns = Number(values['max-turns']);

const server = await startChatBenchServer({ scale: Number(values.scale), maxTurns });
const { url, turns } = server;
const questions = BENCH_QUESTIONS;
let next = 0;
const body = () => JSON.stringify({ message: questions[next++ % questions.length] });

// warm-up: JIT, the directory cache and the first checkpoint writes
for (const question of questions) await server.inject(question);

process.stdout.write(`model: ${server.modelId}, turn cap ${maxTurns}, ${duration} s per level, demo org scale ${values.scale}\n\n`);
process.stdout.write('| clients | answered (200) | turns/s | p50 ms | p95 ms | max ms | refused (429) | 429 p95 ms | errors/timeouts | peak turns at once |\n|---|---|---|---|---|---|---|---|---|---|\n');
const figures: Figure[] = [];
for (const clients of values.levels.split(',').map(Number)) {
  const answered: number[] = [];
  const refused: number[] = [];
  let other = 0;
  const run = autocannon({
    url: `${url}/v1/chat`,
    connections: clients,
    duration,
    timeout: 30,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) answered.push(ms);
    else if (status === 429) refused.push(ms);
    else other += 1;
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, turns.running)), 5);
  const result = await run;
  clearInterval(sampler);
  const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(0));
  process.stdout.write(
    `| ${clients} | ${answered.length} | ${(answered.length / result.duration).toFixed(1)} | ${fmt(percentile(answered, 0.5))} | ${fmt(percentile(answered, 0.95))} | ${fmt(answered.length ? Math.max(...answered) : null)} | ${refused.length} | ${fmt(percentile(refused, 0.95))} | ${other + result.errors}/${result.timeouts} | ${peak} |\n`,
  );
  const level = `${clients} client${clients === 1 ? '' : 's'}`;
  figures.push(
    { area: 'chat', name: level, metric: 'turns/s', value: answered.length / result.duration, unit: '/s' },
    { area: 'chat', name: level, metric: 'p50', value: percentile(answered, 0.5) ?? Number.NaN, unit: 'ms' },
    { area: 'chat', name: level, metric: 'p95', value: percentile(answered, 0.95) ?? Number.NaN, unit: 'ms' },
    { area: 'chat', name: level, metric: 'refused (429)', value: refused.length, unit: 'count' },
    { area: 'chat', name: level, metric: 'errors', value: other + result.errors + result.timeouts, unit: 'count' },
  );
}
await server.close();
writeFigures(values.figures, figures);
