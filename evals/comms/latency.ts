import { percentile } from '../../core/stats/descriptive.ts';

// Latency of one tool over varied calls: the first call (cold: JIT, caches, first plans) is reported
// apart from the rest, which give p50/p95.

export interface Latency {
  tool: string;
  note: string;
  firstMs: number;
  n: number;
  p50: number;
  p95: number;
  outcomes: Record<string, number>;
}

export async function measure(tool: string, note: string, calls: number, once: (i: number) => Promise<string>): Promise<Latency> {
  const times: number[] = [];
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const outcome = await once(i);
    times.push(performance.now() - start);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const [first, ...rest] = times;
  return { tool, note, firstMs: first ?? 0, n: rest.length, p50: percentile(rest, 0.5) ?? 0, p95: percentile(rest, 0.95) ?? 0, outcomes };
}

export function latencyTable(rows: readonly Latency[]): string {
  const lines = ['| tool | calls | first call ms | p50 ms | p95 ms | outcomes | how |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const outcomes = Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(`| ${r.tool} | 1 + ${r.n} | ${r.firstMs.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${outcomes} | ${r.note} |`);
  }
  return lines.join('\n');
}
