import type { CrmTaskReport } from '../crm-tasks/run.ts';
import { markdownTable, summaryLine, type Row, type Threshold } from './table.ts';

// The report file's markdown: the one table of every metric against its target, then the CRM tasks per type
// and each task that failed with why, so a reader sees what to fix without rerunning.

export interface ReportDocument {
  date: string;
  evalClock: string;
  commit: string;
  quick: boolean;
  seconds: number;
  rows: Row[];
  units: Map<string, Threshold['unit']>;
  crmTasks?: CrmTaskReport;
  parts: { name: string; seconds: number; error?: string }[];
  notes: string[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function reportMarkdown(d: ReportDocument): string {
  const out = [
    `# Dealwise eval report ${d.date}`,
    '',
    `Eval clock ${d.evalClock}, demo org seed 42 scale 1, commit ${d.commit}${d.quick ? ', **--quick** (a subset)' : ''}; ${Math.round(d.seconds)} s.`,
    `Result: ${summaryLine(d.rows)}. Targets and their issues: evals/report/thresholds.json.`,
    '',
    markdownTable(d.rows, d.units),
    '',
    '## Parts',
    ...d.parts.map((p) => `- ${p.name}: ${p.seconds.toFixed(0)} s${p.error ? ` — **failed**: ${p.error}` : ''}`),
  ];
  if (d.notes.length) out.push('', '## Notes', ...d.notes.map((n) => `- ${n}`));
  const t = d.crmTasks;
  if (t) {
    out.push('', `## CRM tasks (${t.total}, set sha256 ${t.sha256.slice(0, 12)})`, '', '| type | right | of | share |', '|---|---:|---:|---:|');
    for (const b of t.byType) out.push(`| ${b.type} | ${b.correct} | ${b.total} | ${b.total ? pct(b.accuracy) : '-'} |`);
    out.push(`| **all** | ${t.correct} | ${t.total} | ${pct(t.accuracy)} |`, '', '### Tasks answered wrong', '');
    const wrong = t.results.filter((r) => !r.correct);
    if (wrong.length === 0) out.push('None.');
    for (const r of wrong) out.push(`- ${r.id} (${r.actor.split('@')[0]}) "${r.question}" — tools: ${r.tools.join(', ') || 'none'}; expected ${r.expected}; ${r.why}`);
  }
  return `${out.join('\n')}\n`;
}
