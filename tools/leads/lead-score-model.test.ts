import { describe, expect, it } from 'vitest';
import { SENIORITIES } from '../../core/domain.ts';
import { contribution, featureKey, indexFeatures } from './lead-score-encode.ts';
import {
  DEFAULT_LEAD_SCORE_MODEL,
  LEAD_SCORE_PARTS,
  fitLeadScoreModel,
  gradeFor,
  productLeadFeatures,
  scoreChange,
  scoreLead,
  type LeadExample,
  type LeadFeature,
  type LeadScoreModel,
} from './lead-score-model.ts';

// Six leads where more visits and being "working" both go with converting, and occupation is
// balanced across visit levels (one working and one student at 8, 4 and 1 visits):
//   8 visits: working Y, student Y | 4 visits: working Y, student N | 1 visit: working N, student N
const lead = (visits: number, occupation: string): LeadFeature[] => [
  { part: 'behavioural', name: 'visits', value: visits, label: 'visits', phrase: 'visited {value} times' },
  { part: 'fit', name: 'occupation', value: occupation, label: 'occupation' },
];
const SIX: LeadExample[] = [
  { features: lead(8, 'Working'), converted: true },
  { features: lead(8, 'Student'), converted: true },
  { features: lead(4, 'Working'), converted: true },
  { features: lead(4, 'Student'), converted: false },
  { features: lead(1, 'Working'), converted: false },
  { features: lead(1, 'Student'), converted: false },
];

function spec(model: LeadScoreModel, part: keyof LeadScoreModel['parts'], name: string) {
  const found = model.parts[part].find((s) => s.name === name);
  if (!found) throw new Error(`no ${part}:${name}`);
  return found;
}

// Hand-set model with identity transforms so every number can be checked by hand.
const HAND: LeadScoreModel = {
  version: 1,
  intercept: -1,
  fit: null,
  parts: {
    behavioural: [
      // visits 6 -> (6 - 2) / 2 = 2 -> * 0.6 = +1.2
      { kind: 'numeric', name: 'visits', label: 'visits', phrase: 'visited {value} times', transform: 'identity', cap: 20, fill: 0, center: 2, scale: 2, weight: 0.6 },
      // opens 1 -> (1 - 3) / 1 = -2 -> * 0.1 = -0.2
      { kind: 'numeric', name: 'opens', label: 'email opens', transform: 'identity', cap: 10, fill: 3, center: 3, scale: 1, weight: 0.1 },
    ],
    demographic: [{ kind: 'categorical', name: 'seniority', label: 'seniority', weights: { vp: 0.4, individual: -0.3 }, unknownWeight: 0 }],
    fit: [{ kind: 'categorical', name: 'decision_maker', label: 'decision maker', weights: { yes: 0.5, no: -0.5 }, unknownWeight: 0 }],
    // days 0 -> (0 - 7) / 7 = -1 -> * -0.5 = +0.5
    engagement: [{ kind: 'numeric', name: 'days_since', label: 'days since last activity', transform: 'identity', cap: 365, fill: 90, center: 7, scale: 7, weight: -0.5 }],
  },
};
const HAND_LEAD: LeadFeature[] = [
  { part: 'behavioural', name: 'visits', value: 6 },
  { part: 'behavioural', name: 'opens', value: 1 },
  { part: 'demographic', name: 'seniority', value: 'VP' },
  { part: 'fit', name: 'decision_maker', value: false },
  { part: 'engagement', name: 'days_since', value: 0 },
  { part: 'engagement', name: 'not_in_model', value: 1000 },
];

describe('fitLeadScoreModel', () => {
  it('fits the expected signs on six hand-built leads', () => {
    const model = fitLeadScoreModel(SIX, { minCategoryCount: 1 });
    const visits = spec(model, 'behavioural', 'visits');
    const occupation = spec(model, 'fit', 'occupation');
    expect(visits.kind === 'numeric' && visits.weight).toBeGreaterThan(0);
    if (occupation.kind !== 'categorical') throw new Error('occupation should be categorical');
    expect(occupation.weights.working).toBeGreaterThan(0);
    expect(occupation.weights.student).toBeLessThan(0);
    // three of each, centred on the training mean: the two weights are opposite
    expect(occupation.weights.working! + occupation.weights.student!).toBeCloseTo(0, 10);
    expect(model.fit).toMatchObject({ examples: 6, positives: 3, l2: 1, converged: true });
  });

  it('records cap (99th percentile), fill (median) and the standardisation of numeric features', () => {
    const visits = spec(fitLeadScoreModel(SIX, { minCategoryCount: 1 }), 'behavioural', 'visits');
    if (visits.kind !== 'numeric') throw new Error('visits should be numeric');
    // sorted 1,1,4,4,8,8: q99 at position 4.95 -> 8; median 4
    expect(visits.cap).toBe(8);
    expect(visits.fill).toBe(4);
    expect(visits.transform).toBe('log1p');
    // mean of log1p: (ln 2 + ln 5 + ln 9) / 3 = (0.693147 + 1.609438 + 2.197225) / 3 = 1.499937
    expect(visits.center).toBeCloseTo(1.499937, 5);
  });

  it('matches the base rate on average (the intercept is not penalised) and centres each part on the average lead', () => {
    const model = fitLeadScoreModel(SIX, { minCategoryCount: 1 });
    const results = SIX.map((e) => scoreLead(e.features, model));
    // at the optimum the intercept's gradient is zero: sum of p = number converted = 3
    expect(results.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(3, 6);
    for (const part of LEAD_SCORE_PARTS) expect(results.reduce((s, r) => s + r.contributions[part], 0)).toBeCloseTo(0, 10);
  });

  it('shrinks weights as l2 grows', () => {
    const weightAt = (l2: number) => {
      const s = spec(fitLeadScoreModel(SIX, { l2, minCategoryCount: 1 }), 'behavioural', 'visits');
      return s.kind === 'numeric' ? s.weight : Number.NaN;
    };
    expect(weightAt(0.1)).toBeGreaterThan(weightAt(1));
    expect(weightAt(1)).toBeGreaterThan(weightAt(10));
    expect(weightAt(10)).toBeGreaterThan(0);
  });

  it('drops categories seen fewer than minCategoryCount times; unseen ones get the prior weight', () => {
    expect(fitLeadScoreModel(SIX).parts.fit).toEqual([]); // 3 < 5 of each occupation
    const model = fitLeadScoreModel(SIX, { minCategoryCount: 1 });
    const occupation = spec(model, 'fit', 'occupation');
    const retired = scoreLead(lead(4, 'Retired'), model);
    expect(occupation.kind === 'categorical' && occupation.unknownWeight).toBe(retired.contributions.fit);
  });

  it('is deterministic and survives a JSON round trip unchanged', () => {
    const a = fitLeadScoreModel(SIX, { minCategoryCount: 1, seed: 7 });
    const b = fitLeadScoreModel(SIX, { minCategoryCount: 1, seed: 7 });
    expect(b).toEqual(a);
    const stored = JSON.parse(JSON.stringify(a)) as LeadScoreModel;
    expect(stored).toEqual(a);
    for (const e of SIX) expect(scoreLead(e.features, stored)).toEqual(scoreLead(e.features, a));
  });
});

describe('scoreLead', () => {
  it('gives the hand-computed score, parts and reasons', () => {
    // log-odds = -1 + (1.2 - 0.2) + 0.4 + (-0.5) + 0.5 = 0.4; sigmoid(0.4) = 0.598688 -> score 60, grade B
    const r = scoreLead(HAND_LEAD, HAND);
    expect(r.probability).toBeCloseTo(0.598688, 6);
    expect(r.score).toBe(60);
    expect(r.grade).toBe('B');
    // parts: sigmoid(1.0) = 0.7311, sigmoid(0.4) = 0.5987, sigmoid(-0.5) = 0.3775, sigmoid(0.5) = 0.6225
    expect(r.parts).toEqual({ behavioural: 73, demographic: 60, fit: 38, engagement: 62 });
    expect(r.contributions.behavioural).toBeCloseTo(1.0, 12);
    expect(r.reasons).toEqual({
      behavioural: ['visited 6 times (+)', 'email opens: 1 (-)'],
      demographic: ['seniority: VP (+)'],
      fit: ['decision maker: no (-)'],
      engagement: ['days since last activity: 0 (+)'],
    });
  });

  it('applies part weights to the score but not to the probability', () => {
    // behavioural x2: 0.4 + 1.0 = 1.4; sigmoid(1.4) = 0.802184 -> 80, A; behavioural part sigmoid(2.0) = 0.8808 -> 88
    const heavy = scoreLead(HAND_LEAD, HAND, { behavioural: 2 });
    expect([heavy.score, heavy.grade, heavy.parts.behavioural]).toEqual([80, 'A', 88]);
    expect(heavy.probability).toBeCloseTo(0.598688, 6);
    // fit x0: 0.4 + 0.5 = 0.9; sigmoid(0.9) = 0.710950 -> 71; the fit part is neutral with no reasons
    const noFit = scoreLead(HAND_LEAD, HAND, { fit: 0 });
    expect([noFit.score, noFit.parts.fit, noFit.reasons.fit]).toEqual([71, 50, []]);
  });

  it('treats missing features as fill / prior and unknown categories as unknownWeight', () => {
    // visits missing -> fill 0 -> (0-2)/2 * 0.6 = -0.6; opens missing -> fill 3 -> 0; seniority unknown -> 0;
    // decision maker missing -> 0; days missing -> fill 90 -> (90-7)/7 * -0.5 = -5.928571
    const r = scoreLead([{ part: 'demographic', name: 'seniority', value: 'director' }], HAND);
    expect(r.contributions).toEqual({ behavioural: -0.6, demographic: 0, fit: 0, engagement: expect.closeTo(-5.928571, 5) });
    expect(r.reasons.behavioural).toEqual(['visits: not given (-)']);
  });

  it('lists reasons by size, at most three, skipping contributions under 0.05 log-odds', () => {
    const numeric = (name: string, weight: number) =>
      ({ kind: 'numeric', name, label: name, transform: 'identity', cap: null, fill: 0, center: 0, scale: 1, weight }) as const;
    const model: LeadScoreModel = {
      ...HAND,
      parts: { ...HAND.parts, behavioural: [numeric('a', 0.3), numeric('b', -0.9), numeric('c', 0.02), numeric('d', 0.6), numeric('e', 0.1)] },
    };
    const features = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ part: 'behavioural' as const, name, value: 1 }));
    expect(scoreLead(features, model).reasons.behavioural).toEqual(['b: 1 (-)', 'd: 1 (+)', 'a: 1 (+)']);
    expect(scoreLead(features, model, {}, { maxReasons: 10 }).reasons.behavioural).toEqual(['b: 1 (-)', 'd: 1 (+)', 'a: 1 (+)', 'e: 1 (+)']);
  });

  it('grades at the boundaries (A >= 75, B >= 50, C >= 25)', () => {
    expect([74, 75, 49, 50, 24, 25, 0, 100].map((s) => gradeFor(s))).toEqual(['B', 'A', 'C', 'B', 'D', 'C', 'D', 'A']);
    expect(gradeFor(74, { A: 70, B: 40, C: 10 })).toBe('A');
    const empty: LeadScoreModel = { version: 1, intercept: 0, fit: null, parts: { behavioural: [], demographic: [], fit: [], engagement: [] } };
    // logit(0.75) = ln 3 = 1.098612 -> score 75 (A); logit(0.74) = 1.045969 -> 74 (B)
    expect(scoreLead([], { ...empty, intercept: Math.log(3) })).toMatchObject({ score: 75, grade: 'A' });
    expect(scoreLead([], { ...empty, intercept: 1.045969 })).toMatchObject({ score: 74, grade: 'B' });
  });
});

describe('scoreChange', () => {
  it('reports the change since the last score', () => {
    expect(scoreChange(undefined, { score: 60, grade: 'B' })).toEqual({ delta: null, gradeChanged: false, direction: 'new', previousGrade: null });
    expect(scoreChange({ score: 55, grade: 'B' }, { score: 60, grade: 'B' })).toEqual({ delta: 5, gradeChanged: false, direction: 'up', previousGrade: 'B' });
    expect(scoreChange({ score: 78, grade: 'A' }, { score: 60, grade: 'B' })).toEqual({ delta: -18, gradeChanged: true, direction: 'down', previousGrade: 'A' });
    expect(scoreChange({ score: 60, grade: 'B' }, { score: 60, grade: 'B' })).toMatchObject({ delta: 0, direction: 'same' });
  });
});

describe('DEFAULT_LEAD_SCORE_MODEL', () => {
  it('covers exactly the product signals and every seniority', () => {
    const produced = productLeadFeatures({}).map((f) => featureKey(f.part, f.name)).sort();
    const modelled = LEAD_SCORE_PARTS.flatMap((p) => DEFAULT_LEAD_SCORE_MODEL.parts[p].map((s) => featureKey(p, s.name))).sort();
    expect(produced).toEqual(modelled);
    const seniority = DEFAULT_LEAD_SCORE_MODEL.parts.demographic.find((s) => s.name === 'seniority');
    expect(seniority?.kind === 'categorical' && Object.keys(seniority.weights)).toEqual(expect.arrayContaining([...SENIORITIES]));
  });

  it('scores a typical lead by hand and ranks an engaged decision maker above it', () => {
    // typical: every numeric at its centre (2 opens, 1 visit, 200 people, fit 0.5, 14 days, 2 interactions, no clicks,
    // replies or meetings) and budget in range: -1.0 + 0.7 = -0.3; sigmoid(-0.3) = 0.425557 -> 43, C
    const typical = productLeadFeatures({
      emailOpens30d: 2, emailClicks30d: 0, emailReplies30d: 0, webVisits30d: 1, seniority: 'manager', companyEmployees: 200,
      industry: 'retail', productFit: 0.5, budget: 'in_range', daysSinceLastActivity: 14, interactions30d: 2, meetingsHeld: 0,
    });
    const t = scoreLead(typical, DEFAULT_LEAD_SCORE_MODEL);
    expect([t.score, t.grade]).toEqual([43, 'C']);
    expect(t.probability).toBeCloseTo(0.425557, 6);
    const hot = scoreLead(productLeadFeatures({ emailReplies30d: 2, webVisits30d: 12, seniority: 'vp', isDecisionMaker: true, productFit: 0.9, budget: 'in_range', daysSinceLastActivity: 1, meetingsHeld: 2 }), DEFAULT_LEAD_SCORE_MODEL);
    expect(hot.grade).toBe('A');
    expect(hot.reasons.engagement[0]).toBe('last active 1 days ago (+)');
    expect(scoreLead(productLeadFeatures({}), DEFAULT_LEAD_SCORE_MODEL).grade).toBe('D');
  });

  it('contribution() agrees with the documented examples', () => {
    const visits = DEFAULT_LEAD_SCORE_MODEL.parts.behavioural.find((s) => s.name === 'web_visits_30d')!;
    // 0.35 * (ln 13 - ln 2) = 0.35 * 1.871802 = 0.655131
    expect(contribution(visits, 12)).toBeCloseTo(0.655131, 5);
    expect(indexFeatures(productLeadFeatures({ webVisits30d: 12 })).get('behavioural:web_visits_30d')?.value).toBe(12);
  });
});
