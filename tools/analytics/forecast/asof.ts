import type { ForecastDealIdentity } from '../../../db/repos/forecast.ts';
import { OPEN_OPPORTUNITY_STAGES } from '../../../core/domain.ts';
import type { DealHistoryAt, FieldChangeAtRow, StageChangeAtRow } from '../../../db/repos/forecast-history.ts';

// Deals as they stood at past instants, rebuilt from their history: the stage, probability, value and
// expected close date recorded by the last stage change before the instant, overridden by any later
// field edit (still before it). The forecast category is not historised, so it is derived from the stage
// with the demo CRM's mapping (negotiation = commit, proposal = best_case, earlier = pipeline), which is
// also the stage rule the backtest uses for commit.

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);

export interface DealState {
  stage?: string;
  /** percent 0-100 as recorded, or null */
  probability: number | null;
  valueMinor?: number;
  expectedCloseDate: string | null;
}

export interface DealEvent {
  at: number;
  apply: (s: DealState) => void;
}

export interface DealAsOf extends ForecastDealIdentity {
  currency: string;
  stage: string;
  forecastCategory: string;
  /** percent 0-100 as recorded then, or null */
  probability: number | null;
  valueMinor: number;
  expectedCloseDate: string | null;
  createdAt: Date;
}

export const categoryOfStage = (stage: string) => (stage === 'negotiation' ? 'commit' : stage === 'proposal' ? 'best_case' : 'pipeline');

const asDate = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);
const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** Per deal, its stage changes and field edits as state updates in time order (a stage change first at equal instants). */
export function eventsByDeal(stageChanges: readonly StageChangeAtRow[], fieldChanges: readonly FieldChangeAtRow[]): Map<string, DealEvent[]> {
  const events = new Map<string, DealEvent[]>();
  const push = (id: string, e: DealEvent) => {
    const list = events.get(id);
    if (list) list.push(e);
    else events.set(id, [e]);
  };
  for (const c of stageChanges) {
    push(c.opportunityId, {
      at: c.changedAt.getTime(),
      apply: (s) => {
        s.stage = c.toStage;
        if (c.probability !== null) s.probability = c.probability;
        if (c.valueMinor !== null) s.valueMinor = c.valueMinor;
        if (c.expectedCloseDate !== null) s.expectedCloseDate = c.expectedCloseDate;
      },
    });
  }
  for (const f of fieldChanges) {
    push(f.opportunityId, {
      at: f.changedAt.getTime(),
      apply: (s) => {
        if (f.field === 'expected_close_date') s.expectedCloseDate = asDate(f.newValue) ?? s.expectedCloseDate;
        if (f.field === 'probability') s.probability = asNumber(f.newValue) ?? s.probability;
        if (f.field === 'value_minor') s.valueMinor = asNumber(f.newValue) ?? s.valueMinor;
      },
    });
  }
  // Array.prototype.sort is stable: stage changes were pushed first, so they stay first at equal instants
  for (const list of events.values()) list.sort((a, b) => a.at - b.at);
  return events;
}

/** A rebuilt state that describes an open deal with a value, or undefined. */
export const openState = (s: DealState): (DealState & { stage: string; valueMinor: number }) | undefined =>
  s.stage !== undefined && OPEN.has(s.stage) && s.valueMinor !== undefined ? (s as DealState & { stage: string; valueMinor: number }) : undefined;

/** The state after every event strictly before `at`. */
export function stateAt(events: readonly DealEvent[], at: number): DealState {
  const state: DealState = { probability: null, expectedCloseDate: null };
  for (const e of events) {
    if (e.at >= at) break;
    e.apply(state);
  }
  return state;
}

/** The open deals of `history` as they were at `at`; deals with no open-stage record before `at` are skipped (counted). */
export function rebuildDealsAt(history: DealHistoryAt, at: Date): { deals: DealAsOf[]; skipped: number } {
  const events = eventsByDeal(history.stageChanges, history.fieldChanges);
  const deals: DealAsOf[] = [];
  let skipped = 0;
  for (const deal of history.deals) {
    const state = openState(stateAt(events.get(deal.id) ?? [], at.getTime()));
    if (!state) {
      skipped++;
      continue;
    }
    deals.push({
      id: deal.id,
      name: deal.name,
      account: deal.account,
      ownerId: deal.ownerId,
      ownerName: deal.ownerName,
      productId: deal.productId,
      productName: deal.productName,
      currency: deal.currency,
      stage: state.stage,
      forecastCategory: categoryOfStage(state.stage),
      probability: state.probability,
      valueMinor: state.valueMinor,
      expectedCloseDate: state.expectedCloseDate,
      createdAt: deal.createdAt,
    });
  }
  return { deals, skipped };
}
