import type { Citation } from '../types.ts';
import { cell, isMoney, label, money, pct, table } from './format.ts';
import { renderEngagement } from './render-engagement.ts';

// Answers rendered from a tool's structured output, never invented: a sentence with the key figures, a
// compact table for lists, the caveats from the tool's notes, citations from its evidence.

type Data = Record<string, unknown>;
type Renderer = (d: Data) => string;

const arr = (v: unknown): Data[] => (Array.isArray(v) ? (v as Data[]) : []);
const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const periodLabel = (d: Data) => cell(obj(d.period).label ?? '');

const RENDERERS: Record<string, Renderer> = {
  pipeline_summary: (d) => {
    const t = obj(d.totals);
    const stages = arr(d.stages).filter((s) => Number(s.count) > 0);
    return `Your pipeline: ${cell(t.count)} open deals worth ${money(t.totalValue)} (${money(t.weightedValue)} probability-weighted); ${cell(t.stuckCount)} stuck.\n\n${table(stages, [['stage', 'stage'], ['deals', 'count'], ['value', 'totalValue'], ['weighted', 'weightedValue'], ['avg days', 'averageDaysInStage'], ['stuck', 'stuckCount']])}`;
  },
  forecast: (d) => {
    const t = obj(d.total);
    const i = obj(t.interval);
    const groups = arr(d.groups);
    const head = `Forecast for ${cell(obj(d.period).label)}: most likely ${money(t.expected)} (${cell(i.level)}% interval ${money(i.low)}–${money(i.high)}); already won ${money(t.won)} in ${cell(t.wonDeals)} deals, commit ${money(t.commit)}, weighted open pipeline ${money(t.weighted)}. Worst case (p10) ${money(t.p10)}, best case (p90) ${money(t.p90)}.`;
    return groups.length > 0 ? `${head}\n\n${table(groups, [['', 'label'], ['won', 'won'], ['commit', 'commit'], ['expected', 'expected'], ['p10', 'p10'], ['p90', 'p90']])}` : head;
  },
  revenue_report: (d) => {
    const t = obj(d.total);
    const trend = obj(t.trend);
    const groups = arr(d.groups);
    const buckets = arr(d.buckets);
    const head = `Won revenue for ${periodLabel(d)}: ${money(t.won)} from ${cell(t.deals)} deals${isMoney(t.target) ? `, ${pct(t.attainment)} of the ${money(t.target)} target` : ''}${typeof trend.changePct === 'number' ? ` (${trend.changePct >= 0 ? '+' : ''}${pct(trend.changePct)} on ${cell(obj(d.previousPeriod).label)})` : ''}.`;
    if (groups.length > 0) return `${head}\n\n${table(groups, [['', 'label'], ['won', 'won'], ['deals', 'deals'], ['attainment', (r) => pct(r.attainment)]])}`;
    return buckets.length > 1 ? `${head}\n\n${table(buckets, [['', 'label'], ['won', 'won'], ['deals', 'deals'], ['attainment', (r) => pct(r.attainment)]])}` : head;
  },
  rep_leaderboard: (d) =>
    `Leaderboard for ${periodLabel(d)} by ${cell(d.rankBy)}. ${cell(obj(d.top).text)}.\n\n${table(arr(d.reps), [['#', 'rank'], ['rep', 'name'], ['team', 'team'], ['won', 'wonRevenue'], ['deals won', 'dealsWon'], ['win rate', (r) => pct(r.winRate)], ['attainment', (r) => pct(r.attainment)]])}`,
  win_loss_analysis: (d) => {
    const o = obj(d.overall);
    const lost = arr(d.lostReasons).slice(0, 3).map((r) => `${cell(r.reason)} (${cell(r.count)})`);
    const won = arr(d.wonReasons).slice(0, 3).map((r) => `${cell(r.reason)} (${cell(r.count)})`);
    const patterns = arr(d.patterns).slice(0, 3).map((p) => `- ${cell(p.text)}`);
    return `${cell(o.closed)} deals closed: ${cell(o.won)} won (${money(o.wonValue)}) and ${cell(o.lost)} lost (${money(o.lostValue)}), a ${pct(o.winRate)} win rate.${lost.length ? `\nTop loss reasons: ${lost.join('; ')}.` : ''}${won.length ? `\nTop win reasons: ${won.join('; ')}.` : ''}${patterns.length ? `\n${patterns.join('\n')}` : ''}`;
  },
  risk_scan: (d) => {
    const c = obj(d.counts);
    const alerts = arr(d.alerts);
    if (alerts.length === 0) return `Nothing at risk: ${cell(obj(d.scanned).deals)} deals and ${cell(obj(d.scanned).leads)} leads scanned.`;
    return `${cell(obj(d.page).total ?? alerts.length)} records at risk (${cell(c.high)} high, ${cell(c.medium)} medium, ${cell(c.low)} low).\n\n${table(alerts, [['record', 'name'], ['type', 'recordType'], ['severity', 'severity'], ['owner', 'owner'], ['value', (r) => (typeof r.valueMinor === 'number' ? money({ amountMinor: r.valueMinor, currency: String(r.currency ?? 'USD') }) : null)], ['why', (r) => arr(r.signals).map((s) => cell(s.text ?? s.signal ?? s.kind)).join('; ')]])}`;
  },
  lead_score: (d) => {
    const rows = arr(d.results);
    if (rows.length === 1) {
      const r = rows[0]!;
      const parts = arr(r.parts).map((p) => `${cell(p.part ?? p.name)} ${cell(p.score ?? p.points ?? p.value)}`).join(', ');
      return `${cell(r.lead)} scores ${cell(r.score)}/100, grade ${cell(r.grade)}${parts ? ` (${parts})` : ''}.`;
    }
    return `Scored ${rows.length} leads.\n\n${table(rows, [['lead', 'lead'], ['score', 'score'], ['grade', 'grade']])}`;
  },
  opportunity_win_probability: (d) =>
    `${cell(d.opportunity)} (${cell(d.stage)}): ${pct(d.probability)} chance to win${typeof d.storedProbability === 'number' ? ` (the deal says ${pct(d.storedProbability)})` : ''}.${arr(d.similarDeals).length ? `\nSimilar deals: ${arr(d.similarDeals).slice(0, 3).map((s) => `${cell(s.name)} (${cell(s.outcome)})`).join('; ')}.` : ''}`,
  lead_get: (d) => {
    const l = obj(d.lead);
    const a = obj(d.account);
    const o = obj(d.owner);
    const pains = arr(d.painPoints).map(cell);
    return `${cell(l.fullName)}: ${cell(l.title)} at ${cell(a.name)}, ${cell(l.lifecycleStage)} lead owned by ${cell(o.name)}; score ${cell(l.score)}${l.grade ? ` (${cell(l.grade)})` : ''}, ${cell(l.interactionCount)} interactions, last contacted ${cell(l.lastContactedAt)}.${pains.length ? `\nPain points: ${pains.join('; ')}.` : ''}`;
  },
  opportunity_get: (d) => {
    const o = obj(d.opportunity);
    return `${cell(o.name)}: ${cell(o.stage)} for ${cell(o.daysInStage)} days, ${money(o.value)}, probability ${pct(o.probability)}, expected close ${cell(o.expectedCloseDate)}, owner ${cell(o.owner)}.${d.nextSteps ? `\nNext steps: ${cell(d.nextSteps)}` : ''}${arr(d.competitors).length ? `\nCompetitors: ${arr(d.competitors).map(cell).join(', ')}.` : ''}`;
  },
  lead_search: (d) => `${cell(obj(d.page).total)} leads.\n\n${table(arr(d.leads), [['lead', 'fullName'], ['company', 'account'], ['stage', 'lifecycleStage'], ['score', 'score'], ['owner', 'owner'], ['last contacted', 'lastContactedAt']])}`,
  opportunity_search: (d) => `${cell(obj(d.page).total)} deals.\n\n${table(arr(d.opportunities), [['deal', 'name'], ['stage', 'stage'], ['value', 'value'], ['close', 'expectedCloseDate'], ['owner', 'owner']])}`,
  lead_prioritize: (d) => `Your queue (${cell(obj(d.page).total)} leads):\n\n${table(arr(d.queue), [['#', 'rank'], ['lead', (r) => r.lead ?? r.name ?? r.fullName], ['why', (r) => r.reason ?? r.why ?? r.reasons]])}`,
  engagement_insights: renderEngagement,
  next_best_action: (d) => `Next for ${cell(obj(d.target).name)}:\n${arr(d.actions).map((a) => `${cell(a.rank)}. ${cell(a.title)}: ${cell(a.reason)}`).join('\n')}`,
};

function genericRender(d: Data): string {
  const scalars = Object.entries(d)
    .filter(([k, v]) => !/id$|Id$|evidence|notes|method/.test(k) && (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length < 80) || isMoney(v)))
    .slice(0, 6)
    .map(([k, v]) => `${label(k)}: ${cell(v)}`);
  const list = Object.entries(d).find(([k, v]) => k !== 'evidence' && Array.isArray(v) && v.length > 0 && typeof v[0] === 'object');
  let out = scalars.join('; ');
  if (list) {
    const rows = list[1] as Data[];
    const cols = Object.keys(rows[0]!).filter((k) => !/(^id$|Id$)/.test(k)).slice(0, 5);
    out += `${out ? '\n\n' : ''}${label(list[0])}:\n${table(rows, cols.map((c) => [label(c), c]))}`;
  }
  return out || 'Done.';
}

function writeRender(tool: string, d: Data, preview: boolean): string {
  const changes = arr(d.changes);
  const subject = cell(d.lead ?? d.opportunity ?? d.name ?? d.label ?? d.survivor ?? '');
  const verb = preview ? 'Would change' : 'Changed';
  if (typeof d.from === 'string' && typeof d.to === 'string') {
    return d.changed === false ? `${subject} is already at ${d.to}; nothing changed.` : `${preview ? 'Would move' : 'Moved'} ${subject} from ${d.from} to ${d.to}.`;
  }
  if (tool === 'lead_remember') return d.added === false ? `I already had that noted for ${subject}.` : `Noted for ${subject}: "${cell(d.note)}".`;
  if (tool === 'lead_assign') return `${preview ? 'Would assign' : 'Assigned'} ${subject} to ${cell(obj(d.chosen).name)}. ${cell(d.reason)}`;
  if (tool === 'lead_merge') return `${preview ? 'Would merge' : 'Merged'} ${cell(d.duplicate)} into ${cell(d.survivor)}.`;
  if (changes.length > 0) return `${verb} ${subject}${d.result ? ` (${cell(d.result)})` : ''}: ${changes.map((c) => `${label(String(c.field))} ${cell(c.from)} → ${cell(c.to)}`).join('; ')}.`;
  return genericRender(d);
}

export interface RenderedAnswer {
  text: string;
  citations: Citation[];
}

/** The answer for one successful tool result. */
export function renderResult(tool: string, data: unknown, readOnly: boolean, preview = false): RenderedAnswer {
  const d = obj(data);
  // tools that only record derived values (scores) read like reads; other writes confirm what changed
  const renderer = RENDERERS[tool];
  let text = renderer ? renderer(d) : readOnly ? genericRender(d) : writeRender(tool, d, preview);
  const notes = arr(d.notes).map(cell).filter(Boolean);
  if (notes.length > 0) text += `\n\nNote: ${notes.slice(0, 3).join('; ')}.`.replace(/\.\.$/, '.');
  const citations = arr(d.evidence)
    .slice(0, 8)
    .map((e) => ({ kind: cell(e.kind), id: String(e.sourceId ?? e.id ?? ''), ...(e.date ? { label: String(e.date).slice(0, 10) } : {}), ...(e.quote ? { quote: String(e.quote) } : {}) }))
    .filter((c) => c.id);
  return { text: text.trim(), citations };
}

export interface ToolErrorShape {
  code: string;
  message: string;
  hint?: string;
  candidates?: { id: string; label: string; detail?: string }[];
}

/** An expected miss in plain words; an ambiguous reference becomes a question listing the candidates. */
export function renderError(error: ToolErrorShape): { kind: 'clarify' | 'answer'; text: string } {
  const [code, entity] = error.code.split(':');
  if (code === 'ambiguous' && error.candidates && error.candidates.length > 0) {
    const names = error.candidates.slice(0, 5).map((c) => (c.detail ? `${c.label} (${c.detail})` : c.label));
    const list = names.length === 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    return { kind: 'clarify', text: `Which ${entity === 'opportunity' ? 'deal' : (entity ?? 'one')}: ${list}?` };
  }
  if (code === 'not_found') return { kind: 'answer', text: `${error.message}.${error.hint ? ` ${error.hint}.` : ''} Check the spelling, or ask me to search.`.replace(/\.\./g, '.') };
  if (code === 'forbidden') return { kind: 'answer', text: `You can't do that: ${error.message}.`.replace(/\.\./g, '.') };
  if (code === 'invalid_input') return { kind: 'clarify', text: `I couldn't run that: ${error.message}${error.hint ? ` (${error.hint})` : ''}. Can you say it another way?` };
  return { kind: 'answer', text: `That didn't work: ${error.message}${error.hint ? ` (${error.hint})` : ''}.` };
}
