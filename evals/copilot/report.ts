import type { TurnScore } from './score.ts';

// The eval's table: accuracy by measure and by category, the per-tool confusion list, latencies.

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export interface Summary {
  turns: number;
  toolAccuracy: number;
  agentAccuracy: number;
  argumentAccuracy: number;
  clarifyRate: number;
  wrongClarifications: number;
  outOfScopeDeclined: number;
  compound: number;
  followups: number;
  ambiguousAsked: number;
  missingSlotAsked: number;
  overall: number;
  understandP50: number;
  understandP95: number;
  turnP50: number;
  turnP95: number;
}

const rate = (rows: TurnScore[], ok: (r: TurnScore) => boolean) => (rows.length === 0 ? NaN : rows.filter(ok).length / rows.length);

export function summarize(scores: TurnScore[]): Summary {
  const calls = scores.filter((s) => s.expected === 'calls');
  const declines = scores.filter((s) => s.expected === 'decline');
  const reads = scores.filter((s) => s.expected === 'calls' && s.readOnly);
  return {
    turns: scores.length,
    toolAccuracy: rate(calls, (s) => s.toolsOk),
    agentAccuracy: rate(calls, (s) => s.agentsOk),
    argumentAccuracy: rate(calls, (s) => s.argsOk),
    clarifyRate: rate(scores, (s) => s.outcome === 'clarify'),
    wrongClarifications: calls.filter((s) => s.outcome === 'clarify').length,
    outOfScopeDeclined: rate(declines, (s) => s.correct),
    compound: rate(scores.filter((s) => s.category === 'compound'), (s) => s.correct),
    followups: rate(scores.filter((s) => s.category === 'followup' && s.turn > 0), (s) => s.correct),
    ambiguousAsked: rate(scores.filter((s) => s.category === 'ambiguous'), (s) => s.correct),
    missingSlotAsked: rate(scores.filter((s) => s.category === 'missing_slot'), (s) => s.correct),
    overall: rate(scores, (s) => s.correct),
    understandP50: percentile(scores.map((s) => s.understandMs), 0.5),
    understandP95: percentile(scores.map((s) => s.understandMs), 0.95),
    turnP50: percentile(reads.map((s) => s.turnMs), 0.5),
    turnP95: percentile(reads.map((s) => s.turnMs), 0.95),
  };
}

const p = (v: number) => (Number.isNaN(v) ? '   n/a' : `${(v * 100).toFixed(1).padStart(5)}%`);
const ms = (v: number) => `${v.toFixed(1)} ms`;

export function formatReport(title: string, scores: TurnScore[], coldStartMs: number): string {
  const s = summarize(scores);
  const calls = scores.filter((x) => x.expected === 'calls');
  const lines = [
    title,
    '',
    `| measure | value | target |`,
    `| --- | --- | --- |`,
    `| turns scored | ${s.turns} | |`,
    `| tool accuracy (${calls.length} turns with calls) | ${p(s.toolAccuracy)} | >= 95% |`,
    `| agent accuracy | ${p(s.agentAccuracy)} | |`,
    `| argument accuracy (tools and full resolved input right) | ${p(s.argumentAccuracy)} | >= 90% |`,
    `| clarifying-question rate (all turns) | ${p(s.clarifyRate)} | |`,
    `| clarifying questions on requests that needed none | ${s.wrongClarifications} | |`,
    `| out of scope / not-yet tools declined | ${p(s.outOfScopeDeclined)} | >= 90% |`,
    `| compound requests | ${p(s.compound)} | >= 90% |`,
    `| memory follow-ups (later turns) | ${p(s.followups)} | >= 90% |`,
    `| ambiguous names asked | ${p(s.ambiguousAsked)} | |`,
    `| missing slots asked | ${p(s.missingSlotAsked)} | |`,
    `| all turns correct | ${p(s.overall)} | |`,
    `| routing + slot filling p50 / p95 | ${ms(s.understandP50)} / ${ms(s.understandP95)} | p95 < 20 ms |`,
    `| whole turn, read tools, p50 / p95 | ${ms(s.turnP50)} / ${ms(s.turnP95)} | p95 < 300 ms |`,
    `| classifier cold start | ${ms(coldStartMs)} | < 2 s |`,
  ];
  const confusion = new Map<string, number>();
  for (const x of calls.filter((c) => !c.toolsOk)) {
    const key = `${x.expectedTools.join('+')} -> ${x.producedTools.join('+') || x.outcome}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  for (const x of scores.filter((c) => c.expected !== 'calls' && !c.correct)) {
    const key = `(${x.expected}) -> ${x.producedTools.join('+') || x.outcome}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  lines.push('', 'Per-tool confusion (expected -> produced):');
  if (confusion.size === 0) lines.push('  none');
  for (const [key, n] of [...confusion].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(3)}  ${key}`);
  return lines.join('\n');
}
