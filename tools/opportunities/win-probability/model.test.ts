import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/random.ts';
import { logit, sigmoid } from './logistic.ts';
import { timeFolds } from './fit.ts';
import { factValues } from './likelihood.ts';
import {
  createNeighbourIndex,
  dealProfileText,
  factLikelihood,
  factLogRatio,
  factRatios,
  fitWinModel,
  memoryNeighbourSearch,
  neighbourEvidence,
  predictWinProbability,
  predictWithSearch,
  stageDurations,
  stagePriors,
  type ClosedDeal,
  type FittedWinModel,
} from './model.ts';
import { priorFor } from './history.ts';

describe('stage priors and durations', () => {
  const history: ClosedDeal[] = [
    { id: 'd1', won: true, stagesReached: ['prospecting', 'qualification', 'proposal'] },
    { id: 'd2', won: false, stagesReached: ['prospecting', 'qualification'] },
    { id: 'd3', won: false, stagesReached: ['prospecting'] },
    { id: 'd4', won: true, stagesReached: ['prospecting', 'qualification', 'qualification'] },
    { id: 'd5', won: false },
  ];

  it('counts each deal once per stage it reached, Laplace-smoothed', () => {
    const priors = stagePriors(history);
    // overall 2 of 5 -> (2+1)/(5+2); prospecting 2 of 4 -> 3/6; qualification 2 of 3 -> 3/5; proposal 1 of 1 -> 2/3
    expect(priors.overall).toEqual({ wins: 2, deals: 5, rate: 3 / 7 });
    expect(priors.stages).toEqual({
      proposal: { wins: 1, deals: 1, rate: 2 / 3 },
      prospecting: { wins: 2, deals: 4, rate: 0.5 },
      qualification: { wins: 2, deals: 3, rate: 0.6 },
    });
    expect(priorFor(priors, 'negotiation')).toEqual({ rate: priors.overall, source: 'overall' });
    expect(priorFor(priors, undefined).source).toBe('overall');
  });

  it('takes p50 and p80 of the days spent in each stage', () => {
    const durations = stageDurations(
      [10, 20, 30, 40, 50].map((d, i) => ({ id: `p${i}`, won: i % 2 === 0, daysInStages: { proposal: d, ...(i < 2 ? { discovery: d / 10 } : {}) } })),
    );
    // p80 of 10..50: position 0.8 * 4 = 3.2 -> 40 + 0.2 * 10
    expect(durations.proposal).toEqual({ deals: 5, p50: 30, p80: 42 });
    expect(durations.discovery).toEqual({ deals: 2, p50: 1.5, p80: 1.8 });
  });
});

describe('nearest-neighbour evidence', () => {
  // four toy deals in 3-d: cosine to the query [1,0,0] is 1, 0.8, 0, 0
  const index = createNeighbourIndex([
    { id: 'A', won: true, vector: [1, 0, 0] },
    { id: 'B', won: false, vector: [0.8, 0.6, 0] },
    { id: 'C', won: true, vector: [0, 2, 0] },
    { id: 'D', won: false, vector: [0, 0, 1] },
  ]);

  it('finds the k most similar deals and weights them by similarity squared, shrunk to the prior', () => {
    const found = index.search([1, 0, 0], 3);
    expect(found).toEqual([
      { id: 'A', won: true, similarity: 1 },
      { id: 'B', won: false, similarity: 0.8 },
      { id: 'C', won: true, similarity: 0 }, // ties keep insertion order
    ]);
    // weights 1, 0.64, 0; wins 1; prior 0.5 with weight 2: (1 + 1) / (1.64 + 2)
    const evidence = neighbourEvidence(found, 0.5, 2);
    expect(evidence.rate).toBeCloseTo(2 / 3.64, 12);
    expect(evidence.weight).toBeCloseTo(1.64, 12);
  });

  it('honours allow-filters and narrowed pools', () => {
    const withoutA = index.search([1, 0, 0], 3, (id) => id !== 'A');
    expect(withoutA.map((n) => n.id)).toEqual(['B', 'C', 'D']);
    expect(neighbourEvidence(withoutA, 0.5, 2).rate).toBeCloseTo(1 / 2.64, 12);
    expect(index.within(new Set(['C', 'D'])).search([1, 0, 0], 5).map((n) => n.id)).toEqual(['C', 'D']);
    expect(neighbourEvidence([], 0.3, 2).rate).toBeCloseTo(0.3, 12);
  });
});

describe('naive Bayes over the facts', () => {
  const history: ClosedDeal[] = [
    { id: 'A', won: true, product: 'Alpha', qualification: { budget: 'yes' } },
    { id: 'B', won: true, product: 'Alpha', qualification: { budget: 'no' } },
    { id: 'C', won: false, product: 'Beta', qualification: { budget: 'no' } },
    { id: 'D', won: false, product: 'Alpha' },
  ];

  it('counts each key once per deal and adds Laplace-smoothed log ratios, as computed by hand', () => {
    const table = factLikelihood(history);
    expect(table).toEqual({ wins: 2, losses: 2, counts: { product: { alpha: [2, 1], beta: [0, 1] }, budget: { yes: [1, 0], no: [1, 1] } } });
    // product: 2 values + 1 -> log((2+1)/(2+3)) - log((1+1)/(2+3)) = log 1.5; budget: log((1+1)/5) - log((0+1)/5) = log 2
    expect(factLogRatio(table, { product: 'Alpha', qualification: { budget: 'Yes' } })).toBeCloseTo(Math.log(3), 12);
    expect(factRatios(table, { product: 'Alpha', qualification: { budget: 'Yes' } }).map((r) => r.key)).toEqual(['product', 'budget']);
    // a value never seen weighs the same both ways; a key no closed deal had is skipped
    expect(factLogRatio(table, { product: 'Gamma', segment: 'retail' })).toBeCloseTo(0, 12);
    expect(factLogRatio(table, {})).toBe(0);
  });

  it('leaves a training deal out of its own ratio exactly, and joins several values of one key', () => {
    const table = factLikelihood(history);
    for (const [i, deal] of history.entries()) {
      const others = factLikelihood(history.filter((_, j) => j !== i));
      expect(factLogRatio(table, deal, deal)).toBeCloseTo(factLogRatio(others, deal), 12);
    }
    // B without itself: product alpha 1 won of 1, lost 1 of 2 -> log((1+1)/(1+3)) - log((1+1)/(2+3));
    // budget no 0 won of 1 (yes is A's) , 1 lost of 2 -> log((0+1)/(1+3)) - log((1+1)/(2+3))
    expect(factLogRatio(table, history[1]!, history[1]!)).toBeCloseTo(Math.log(2 / 4 / (2 / 5)) + Math.log(1 / 4 / (2 / 5)), 12);
    expect(factValues({ competitors: ['Zed', 'Acme'], owner: 'Ann' })).toEqual([['competitor', 'acme+zed'], ['owner', 'ann']]);
  });
});

describe('combining the parts', () => {
  const model: FittedWinModel = {
    version: 2,
    options: { k: 20, shrinkage: 2, lambdas: [1], calibration: 'platt', minCount: 1, folds: 5, seed: 1, modelWeights: [1] },
    priors: { overall: { wins: 1, deals: 2, rate: 0.5 }, stages: { proposal: { wins: 2, deals: 2, rate: 0.75 } } },
    durations: { proposal: { deals: 10, p50: 9, p80: 19 } },
    likelihood: { wins: 0, losses: 0, counts: {} },
    space: { numeric: ['similar_deals', 'recency', 'aging', 'past_p80'], categorical: ['budget=yes', 'owner=ann'] },
    intercept: 0.1,
    weights: [0.5, -0.2, -0.3, -0.4, 0.7, 0.1],
    calibrator: { kind: 'platt', a: 0.5, b: 0.2 },
    modelWeight: 1,
    training: { examples: 0, deals: 0, history: 0, lambda: 1, outOfFoldLogLoss: null, modelWeightLogLoss: [] },
  };
  const deal = { stage: 'proposal', daysSinceLastTouch: 7, daysInStage: 19, qualification: { budget: 'Yes' }, owner: 'Ann' };
  const neighbours = [
    { id: 'n1', similarity: 1, won: true },
    { id: 'n2', similarity: 1, won: true },
  ];

  it('adds the parts on the logit scale and calibrates with Platt, as computed by hand', () => {
    // prior logit(0.75) = ln 3; neighbours (2 + 2*0.75)/(2 + 2) = 0.875 -> feature ln 7 - ln 3;
    // recency log2(1 + 7) = 3; aging log2((19 + 1)/(9 + 1)) = 1; not past p80 (19 is not > 19); budget and owner on
    const z = 0.1 + Math.log(3) + 0.5 * Math.log(7 / 3) - 0.2 * 3 - 0.3 * 1 + 0.7 + 0.1;
    const result = predictWinProbability(model, deal, neighbours);
    expect(result.rawProbability).toBeCloseTo(sigmoid(z), 12);
    expect(result.probability).toBeCloseTo(sigmoid(0.5 * z + 0.2), 12);
    const effect = Object.fromEntries(result.parts.map((p) => [p.name, p.effect]));
    expect(effect.stage_prior).toBeCloseTo(Math.log(3), 12);
    expect(effect.baseline_adjustment).toBe(0.1);
    expect(effect.similar_deals).toBeCloseTo(0.5 * Math.log(7 / 3), 12);
    expect(effect.engagement_recency).toBeCloseTo(-0.6, 12);
    expect(effect.aging).toBeCloseTo(-0.3, 12);
    expect(effect['fact:budget']).toBe(0.7);
    expect(effect['fact:owner']).toBe(0.1);
    const sum = result.parts.reduce((s, p) => s + p.effect, 0);
    expect(sum).toBeCloseTo(logit(result.probability, 1e-12), 9);
    expect(result.similarDeals).toEqual([
      { id: 'n1', similarity: 1, outcome: 'won' },
      { id: 'n2', similarity: 1, outcome: 'won' },
    ]);
    expect(result.parts.find((p) => p.name === 'aging')?.value).toBe(2.11);
  });

  it('keeps only modelWeight of the calibrated departure from the stage prior', () => {
    const z = 0.1 + Math.log(3) + 0.5 * Math.log(7 / 3) - 0.2 * 3 - 0.3 * 1 + 0.7 + 0.1;
    const calibrated = 0.5 * z + 0.2;
    const half = predictWinProbability({ ...model, modelWeight: 0.5 }, deal, neighbours);
    expect(half.probability).toBeCloseTo(sigmoid(Math.log(3) + 0.5 * (calibrated - Math.log(3))), 12);
    const effect = Object.fromEntries(half.parts.map((p) => [p.name, p.effect]));
    expect(effect.prior_weight).toBeCloseTo(-0.5 * (calibrated - Math.log(3)), 12);
    expect(half.parts.reduce((s, p) => s + p.effect, 0)).toBeCloseTo(logit(half.probability, 1e-12), 9);
    // weight 0: the stage prior exactly
    const none = predictWinProbability({ ...model, modelWeight: 0 }, deal, neighbours);
    expect(none.probability).toBeCloseTo(0.75, 12);
    expect(none.parts.find((p) => p.name === 'prior_weight')?.note).toContain('back to the stage prior (75.0%)');
  });

  it('applies the replay map last, on the blended logit, as one more part', () => {
    const z = 0.1 + Math.log(3) + 0.5 * Math.log(7 / 3) - 0.2 * 3 - 0.3 * 1 + 0.7 + 0.1;
    const blended = Math.log(3) + 0.5 * (0.5 * z + 0.2 - Math.log(3));
    const replay = { dates: ['2026-01-01T00:00:00.000Z'], horizonDays: 90, points: 100, wins: 40, censored: 3, meanPredicted: 0.5, observedRate: 0.4 };
    const mapped = predictWinProbability(
      { ...model, modelWeight: 0.5, replayCalibrator: { kind: 'platt', a: 0.8, b: -0.1 }, training: { ...model.training, replay } },
      deal,
      neighbours,
    );
    expect(mapped.probability).toBeCloseTo(sigmoid(0.8 * blended - 0.1), 12);
    const part = mapped.parts.find((p) => p.name === 'replay_calibration')!;
    expect(part.effect).toBeCloseTo(-0.2 * blended - 0.1, 12);
    expect(part.note).toContain('100 deals open then were given 50.0% on average and 40.0% won');
    expect(mapped.parts.reduce((s, p) => s + p.effect, 0)).toBeCloseTo(logit(mapped.probability, 1e-12), 9);
    // without a map there is no such part
    expect(predictWinProbability(model, deal, neighbours).parts.some((p) => p.name === 'replay_calibration')).toBe(false);
  });

  it('falls back to the org-wide rate when the deal has no stage', () => {
    const result = predictWinProbability(model, { owner: 'Bob' }, []);
    // offset logit(0.5) = 0; no neighbours -> rate = prior -> feature 0; no facts in the space
    expect(result.rawProbability).toBeCloseTo(sigmoid(0.1), 12);
    expect(result.parts[0]).toMatchObject({ name: 'stage_prior', value: 0.5, effect: 0 });
    expect(result.parts[0]!.note).toContain('org-wide 1 of 2');
  });
});

/** A synthetic history: budget and the owner drive outcomes, product does not. */
function synthetic(n: number, seed: number): ClosedDeal[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const budget = rng.pick(['yes', 'no', 'unknown']);
    const owner = rng.pick(['Ann', 'Bob', 'Cy']);
    const product = rng.pick(['Alpha', 'Beta']);
    const z = (budget === 'yes' ? 1.5 : budget === 'no' ? -1.5 : 0) + (owner === 'Ann' ? 0.8 : 0);
    return { id: `s${String(i).padStart(3, '0')}`, won: rng.chance(sigmoid(z)), product, owner, qualification: { budget } };
  });
}

describe('fitting', () => {
  const history = synthetic(240, 11);
  const fit = () => fitWinModel({ history, search: memoryNeighbourSearch(history), options: { lambdas: [1, 4] } });

  it('learns the driving facts, picks a penalty by inner CV and calibrates', () => {
    const model = fit();
    const weight = (name: string) => model.weights[model.space.numeric.length + model.space.categorical.indexOf(name)]!;
    // the naive-Bayes column carries much of the facts' evidence, the one-hot columns the rest
    expect(weight('budget=yes')).toBeGreaterThan(weight('budget=no') + 0.5);
    expect(weight('owner=ann')).toBeGreaterThan(weight('owner=bob'));
    expect([1, 4]).toContain(model.training.lambda);
    expect(model.training.outOfFoldLogLoss).toBeLessThan(Math.log(2));
    expect(model.calibrator.kind).toBe('platt');
    expect(model.space.numeric).toEqual(['similar_deals', 'fact_likelihood']); // no touches, no stage durations in this history
    expect(model.weights[1]).toBeGreaterThan(0); // the facts' naive-Bayes ratio points the right way
    expect(model.modelWeight).toBe(1); // real signal: the model beats the stage prior out of fold
    expect(model.training.modelWeightLogLoss.map((t) => t.weight)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const search = memoryNeighbourSearch(history);
    const good = predictWithSearch(model, { product: 'Alpha', owner: 'Ann', qualification: { budget: 'yes' } }, search);
    const bad = predictWithSearch(model, { product: 'Alpha', owner: 'Bob', qualification: { budget: 'no' } }, search);
    expect(good.probability).toBeGreaterThan(0.7);
    expect(bad.probability).toBeLessThan(0.3);
    expect(good.similarDeals).toHaveLength(5);
  });

  it('falls back to the stage prior when the facts carry no signal', () => {
    const rng = createRng(5);
    const noise: ClosedDeal[] = Array.from({ length: 300 }, (_, i) => ({
      id: `n${String(i).padStart(3, '0')}`,
      won: rng.chance(0.4),
      product: rng.pick(['Alpha', 'Beta', 'Gamma']),
      owner: rng.pick(['Ann', 'Bob', 'Cy', 'Dee']),
      qualification: { budget: rng.pick(['yes', 'no']) },
    }));
    const model = fitWinModel({ history: noise, search: memoryNeighbourSearch(noise) });
    expect(model.modelWeight).toBeLessThanOrEqual(0.25);
    const p = predictWithSearch(model, { product: 'Alpha', owner: 'Ann', qualification: { budget: 'yes' } }, memoryNeighbourSearch(noise)).probability;
    expect(Math.abs(p - model.priors.overall.rate)).toBeLessThan(0.05);
  });

  it('is deterministic and survives a JSON round trip', () => {
    const a = fit();
    const b = fit();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const copy = JSON.parse(JSON.stringify(a)) as FittedWinModel;
    const deal = { owner: 'Cy', product: 'Beta', qualification: { budget: 'unknown' } };
    const neighbours = memoryNeighbourSearch(history)(deal, a.options.k, () => true);
    expect(predictWinProbability(copy, deal, neighbours)).toEqual(predictWinProbability(a, deal, neighbours));
  });

  it('writes one key-prefixed token per fact into the profile text', () => {
    expect(dealProfileText({ product: 'GTX Pro', owner: 'Seller 1', competitors: [], qualification: { budget: 'Yes' }, stage: 'proposal' })).toBe(
      'product: productGtxPro\ncompetitor: competitorNone\nbudget: budgetYes\nowner: ownerSeller1',
    );
  });

  it('cuts the inner folds into periods of consecutive closes when every deal has a close date', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    // closes on days 5, 1, 3, 2, 4, 6 -> in close order b, d, c, e, a, f; 3 folds of 2
    const dated: ClosedDeal[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, won: i % 2 === 0, closedAt: day([5, 1, 3, 2, 4, 6][i]!) }));
    const folds = timeFolds(dated, dated.map((d) => d.id), 3)!;
    expect(Object.fromEntries(folds)).toEqual({ b: 0, d: 0, c: 1, e: 1, a: 2, f: 2 });
    // one undated deal: random stratified folds as before
    expect(timeFolds([...dated, { id: 'g', won: true }], [...dated.map((d) => d.id), 'g'], 3)).toBeNull();
  });
});
