import type { OpportunityStage } from '../../../core/domain.ts';
import type { DealModel, SeedCtx, StagePoint } from '../model.ts';
import type { Rng } from '../rng.ts';
import { DAY, addMs, isoDay, nextBusinessAt, roundSecond } from '../time.ts';
import { FORECAST_CATEGORY, STAGE_PROBABILITY, type PlannedMove } from './deal-path.ts';

// Replays a deal's life as a sequence of stage moves and field edits, keeping probability,
// value and close date current, so every history row records what was known at that moment.

type FieldName = 'expected_close_date' | 'probability' | 'value_minor';
interface Edit {
  at: Date;
  field: FieldName;
  /** computes the new value from the current one */
  apply: (current: number) => number;
}

export interface HistoryInput {
  moves: PlannedMove[];
  plannedClose: Date;
  /** end of the observed life: closedAt, or now for open deals */
  endAt: Date;
  open: boolean;
  estimateValue: number;
  listValue: number;
  wonValue: number;
  realism: number;
}

/** close-date slips: the rep's estimate comes due before the deal does, so it gets pushed */
function closeDateEdits(ctx: SeedCtx, rng: Rng, deal: DealModel, h: HistoryInput): { initial: number; edits: Edit[] } {
  const start = deal.createdAt;
  const span = h.plannedClose.getTime() - start.getTime();
  let ecd = Math.max(start.getTime() + 30 * DAY, start.getTime() + span * h.realism * (0.8 + rng.next() * 0.4));
  const initial = ecd;
  const edits: Edit[] = [];
  for (let i = 0; i < 5; i++) {
    const slipAt = ecd - rng.next() * 4 * DAY;
    if (slipAt >= h.endAt.getTime() || slipAt <= start.getTime()) break;
    // some open deals are simply left past due: a classic risk signal
    if (h.open && slipAt > ctx.now.getTime() - 40 * DAY && rng.chance(0.15)) break;
    const next = slipAt + rng.int(28, 90) * DAY;
    edits.push({ at: new Date(slipAt), field: 'expected_close_date', apply: () => next });
    ecd = next;
  }
  const lastStage = h.moves[h.moves.length - 1]?.at ?? start;
  const recentWindow = ctx.now.getTime() - 7 * DAY;
  if (h.open && rng.chance(0.14) && !edits.some((e) => e.at.getTime() > recentWindow)) {
    const at = addMs(ctx.now, -rng.next() * 6.5 * DAY);
    if (at.getTime() > lastStage.getTime()) {
      edits.push({ at, field: 'expected_close_date', apply: (cur) => Math.max(cur, at.getTime()) + rng.int(21, 60) * DAY });
    }
  }
  return { initial, edits };
}

function otherEdits(ctx: SeedCtx, rng: Rng, deal: DealModel, h: HistoryInput): Edit[] {
  const edits: Edit[] = [];
  const within = (): Date => addMs(deal.createdAt, rng.next() * (h.endAt.getTime() - deal.createdAt.getTime()));
  const toward = deal.outcome === 'won' || (deal.outcome === undefined && deal.propensity > 0.5) ? 1 : -1;
  if (rng.chance(0.25)) edits.push({ at: within(), field: 'probability', apply: (cur) => Math.min(95, Math.max(5, cur + toward * rng.int(10, 20))) });
  if (rng.chance(0.12)) edits.push({ at: within(), field: 'value_minor', apply: (cur) => Math.round((cur * (0.75 + rng.next() * 0.5)) / 100_000) * 100_000 });
  // deals going wrong get marked down recently, which risk checks look for
  if (h.open && deal.propensity < 0.4 && rng.chance(0.35)) {
    const at = addMs(ctx.now, -rng.next() * 6 * DAY);
    if (at.getTime() > (h.moves[h.moves.length - 1]?.at.getTime() ?? 0)) {
      edits.push({ at, field: 'probability', apply: (cur) => Math.max(5, cur - rng.int(10, 25)) });
    }
  }
  return edits.filter((e) => e.at.getTime() < h.endAt.getTime());
}

/** writes stage history, field history and the opportunity's current fields */
export function recordHistory(ctx: SeedCtx, rng: Rng, deal: DealModel, h: HistoryInput): StagePoint[] {
  const { initial, edits: ecdEdits } = closeDateEdits(ctx, rng, deal, h);
  const edits = [...ecdEdits, ...otherEdits(ctx, rng, deal, h)]
    .map((e) => ({ ...e, at: roundSecond(nextBusinessAt(e.at, deal.owner.timeZone, 9 + (e.at.getUTCMinutes() % 8), e.at.getUTCSeconds())) }))
    .filter((e) => e.at.getTime() < h.endAt.getTime() && e.at.getTime() > deal.createdAt.getTime());
  type Step = { kind: 'move'; move: PlannedMove } | { kind: 'edit'; edit: Edit };
  const steps: Step[] = [...h.moves.map((move) => ({ kind: 'move' as const, move })), ...edits.map((edit) => ({ kind: 'edit' as const, edit }))];
  steps.sort((a, b) => (a.kind === 'move' ? a.move.at : a.edit.at).getTime() - (b.kind === 'move' ? b.move.at : b.edit.at).getTime());

  const bias = Math.round((1 - h.realism) * 15);
  const state = { probability: 0, value: h.estimateValue, ecd: initial, stage: 'prospecting' as OpportunityStage, enteredAt: deal.createdAt };
  const path: StagePoint[] = [];
  let from: OpportunityStage | null = null;
  for (const step of steps) {
    if (step.kind === 'move') {
      const { stage, at } = step.move;
      state.stage = stage;
      state.enteredAt = at;
      state.probability = stage.startsWith('closed') ? STAGE_PROBABILITY[stage] : Math.min(95, STAGE_PROBABILITY[stage] + bias);
      if (stage === 'proposal' || stage === 'negotiation') state.value = h.listValue;
      if (stage === 'closed_won') state.value = h.wonValue;
      if (stage.startsWith('closed')) state.ecd = at.getTime();
      path.push({ stage, at, probability: state.probability, valueMinor: state.value, expectedClose: new Date(state.ecd) });
      ctx.data.opportunityStageHistory.push({
        id: ctx.id(), opportunityId: deal.id, fromStage: from, toStage: stage, probability: state.probability, valueMinor: state.value,
        expectedCloseDate: isoDay(new Date(state.ecd)), reason: stageReason(deal, stage), changedById: deal.owner.id, changedAt: at,
      });
      from = stage;
      continue;
    }
    const { edit } = step;
    const before = edit.field === 'probability' ? state.probability : edit.field === 'value_minor' ? state.value : state.ecd;
    const after = edit.apply(before);
    if (after === before) continue;
    if (edit.field === 'probability') state.probability = after;
    else if (edit.field === 'value_minor') state.value = after;
    else state.ecd = after;
    const show = (v: number) => (edit.field === 'expected_close_date' ? isoDay(new Date(v)) : v);
    ctx.data.opportunityFieldHistory.push({
      id: ctx.id(), opportunityId: deal.id, field: edit.field, oldValue: show(before), newValue: show(after), changedById: deal.owner.id, changedAt: edit.at,
    });
  }

  const row = deal.row;
  row.stage = state.stage;
  row.stageEnteredAt = state.enteredAt;
  row.probability = state.probability;
  row.valueMinor = state.value;
  row.expectedCloseDate = isoDay(new Date(state.ecd));
  row.forecastCategory = FORECAST_CATEGORY[state.stage];
  row.updatedAt = [state.enteredAt, ...edits.map((e) => e.at)].reduce((a, b) => (a.getTime() > b.getTime() ? a : b));
  return path;
}

function stageReason(deal: DealModel, stage: OpportunityStage): string | null {
  if (stage === 'closed_won') return deal.row.wonReason ?? null;
  if (stage === 'closed_lost') return deal.row.lostReason ?? null;
  return null;
}

