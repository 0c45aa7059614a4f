import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The report's arithmetic: every measured metric against its threshold (evals/report/thresholds.json), the
// verdict of each row, the run's verdict, and the markdown table. No I/O besides loading the thresholds.

export const threshold = z.object({
  id: z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'ids look like area.metric'),
  label: z.string().min(1),
  op: z.enum(['>=', '<=', '<', '>']),
  target: z.number(),
  unit: z.enum(['ratio', 'pct', 'ms', 'number']),
  issue: z.number().int().positive(),
  /** false: shown against its target, never fails the run */
  tracked: z.boolean(),
});
export type Threshold = z.infer<typeof threshold>;
const thresholdsFile = z.object({ thresholds: z.array(threshold).min(1) });

/** One figure a part of the eval measured; value null = not measured (data absent, part skipped), with why. */
export interface Metric {
  id: string;
  value: number | null;
  note?: string;
}

export type Verdict = 'pass' | 'fail' | 'skipped' | 'info';

export interface Row {
  id: string;
  label: string;
  value: number | null;
  target: string;
  issue: number | null;
  tracked: boolean;
  verdict: Verdict;
  note?: string;
}

export function loadThresholds(path = new URL('./thresholds.json', import.meta.url).pathname): Threshold[] {
  const parsed = thresholdsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  const ids = new Set<string>();
  for (const t of parsed.data.thresholds) {
    if (ids.has(t.id)) throw new Error(`${path}: threshold ${t.id} appears twice`);
    ids.add(t.id);
  }
  return parsed.data.thresholds;
}

export function meets(value: number, t: Pick<Threshold, 'op' | 'target'>): boolean {
  switch (t.op) {
    case '>=': return value >= t.target;
    case '<=': return value <= t.target;
    case '<': return value < t.target;
    case '>': return value > t.target;
  }
}

/**
 * One row per threshold (in the file's order; a threshold nothing measured is "skipped: not measured"),
 * then the metrics no threshold names, as information. A NaN value is a failure, not a pass.
 */
export function buildRows(thresholds: readonly Threshold[], metrics: readonly Metric[]): Row[] {
  const byId = new Map<string, Metric>();
  for (const m of metrics) {
    if (byId.has(m.id)) throw new Error(`metric ${m.id} measured twice`);
    byId.set(m.id, m);
  }
  const rows: Row[] = thresholds.map((t) => {
    const m = byId.get(t.id);
    const base = { id: t.id, label: t.label, target: `${t.op} ${formatValue(t.target, t.unit)}`, issue: t.issue, tracked: t.tracked };
    if (!m || m.value === null) return { ...base, value: null, verdict: 'skipped', note: m?.note ?? 'not measured in this run' };
    const ok = Number.isFinite(m.value) && meets(m.value, t);
    return { ...base, value: m.value, verdict: t.tracked ? (ok ? 'pass' : 'fail') : 'info', ...(m.note ? { note: m.note } : t.tracked || ok ? {} : { note: 'below target (not tracked)' }) };
  });
  const known = new Set(thresholds.map((t) => t.id));
  for (const m of metrics) {
    if (!known.has(m.id)) rows.push({ id: m.id, label: m.id, value: m.value, target: '-', issue: null, tracked: false, verdict: 'info', ...(m.note ? { note: m.note } : {}) });
  }
  return rows;
}

/** Exit status: 1 when any tracked metric missed its target, else 0 (skipped rows never fail). */
export function exitCode(rows: readonly Row[]): number {
  return rows.some((r) => r.verdict === 'fail') ? 1 : 0;
}

export function formatValue(value: number | null, unit: Threshold['unit'] | undefined): string {
  if (value === null) return '-';
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ratio': return value.toFixed(3);
    case 'pct': return `${value.toFixed(1)}%`;
    case 'ms': return `${value.toFixed(1)} ms`;
    default: return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
  }
}

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'pass', fail: '**FAIL**', skipped: 'skipped', info: 'info' };
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly Row[], units: ReadonlyMap<string, Threshold['unit']>): string {
  const lines = ['| metric | value | target | result | issue | note |', '|---|---:|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${cell(r.label)} | ${formatValue(r.value, units.get(r.id))} | ${r.target} | ${VERDICT_TEXT[r.verdict]} | ${r.issue === null ? '' : `#${r.issue}`} | ${cell(r.note ?? '')} |`);
  }
  return lines.join('\n');
}

export function summaryLine(rows: readonly Row[]): string {
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped, ${count('info')} for information`;
}
