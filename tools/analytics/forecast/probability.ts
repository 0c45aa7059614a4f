import type { OpportunityStage } from '../../../core/domain.ts';
import type { ForecastOpenDealRow } from '../../../db/repos/forecast.ts';
import { dealsOpenAt } from '../../../db/repos/opportunity-history.ts';
import type { StageOutcomeCounts } from '../../../db/repos/pipeline.ts';
import type { ToolContext } from '../../core/context.ts';
import { openDealFactsAt } from '../../opportunities/opportunity-win-history.ts';
import { storeWinModel } from '../../opportunities/opportunity-win-model.ts';
import { stageWinRate } from '../../opportunities/pipeline-summary.ts';
import { predictWithSearch } from '../../opportunities/win-probability/model.ts';
import type { ProbabilitySource } from './compute.ts';

// Each open deal's win probability for a forecast.
//   'stored' (default): the probability stored on the deal; without one, the historical win rate of
//     closed deals that passed through the deal's stage (as pipeline_summary does); without either, none
//     (the deal is left out and counted in a note).
//   'model': the calibrated win-probability model (opportunity_win_probability's fit, cached per store
//     and day; the first call of a day fits it, seconds on the demo org, later ones reuse it), with the
//     similar deals found by the fit's in-memory search over the closed history.

export interface DealProbability {
  /** 0-1 */
  p: number | null;
  source: ProbabilitySource;
}

export function storedProbability(
  deal: { probability: number | null; stage: string },
  winRates: ReadonlyMap<OpportunityStage, StageOutcomeCounts>,
): DealProbability {
  if (deal.probability !== null && Number.isFinite(deal.probability)) return { p: Math.min(1, Math.max(0, deal.probability / 100)), source: 'stored' };
  const rate = stageWinRate(winRates.get(deal.stage as OpportunityStage));
  return rate === null ? { p: null, source: 'none' } : { p: rate / 100, source: 'stage_win_rate' };
}

export interface ModelInfo {
  asOf: string;
  closedDeals: number;
  cached: boolean;
  fitMs: number;
}

export async function dealProbabilities(
  ctx: ToolContext,
  deals: readonly ForecastOpenDealRow[],
  source: 'stored' | 'model',
  winRates: ReadonlyMap<OpportunityStage, StageOutcomeCounts>,
): Promise<{ byId: Map<string, DealProbability>; model: ModelInfo | null }> {
  const byId = new Map(deals.map((d) => [d.id, storedProbability(d, winRates)]));
  if (source === 'stored' || deals.length === 0) return { byId, model: null };

  const { fitted, cached } = await storeWinModel(ctx.db, ctx.embedder, ctx.now);
  const wanted = new Set(deals.map((d) => d.id));
  const records = (await dealsOpenAt(ctx.db, ctx.now)).filter((r) => wanted.has(r.id));
  for (const record of records) {
    // like opportunity_win_probability: the stage comes from the deal row, touches from the fit's timelines
    const facts = openDealFactsAt(record, { stays: [], touches: fitted.timelines.get(record.id)?.touches ?? [] }, ctx.now);
    byId.set(record.id, { p: predictWithSearch(fitted.model, facts, fitted.search).probability, source: 'model' });
  }
  return {
    byId,
    model: { asOf: fitted.cutoff.toISOString(), closedDeals: fitted.model.training.history, cached, fitMs: fitted.fitMs },
  };
}
