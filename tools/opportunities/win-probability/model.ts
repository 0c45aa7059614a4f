import { calibratedLogit } from '../calibration.ts';
import { encodeDeal, type EncodedDeal } from './features.ts';
import { blendWithPrior } from './fit.ts';
import { factRatios } from './likelihood.ts';
import { linearScore, sigmoid } from './logistic.ts';
import type { Neighbour, NeighbourSearch } from './neighbours.ts';
import type { DealFacts } from './profile.ts';
import type { FittedWinModel, NumericFeature, WinPart, WinProbability } from './types.ts';

// Win probability of an open deal: the org's own win rate for its stage, adjusted on the logit
// scale by its most similar closed deals, a naive-Bayes reading of its facts, engagement recency,
// aging against the stage's usual duration and its qualification facts, then calibrated, and finally
// kept only as far as it beat the stage prior out of fold (prior_weight). Pure functions: the caller brings the
// history (fitWinModel) and the neighbours (pgvector in production, memoryNeighbourSearch offline).

export { calibrate, fitCalibrator, fitIsotonic, fitPlatt, type Calibrator } from '../calibration.ts';
export { fitWinModel, type FitWinModelInput } from './fit.ts';
export { DEFAULT_REPLAY_CALIBRATION, fitReplayCalibrator, type ReplayCalibrationOptions } from './replay-calibration.ts';
export { factLikelihood, factLogRatio, factRatios, type FactLikelihood, type FactRatio } from './likelihood.ts';
export { priorFor, stageDurations, stagePriors, type StageDuration, type StagePriors, type WinRate } from './history.ts';
export { createNeighbourIndex, type NeighbourIndex } from './neighbour-index.ts';
export {
  memoryNeighbourSearch,
  type MemoryNeighbourSearch,
  neighbourEvidence,
  type Neighbour,
  type NeighbourSearch,
} from './neighbours.ts';
export { dealFacts, dealProfileText, type ClosedDeal, type DealFacts } from './profile.ts';
export * from './types.ts';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function numericEffect(model: FittedWinModel, encoded: EncodedDeal, names: NumericFeature[]): number {
  let effect = 0;
  encoded.row.index.forEach((column, j) => {
    const name = model.space.numeric[column];
    if (name !== undefined && names.includes(name)) effect += (model.weights[column] ?? 0) * encoded.row.value[j]!;
  });
  return effect;
}

/** `score` raw, `calibrated` after the calibrator, `blended` after the prior weight and `final` after the replay map, all logits. */
function explain(model: FittedWinModel, deal: DealFacts, encoded: EncodedDeal, score: number, calibrated: number, blended: number, final: number): WinPart[] {
  const { prior, evidence, aging } = encoded;
  const parts: WinPart[] = [
    {
      name: 'stage_prior',
      value: round(prior.rate.rate),
      effect: encoded.offset,
      note:
        prior.source === 'stage'
          ? `${prior.rate.wins} of ${prior.rate.deals} closed deals that reached '${prior.stage}' were won (smoothed ${pct(prior.rate.rate)})`
          : `${prior.stage ? `no history for stage '${prior.stage}': ` : ''}org-wide ${prior.rate.wins} of ${prior.rate.deals} closed deals won (smoothed ${pct(prior.rate.rate)})`,
    },
    {
      name: 'baseline_adjustment',
      value: null,
      effect: model.intercept,
      note: 'fitted intercept: how deals at scoring time differ on average from their stage prior',
    },
    {
      name: 'similar_deals',
      value: round(evidence.rate),
      effect: numericEffect(model, encoded, ['similar_deals']),
      note:
        evidence.count === 0
          ? 'no similar closed deals found'
          : `${evidence.count} most similar closed deals: similarity-weighted win rate ${pct(evidence.rate)} after shrinking toward the prior`,
    },
  ];
  if (model.space.numeric.includes('fact_likelihood')) {
    const ratios = factRatios(model.likelihood, deal).sort((a, b) => Math.abs(b.logRatio) - Math.abs(a.logRatio) || (a.key < b.key ? -1 : 1));
    const strongest = ratios
      .slice(0, 3)
      .map((r) => `${r.key} = ${r.value} ${r.logRatio >= 0 ? '+' : ''}${r.logRatio.toFixed(2)}`)
      .join(', ');
    parts.push({
      name: 'fact_likelihood',
      value: round(encoded.factLogRatio),
      effect: numericEffect(model, encoded, ['fact_likelihood']),
      note:
        ratios.length === 0
          ? 'none of the deal\'s fact keys occur in closed deals'
          : `naive Bayes over the deal's facts: log ratio of how often closed won vs lost deals had them, summed over ${ratios.length} keys ` +
            `(strongest: ${strongest}), times the weight the fit gave it`,
    });
  }
  if (model.space.numeric.includes('recency')) {
    parts.push({
      name: 'engagement_recency',
      value: deal.daysSinceLastTouch ?? null,
      effect: numericEffect(model, encoded, ['recency', 'recency_missing']),
      note: deal.daysSinceLastTouch === undefined ? 'no touch recorded' : `${deal.daysSinceLastTouch} days since the last touch`,
    });
  }
  if (model.space.numeric.includes('aging')) {
    parts.push({
      name: 'aging',
      value: aging ? round(aging.days / Math.max(aging.p50, 1), 2) : null,
      effect: numericEffect(model, encoded, ['aging', 'past_p80']),
      note: aging
        ? `${aging.days} days in '${deal.stage}'; closed deals usually spent ${round(aging.p50, 1)} (80% within ${round(aging.p80, 1)})`
        : 'no stage duration history for this stage',
    });
  }
  // one part per fact key (several competitors add up into one part)
  const byKey = new Map<string, { values: string[]; effect: number }>();
  for (const fact of encoded.facts) {
    const entry = byKey.get(fact.key) ?? { values: [], effect: 0 };
    entry.values.push(fact.value);
    entry.effect += model.weights[fact.column] ?? 0;
    byKey.set(fact.key, entry);
  }
  for (const [key, { values, effect }] of byKey) {
    if (effect === 0) continue;
    parts.push({ name: `fact:${key}`, value: values.join(', '), effect, note: `${key} = ${values.join(', ')} in training deals` });
  }
  parts.push({
    name: 'calibration',
    value: null,
    effect: calibrated - score,
    note: `maps the raw ${pct(sigmoid(score))} to ${pct(sigmoid(calibrated))} so stated probabilities match observed win rates`,
  });
  const weight = model.modelWeight;
  parts.push({
    name: 'prior_weight',
    value: weight,
    effect: blended - calibrated,
    note:
      weight === 1
        ? model.training.modelWeightLogLoss.length === 0
          ? 'the calibrated model is kept whole (too few closed deals to test it against the stage prior)'
          : 'the calibrated model is kept whole: out of fold it told won from lost deals better than any blend with the stage prior'
        : weight === 0
          ? `back to the stage prior (${pct(sigmoid(encoded.offset))}): out of fold the fitted model told won from lost deals no better than the stage alone`
          : `keeps ${pct(weight)} of the calibrated model's departure from the stage prior: the blend that told won from lost deals best out of fold`,
  });
  const replay = model.training.replay;
  if (model.replayCalibrator && replay) {
    parts.push({
      name: 'replay_calibration',
      value: null,
      effect: final - blended,
      note:
        `maps ${pct(sigmoid(blended))} to ${pct(sigmoid(final))}: replayed as of ${replay.dates.length} earlier dates, ${replay.points} deals open then ` +
        `were given ${pct(replay.meanPredicted)} on average and ${pct(replay.observedRate)} won`,
    });
  }
  return parts;
}

/**
 * Scores one open deal. `neighbours` are the most similar closed deals (most similar first), found
 * with the same embedding the model's history was searched with; more than model.options.k are cut.
 */
export function predictWinProbability(model: FittedWinModel, deal: DealFacts, neighbours: readonly Neighbour[]): WinProbability {
  const encoded = encodeDeal(
    {
      priors: model.priors,
      durations: model.durations,
      likelihood: model.likelihood,
      space: model.space,
      k: model.options.k,
      shrinkage: model.options.shrinkage,
    },
    deal,
    neighbours,
  );
  const score = linearScore(model, encoded.row, encoded.offset);
  const calibrated = calibratedLogit(model.calibrator, score);
  const blended = blendWithPrior(encoded.offset, calibrated, model.modelWeight);
  const final = model.replayCalibrator ? calibratedLogit(model.replayCalibrator, blended) : blended;
  return {
    probability: sigmoid(final),
    rawProbability: sigmoid(score),
    parts: explain(model, deal, encoded, score, calibrated, blended, final),
    similarDeals: neighbours.slice(0, Math.min(5, model.options.k)).map((n) => ({
      id: n.id,
      similarity: round(n.similarity),
      outcome: n.won ? 'won' : 'lost',
    })),
  };
}

/** Offline convenience: find the neighbours with a NeighbourSearch (restricted by `allow`, never the deal itself), then score. */
export function predictWithSearch(
  model: FittedWinModel,
  deal: DealFacts,
  search: NeighbourSearch,
  allow: (id: string) => boolean = (id) => id !== deal.id,
): WinProbability {
  return predictWinProbability(model, deal, search(deal, model.options.k, allow));
}
