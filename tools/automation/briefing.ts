import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { moneyMovedSince, stageMovesSince, type MoneyMoved } from '../../db/repos/briefing.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { listTasks } from '../../db/repos/tasks.ts';
import { scanRisks } from '../intelligence/risk-scan.ts';
import { DEFAULT_RISK_THRESHOLDS } from '../intelligence/risk-thresholds.ts';
import { followupsDue } from './followups.ts';
import { DEFAULT_HOURS } from './business-hours.ts';

// A briefing: what changed since the last one, today's priorities, risks, follow-ups due and forecast
// movement, each item linked to its record. Audiences differ in what they get most of; all are capped
// at 10 items and about 250 words.

export type Audience = 'rep' | 'manager' | 'exec';
export type Section = 'changed' | 'priority' | 'risk' | 'followup' | 'forecast';

export interface BriefingItem {
  section: Section;
  kind: 'task' | 'lead' | 'opportunity';
  id: string;
  text: string;
}

export const MAX_ITEMS = 10;
export const MAX_WORDS = 250;

/** How many items of each section an audience gets, in the order they are shown. */
const QUOTAS: Record<Audience, [Section, number][]> = {
  rep: [['priority', 4], ['followup', 2], ['risk', 2], ['changed', 1], ['forecast', 1]],
  manager: [['risk', 3], ['priority', 2], ['forecast', 2], ['changed', 2], ['followup', 1]],
  exec: [['forecast', 3], ['risk', 4], ['changed', 3]],
};

const money = (minor: number, currency: string) => `${Math.round(minor / 100).toLocaleString('en-US')} ${currency}`;
const label: Record<string, string> = { closed_won: 'won', closed_lost: 'lost' };

export interface BriefingInput {
  db: Executor;
  scope: Scope;
  now: Date;
  since: Date;
  audience: Audience;
  userId: string;
  timeZone: string;
}

export async function composeBriefing(b: BriefingInput): Promise<{ headline: string; items: BriefingItem[]; money: MoneyMoved | null }> {
  const pools: Record<Section, BriefingItem[]> = { changed: [], priority: [], risk: [], followup: [], forecast: [] };
  const wanted = new Map(QUOTAS[b.audience]);

  const endOfToday = DateTime.fromJSDate(b.now, { zone: b.timeZone }).endOf('day').toJSDate();
  if (wanted.has('priority')) {
    const own = b.audience === 'rep' ? { ownerId: b.userId } : {};
    const { rows: due } = await listTasks(b.db, b.scope, { statuses: ['open', 'in_progress'], dueBefore: endOfToday, ...own }, { limit: 50, offset: 0 });
    const rank = (t: (typeof due)[number]) => (t.escalatedToId === b.userId ? 0 : 1) * 10 + ['urgent', 'high', 'medium', 'low'].indexOf(t.priority);
    for (const t of [...due].sort((x, y) => rank(x) - rank(y))) {
      const late = t.dueAt && t.dueAt < b.now ? 'overdue' : 'due today';
      pools.priority.push({ section: 'priority', kind: 'task', id: t.id, text: `${t.title} (${t.priority}, ${late}${b.audience === 'rep' ? '' : `, ${t.ownerName}`})` });
    }
  }
  if (wanted.has('risk')) {
    const { alerts } = await scanRisks({ db: b.db, scope: b.scope, now: b.now }, DEFAULT_RISK_THRESHOLDS);
    const ranked = [...alerts].sort((x, y) => (y.severity === 'high' ? 1 : 0) - (x.severity === 'high' ? 1 : 0) || (b.audience === 'exec' ? (y.valueMinor ?? 0) - (x.valueMinor ?? 0) : y.weight - x.weight));
    for (const a of ranked.slice(0, 10)) {
      const worth = a.valueMinor != null && a.currency ? `, ${money(a.valueMinor, a.currency)}` : '';
      pools.risk.push({ section: 'risk', kind: a.recordType, id: a.recordId, text: `${a.name}${worth}: ${a.signals[0]?.detail ?? a.severity}` });
    }
  }
  if (wanted.has('followup')) {
    const { items } = await followupsDue(b.db, b.scope, { now: b.now, ownerId: b.audience === 'rep' ? b.userId : undefined, dueSoonHours: 24, coldDays: 14, hours: DEFAULT_HOURS, cap: 10 });
    for (const f of items.filter((i) => i.kind === 'cold')) {
      pools.followup.push({ section: 'followup', kind: 'lead', id: f.id, text: `${f.title}: ${f.reason}; best at ${f.suggestedLabel}` });
    }
  }
  const moves = wanted.has('changed') || wanted.has('forecast') ? await stageMovesSince(b.db, b.scope, b.since, b.now, 30) : [];
  for (const m of moves) {
    const closing = m.toStage === 'closed_won' || m.toStage === 'closed_lost';
    const item = { kind: 'opportunity' as const, id: m.opportunityId, text: `${m.name} ${closing ? label[m.toStage] : `moved ${m.fromStage ?? 'new'} -> ${m.toStage}`} (${money(m.valueMinor, m.currency)})` };
    (closing ? pools.forecast : pools.changed).push({ section: closing ? 'forecast' : 'changed', ...item });
  }
  const [moved] = wanted.has('forecast') ? await moneyMovedSince(b.db, b.scope, b.since, b.now) : [];

  const items: BriefingItem[] = [];
  for (const [section, quota] of QUOTAS[b.audience]) items.push(...pools[section].slice(0, quota));
  // a section with less than its quota leaves room for more of the others, in the audience's order
  for (const [section] of QUOTAS[b.audience]) for (const extra of pools[section].filter((i) => !items.includes(i))) if (items.length < MAX_ITEMS) items.push(extra);

  const headline = moved
    ? `Since ${b.since.toISOString().slice(0, 16)}Z: won ${money(moved.wonMinor, moved.currency)} (${moved.wonCount}), lost ${money(moved.lostMinor, moved.currency)} (${moved.lostCount}), new pipeline ${money(moved.createdMinor, moved.currency)} (${moved.createdCount}), ${moved.slippedCount} close date(s) pushed out.`
    : `Since ${b.since.toISOString().slice(0, 16)}Z: ${moves.length} deal stage change(s).`;
  return { headline, items: items.slice(0, MAX_ITEMS), money: moved ?? null };
}

export const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function renderBriefing(title: string, headline: string, items: BriefingItem[]): string {
  const names: Record<Section, string> = { priority: 'Today', risk: 'Risk', followup: 'Follow up', changed: 'Changed', forecast: 'Forecast' };
  return [title, headline, ...items.map((i) => `- ${names[i.section]}: ${i.text}`)].join('\n');
}

/** The rendered briefing, dropping items from the end until it fits in MAX_WORDS. */
export function fitBriefing(title: string, headline: string, items: BriefingItem[]): { text: string; items: BriefingItem[] } {
  const kept = [...items];
  let text = renderBriefing(title, headline, kept);
  while (kept.length > 0 && wordsIn(text) > MAX_WORDS) {
    kept.pop();
    text = renderBriefing(title, headline, kept);
  }
  return { text, items: kept };
}
