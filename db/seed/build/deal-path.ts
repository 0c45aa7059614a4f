import { OPEN_OPPORTUNITY_STAGES, type OpenOpportunityStage, type OpportunityStage } from '../../../core/domain.ts';
import type { ProductDef, RepDef, Segment } from '../catalog/org.ts';
import { lognormal, type Rng } from '../rng.ts';
import { DAY, addMs, nextBusinessAt } from '../time.ts';

// When a deal moves: stage by stage, with durations that depend on the rep, the product and
// the company size, so stage-duration analytics find real differences.

const BASE_DAYS: Record<OpenOpportunityStage, number> = { prospecting: 9, qualification: 14, discovery: 24, proposal: 20, negotiation: 17 };
const SEGMENT_PACE: Record<Segment, number> = { smb: 0.6, mid: 1.0, ent: 1.75 };
/** where lost deals die: few at the start, most after discovery and proposal */
const EXIT_WEIGHTS: readonly (readonly [number, number])[] = [[1, 25], [2, 30], [3, 28], [4, 17]];

export interface PlannedMove {
  stage: OpportunityStage;
  at: Date;
}

export interface PathPlan {
  moves: PlannedMove[];
  /** when the deal will (or would) close, possibly after now */
  plannedClose: Date;
  stuck: boolean;
}

export function planPath(rng: Rng, p: { createdAt: Date; won: boolean; segment: Segment; rep: RepDef; product: ProductDef; timeZone: string }): PathPlan {
  let stages: OpenOpportunityStage[] = [...OPEN_OPPORTUNITY_STAGES];
  // some deals skip a step: a buyer who already knows what they want goes straight to proposal
  if (rng.chance(0.12)) {
    const skip = rng.pick(['qualification', 'discovery'] as const);
    stages = stages.filter((s) => s !== skip);
  }
  if (!p.won) {
    const exit = Math.min(rng.weighted(EXIT_WEIGHTS), stages.length - 1);
    stages = stages.slice(0, exit + 1);
  }
  const stuck = rng.chance(0.09);
  const stuckIndex = rng.int(1, Math.max(1, stages.length - 1));
  const pace = SEGMENT_PACE[p.segment] * p.rep.speed * p.product.cycle;

  const moves: PlannedMove[] = [{ stage: 'prospecting', at: p.createdAt }];
  let t = p.createdAt;
  stages.forEach((stage, i) => {
    let days = BASE_DAYS[stage] * pace * lognormal(rng, 0.4);
    if (!p.won && i === stages.length - 1) days *= 1.4; // lost deals linger before anyone calls it
    if (stuck && i === stuckIndex) days += rng.int(45, 170);
    // moves land in the rep's working day
    t = nextBusinessAt(addMs(t, Math.max(1, days) * DAY), p.timeZone, rng.int(9, 17), rng.int(0, 59));
    const next = stages[i + 1];
    moves.push({ stage: next ?? (p.won ? 'closed_won' : 'closed_lost'), at: t });
  });
  return { moves, plannedClose: t, stuck };
}

export const STAGE_PROBABILITY: Record<OpportunityStage, number> = {
  prospecting: 10, qualification: 20, discovery: 40, proposal: 60, negotiation: 80, closed_won: 100, closed_lost: 0,
};

export const FORECAST_CATEGORY: Record<OpportunityStage, 'pipeline' | 'best_case' | 'commit' | 'closed'> = {
  prospecting: 'pipeline', qualification: 'pipeline', discovery: 'pipeline', proposal: 'best_case', negotiation: 'commit', closed_won: 'closed', closed_lost: 'closed',
};
