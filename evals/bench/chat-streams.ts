import { setMaxListeners } from 'node:events';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../core/env.ts';
import { createRng } from '../../core/random.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import { BENCH_QUESTIONS, startChatBenchServer } from './chat-server.ts';

// `npm run bench:chat:streams [-- --duration 15 --levels 1,10,50,200 --max-turns 4 --scale 1]`: the chat API as
// Server-Sent Events with the offline local model, against a real server on loopback, under 1, 10, 50 and 200
// clients that each hold one stream at a time. Beyond the turn cap the server must shed load with 429 and a
// Retry-After hint; a refused client waits that long (with seeded jitter, so they do not return in lockstep) and
// asks again. Anything else (a 5xx, a dropped connection, a stream that ends without its answer) is an error:
// the bar is none at any level. Each level is bounded in time; streams still open at its end are given
// a grace period, then cut and counted as timeouts.

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    levels: { type: 'string', default: '1,10,50,200' },
    'max-turns': { type: 'string', default: String(parseEnv({}).CHAT_MAX_TURNS) },
    scale: { type: 'string', default: '1' },
    grace: { type: 'string', default: '60' },
  },
});
const duration = Number(values.duration) * 1000;
const grace = Number(values.grace) * 1000;
const server = await startChatBenchServer({ scale: Number(values.scale), maxTurns: Number(values['max-turns']) });
for (const question of BENCH_QUESTIONS) await server.inject(question);

interface LevelFigures {
  answered: number[];
  firstEvent: number[];
  refused: number[];
  retryHints: number;
  errors: Map<string, number>;
  timeouts: number;
  peak: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The SSE event types of a finished stream's text, in order. */
function eventTypes(text: string): string[] {
  return [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]!);
}

async function oneStream(message: string, figures: LevelFigures, cut: AbortSignal): Promise<number> {
  const count = (kind: string) => figures.errors.set(kind, (figures.errors.get(kind) ?? 0) + 1);
  const started = performance.now();
  try {
    const response = await fetch(`${server.url}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message }),
      signal: cut,
    });
    if (response.status === 429) {
      await response.arrayBuffer();
      figures.refused.push(performance.now() - started);
      const hint = Number(response.headers.get('retry-after'));
      if (Number.isFinite(hint) && hint > 0) figures.retryHints += 1;
      return Number.isFinite(hint) && hint > 0 ? hint * 1000 : 1000;
    }
    if (response.status !== 200 || !response.body) {
      await response.arrayBuffer().catch(() => undefined);
      count(`HTTP ${response.status}`);
      return 0;
    }
    let text = '';
    let first: number | undefined;
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      first ??= performance.now() - started;
      text += decoder.decode(chunk, { stream: true });
    }
    const types = eventTypes(text);
    if (types.at(-1) === 'answer') {
      figures.answered.push(performance.now() - started);
      figures.firstEvent.push(first ?? 0);
    } else count(`stream ended with ${types.at(-1) ?? 'nothing'}`);
  } catch (error) {
    if (cut.aborted) figures.timeouts += 1;
    else count(`network: ${(error as Error).message}`);
  }
  return 0;
}

const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(0));
process.stdout.write(`model: ${server.modelId}, turn cap ${server.turns.max}, ${duration / 1000} s per level, demo org scale ${values.scale}, SSE\n\n`);
process.stdout.write('| streams | answered | turns/s | first event p50/p95 ms | whole turn p50/p95 ms | refused (429) | 429 with Retry-After | 429 p95 ms | errors | cut at the end | peak turns at once |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
const rng = createRng(7);
let next = 0;
for (const clients of values.levels.split(',').map(Number)) {
  const figures: LevelFigures = { answered: [], firstEvent: [], refused: [], retryHints: 0, errors: new Map(), timeouts: 0, peak: 0 };
  const stop = new AbortController();
  const cut = new AbortController();
  // every client's fetch and sleep listens to these two
  setMaxListeners(0, stop.signal, cut.signal);
  const startedAt = performance.now();
  const client = async () => {
    while (!stop.signal.aborted) {
      const wait = await oneStream(BENCH_QUESTIONS[next++ % BENCH_QUESTIONS.length]!, figures, cut.signal);
      if (wait > 0) await sleep(wait * (0.5 + rng.next()), stop.signal);
    }
  };
  const sampler = setInterval(() => (figures.peak = Math.max(figures.peak, server.turns.running)), 5);
  const running = Promise.all(Array.from({ length: clients }, client));
  await new Promise((resolve) => setTimeout(resolve, duration));
  stop.abort();
  const cutTimer = setTimeout(() => cut.abort(), grace);
  await running;
  clearTimeout(cutTimer);
  clearInterval(sampler);
  const seconds = (performance.now() - startedAt) / 1000;
  const errors = [...figures.errors].map(([kind, n]) => `${n} ${kind}`).join(', ') || '0';
  process.stdout.write(
    `| ${clients} | ${figures.answered.length} | ${(figures.answered.length / seconds).toFixed(1)} | ${fmt(percentile(figures.firstEvent, 0.5))} / ${fmt(percentile(figures.firstEvent, 0.95))} | ${fmt(percentile(figures.answered, 0.5))} / ${fmt(percentile(figures.answered, 0.95))} | ${figures.refused.length} | ${figures.retryHints} | ${fmt(percentile(figures.refused, 0.95))} | ${errors} | ${figures.timeouts} | ${figures.peak} |\n`,
  );
  await server.turns.idle();
}
await server.close();
