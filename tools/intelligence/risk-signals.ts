import type { LinkedInteraction } from '../../db/repos/interactions.ts';
import type { FieldEvent } from '../../db/repos/risk.ts';
import type { StageDurationStats } from '../../db/repos/stage-stats.ts';
import type { RiskSignal, RiskThresholds } from './risk-thresholds.ts';

// Each risk signal as a pure function of facts already loaded: easy to test on its threshold edge.

export const DAY_MS = 86_400_000;

export interface Evidence {
  sourceId: string;
  kind: string;
  date: string | null;
  quote: string;
}

export interface SignalFinding {
  signal: RiskSignal;
  detail: string;
  /** the measured quantity, e.g. 15 (days) */
  value: number;
  /** the threshold it crossed */
  threshold: number;
  unit: string;
  evidence: Evidence[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function interactionEvidence(ix: LinkedInteraction, quote?: string): Evidence {
  const text = quote ?? [ix.subject, ix.quote].filter(Boolean).join(': ');
  return { sourceId: ix.id, kind: `${ix.direction} ${ix.type}`, date: ix.occurredAt.toISOString(), quote: text.slice(0, 200) };
}

/** A real touch with the person: anything but internal notes. */
export const isContact = (ix: LinkedInteraction) => ix.direction !== 'internal' && ix.type !== 'note';

const NO_ANSWER = new Set(['voicemail', 'no_answer', 'busy', 'left_message']);

/** The buyer answered: an inbound message, a meeting held, a call that connected, or a reply recorded on an email. */
export function isAnswered(ix: LinkedInteraction): boolean {
  if (ix.direction === 'inbound') return true;
  if (ix.direction !== 'outbound') return false;
  if (ix.repliedAt) return true;
  if (ix.type === 'meeting') return true;
  return ix.type === 'call' && !NO_ANSWER.has(ix.outcome ?? '');
}

/** no contact for at least N days (whole days, floor); a record never contacted counts from its creation */
export function noContact(
  timeline: LinkedInteraction[],
  fallback: { createdAt: Date; lastContactedAt: Date | null; recordId: string; kind: string },
  now: Date,
  t: RiskThresholds,
): SignalFinding | null {
  const last = timeline.find(isContact);
  const candidates: { at: Date; evidence: Evidence }[] = [];
  if (last) candidates.push({ at: last.occurredAt, evidence: interactionEvidence(last) });
  if (fallback.lastContactedAt) {
    candidates.push({
      at: fallback.lastContactedAt,
      evidence: { sourceId: fallback.recordId, kind: fallback.kind, date: fallback.lastContactedAt.toISOString(), quote: 'last contacted (as recorded on the record)' },
    });
  }
  const latest = candidates.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const since = latest?.at ?? fallback.createdAt;
  const days = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  if (days < t.noContactDays) return null;
  const evidence = latest
    ? [latest.evidence]
    : [{ sourceId: fallback.recordId, kind: fallback.kind, date: fallback.createdAt.toISOString(), quote: 'created and never contacted since' }];
  return {
    signal: 'no_contact',
    detail: latest ? `no contact for ${days} days (last on ${day(since)})` : `never contacted in the ${days} days since it was created`,
    value: days,
    threshold: t.noContactDays,
    unit: 'days',
    evidence,
  };
}

/** the latest outbound touches in a row with no answer (newest-first timeline) */
export function unansweredStreak(timeline: LinkedInteraction[]): LinkedInteraction[] {
  const streak: LinkedInteraction[] = [];
  for (const ix of timeline) {
    if (ix.direction === 'internal' || ix.type === 'note') continue;
    if (isAnswered(ix)) break;
    if (ix.direction === 'outbound') streak.push(ix);
  }
  return streak;
}

export function noResponse(timeline: LinkedInteraction[], t: RiskThresholds): SignalFinding | null {
  const streak = unansweredStreak(timeline);
  if (streak.length < t.noResponseCount) return null;
  return {
    signal: 'no_response',
    detail: `no reply to the last ${streak.length} outbound touches (since ${day(streak[streak.length - 1]!.occurredAt)})`,
    value: streak.length,
    threshold: t.noResponseCount,
    unit: 'outbound touches',
    evidence: streak.slice(0, t.noResponseCount).map((ix) => interactionEvidence(ix)),
  };
}

/** longer in the current stage than 80% of the completed stays in that stage (strictly more than p80) */
export function stuckInStage(
  deal: { id: string; stage: string; stageEnteredAt: Date },
  stats: StageDurationStats | undefined,
  now: Date,
): SignalFinding | null {
  if (!stats) return null;
  const days = (now.getTime() - deal.stageEnteredAt.getTime()) / DAY_MS;
  if (!(days > stats.p80Days)) return null;
  return {
    signal: 'stuck_in_stage',
    detail: `${round1(days)} days in ${deal.stage}; 80% of ${stats.samples} past stays there ended within ${round1(stats.p80Days)} days (median ${round1(stats.p50Days)})`,
    value: round1(days),
    threshold: round1(stats.p80Days),
    unit: 'days',
    evidence: [{ sourceId: deal.id, kind: 'stage_entered', date: deal.stageEnteredAt.toISOString(), quote: `entered ${deal.stage} on ${day(deal.stageEnteredAt)}` }],
  };
}

export interface WindowValues {
  /** the value in force when the window opened (null = unknown) */
  atStart: number | string | null;
  /** changes inside the window, oldest first */
  changes: FieldEvent[];
}

/** Splits a deal's field events (from dealFieldEvents) into the value at the window start and the changes after it. */
export function windowValues(events: FieldEvent[], windowStart: Date): WindowValues {
  const before = events.filter((e) => e.at.getTime() <= windowStart.getTime());
  const changes = events.filter((e) => e.at.getTime() > windowStart.getTime());
  const last = before[before.length - 1];
  const firstField = changes.find((e) => e.source === 'field');
  const atStart = last?.newValue ?? (changes[0] === firstField ? firstField?.oldValue : null) ?? null;
  return { atStart, changes };
}

const changeEvidence = (e: FieldEvent, what: string): Evidence => ({
  sourceId: e.id,
  kind: e.source === 'field' ? 'field_change' : 'stage_change',
  date: e.at.toISOString(),
  quote: `${what} ${e.oldValue === null ? 'set to' : `changed from ${String(e.oldValue)} to`} ${String(e.newValue)}`,
});

const num = (v: number | string | null | undefined): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** probability fell by more than N points from its highest value inside the window to now */
export function probabilityDrop(current: number | null, w: WindowValues, t: RiskThresholds): SignalFinding | null {
  const values = [num(w.atStart), ...w.changes.map((e) => num(e.newValue))].filter((v): v is number => v !== null);
  const now = num(current) ?? values[values.length - 1];
  if (values.length === 0 || now === undefined || w.changes.length === 0) return null;
  const peak = Math.max(...values);
  const drop = peak - now;
  if (!(drop > t.probabilityDropPoints)) return null;
  return {
    signal: 'probability_drop',
    detail: `win probability fell ${round1(drop)} points (from ${round1(peak)}% to ${round1(now)}%) in the last ${t.probabilityWindowDays} days`,
    value: round1(drop),
    threshold: t.probabilityDropPoints,
    unit: 'points',
    evidence: w.changes.map((e) => changeEvidence(e, 'probability')),
  };
}

const dateMs = (v: number | string | null | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(`${v.slice(0, 10)}T00:00:00Z`) : null);

/** expected close date now lies more than N days later than it did when the window opened */
export function closeDateSlipped(current: string | null, w: WindowValues, t: RiskThresholds): SignalFinding | null {
  const start = dateMs(w.atStart);
  const nowValue = dateMs(current) ?? dateMs(w.changes[w.changes.length - 1]?.newValue);
  if (start === null || nowValue === null || w.changes.length === 0) return null;
  const slip = Math.round((nowValue - start) / DAY_MS);
  if (!(slip > t.closeSlipDays)) return null;
  return {
    signal: 'close_date_slipped',
    detail: `expected close moved out ${slip} days (from ${String(w.atStart).slice(0, 10)} to ${new Date(nowValue).toISOString().slice(0, 10)}) in the last ${t.closeSlipWindowDays} days`,
    value: slip,
    threshold: t.closeSlipDays,
    unit: 'days',
    evidence: w.changes.map((e) => changeEvidence(e, 'expected close date')),
  };
}
