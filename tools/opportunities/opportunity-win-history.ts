import { OPEN_OPPORTUNITY_STAGES, type OpportunityStage } from '../../core/domain.ts';
import type { DealRecord, StageChange } from '../../db/repos/opportunity-history.ts';
import { dealFactsOf } from '../intelligence/deal-embeddings.ts';
import type { ClosedDeal, DealFacts, TrainingExample } from './win-probability/model.ts';

// Turns store rows into what the win-probability model reads: closed deals with the stages they went
// through and how long they stayed, training snapshots of those deals part-way through each stay, and
// an open deal as it looked at the scoring instant. Everything is computed from rows dated before
// that instant (the caller's repo queries guarantee it).

const DAY_MS = 86_400_000;
const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);
const days = (from: Date, to: Date) => Math.round(Math.max(0, (to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;

export interface Stay {
  stage: OpportunityStage;
  from: Date;
  /** null while the deal is still in the stage */
  to: Date | null;
}

export interface Timeline {
  stays: Stay[];
  /** touch times, ascending */
  touches: Date[];
}

/** Per deal: its stage stays (from consecutive stage changes) and touch times. */
export function buildTimelines(changes: readonly StageChange[], touches: readonly { opportunityId: string; at: Date }[]): Map<string, Timeline> {
  const timelines = new Map<string, Timeline>();
  const of = (id: string) => {
    let t = timelines.get(id);
    if (!t) timelines.set(id, (t = { stays: [], touches: [] }));
    return t;
  };
  for (const change of changes) {
    const { stays } = of(change.opportunityId);
    const last = stays[stays.length - 1];
    if (last && last.to === null) last.to = change.changedAt;
    stays.push({ stage: change.toStage, from: change.changedAt, to: null });
  }
  for (const touch of touches) of(touch.opportunityId).touches.push(touch.at);
  return timelines;
}

const EMPTY: Timeline = { stays: [], touches: [] };

/** Days since the last touch strictly before `at`, or undefined when there was none. */
export function daysSinceTouch(timeline: Timeline, at: Date): number | undefined {
  let last: Date | undefined;
  for (const t of timeline.touches) {
    if (t.getTime() >= at.getTime()) break;
    last = t;
  }
  return last ? days(last, at) : undefined;
}

export function closedDealOf(record: DealRecord, timeline: Timeline = EMPTY): ClosedDeal {
  const open = timeline.stays.filter((s) => OPEN.has(s.stage));
  const daysInStages: Record<string, number> = {};
  for (const stay of open) {
    if (stay.to) daysInStages[stay.stage] = (daysInStages[stay.stage] ?? 0) + days(stay.from, stay.to);
  }
  const stagesReached = [...new Set(open.map((s) => s.stage))];
  const deal: ClosedDeal = { ...dealFactsOf(record), id: record.id, won: record.outcome === 'won', daysInStages };
  if (record.closedAt) deal.closedAt = record.closedAt;
  if (stagesReached.length > 0) {
    deal.stagesReached = stagesReached;
    deal.stage = stagesReached[stagesReached.length - 1]!;
  }
  return deal;
}

/**
 * Training rows for one closed deal: the deal as it looked half-way through each open-stage stay it
 * completed. An open deal is scored at some unknown point of its current stay; the midpoint is that
 * point's expected position, so the aging and recency inputs look like those of the deals being scored.
 */
export function snapshotsOf(record: DealRecord, timeline: Timeline = EMPTY): TrainingExample[] {
  const facts = dealFactsOf(record);
  return timeline.stays
    .filter((s): s is Stay & { to: Date } => OPEN.has(s.stage) && s.to !== null)
    .map((stay) => {
      const at = new Date((stay.from.getTime() + stay.to.getTime()) / 2);
      const deal: DealFacts & { id: string } = { ...facts, id: record.id, stage: stay.stage, daysInStage: days(stay.from, at) };
      const touch = daysSinceTouch(timeline, at);
      if (touch !== undefined) deal.daysSinceLastTouch = touch;
      return { deal, won: record.outcome === 'won' };
    });
}

/** An open deal as it looked at `at`: its stage then (from the history, else its current stage), days in it, days since a touch. */
export function openDealFactsAt(record: DealRecord, timeline: Timeline, at: Date): DealFacts & { id: string } {
  const before = timeline.stays.filter((s) => s.from.getTime() < at.getTime());
  const current = before[before.length - 1];
  const stage = current?.stage ?? record.stage;
  const enteredAt = current?.from ?? record.stageEnteredAt;
  const deal: DealFacts & { id: string } = { ...dealFactsOf(record), id: record.id, stage, daysInStage: days(enteredAt, at) };
  const touch = daysSinceTouch(timeline, at);
  if (touch !== undefined) deal.daysSinceLastTouch = touch;
  return deal;
}

/**
 * Training rows taken the way deals are scored: every `stepDays` back from `cutoff`, each closed deal that
 * was open on that day, as it looked that day. A deal open on many such days appears many times, as a
 * long-running deal is met many times by the people scoring it.
 */
export function asOfSnapshots(
  records: readonly DealRecord[],
  timelines: ReadonlyMap<string, Timeline>,
  cutoff: Date,
  stepDays: number,
): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const earliest = Math.min(...records.map((r) => r.createdAt.getTime()));
  for (let t = cutoff.getTime() - stepDays * DAY_MS; t > earliest; t -= stepDays * DAY_MS) {
    const at = new Date(t);
    for (const record of records) {
      if (record.createdAt.getTime() >= t || !record.closedAt || record.closedAt.getTime() <= t) continue;
      const deal = openDealFactsAt(record, timelines.get(record.id) ?? EMPTY, at);
      if (!OPEN.has(deal.stage ?? '')) continue;
      examples.push({ deal, won: record.outcome === 'won' });
    }
  }
  return examples;
}
