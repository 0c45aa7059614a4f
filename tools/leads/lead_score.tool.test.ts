import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, engagementEvents, interactions, leads, products, scoreHistory, storeMeta, users } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { LeadScoreModel, NumericFeatureSpec } from './lead-score-model.ts';
import { knownOutcomeExamples, LEAD_SCORE_MODEL_KEY } from './score-model-config.ts';

const at = (iso: string) => new Date(iso);
const linear = (name: string, weight: number, extra: Partial<NumericFeatureSpec> = {}): NumericFeatureSpec => ({
  kind: 'numeric', name, label: name, transform: 'identity', cap: null, fill: 0, center: 0, scale: 1, weight, ...extra,
});

// A hand-set model with linear features, so the score of a fixture lead can be worked out on paper.
const HAND_MODEL: LeadScoreModel = {
  version: 1,
  intercept: -3,
  fit: null,
  description: 'hand-set test model',
  parts: {
    behavioural: [linear('email_opens_30d', 0.1), linear('email_clicks_30d', 0.2), linear('email_replies_30d', 0.5), linear('email_opens_90d', 0.05)],
    demographic: [
      { kind: 'categorical', name: 'seniority', label: 'seniority', weights: { vp: 0.4 }, unknownWeight: 0 },
      linear('company_employees', 0.0005),
    ],
    fit: [
      linear('product_fit', 2, { center: 0.5, fill: 0.5 }),
      { kind: 'categorical', name: 'budget', label: 'budget', weights: { in_range: 0.3, out_of_range: -0.3 }, unknownWeight: 0 },
      { kind: 'categorical', name: 'is_decision_maker', label: 'decision maker', weights: { yes: 0.5, no: -0.5 }, unknownWeight: 0 },
    ],
    engagement: [linear('days_since_last_activity', -0.05, { fill: 30 }), linear('interactions_30d', 0.1), linear('meetings_held', 0.3)],
  },
};

interface ScoreOut {
  results: {
    leadId: string;
    score: number;
    grade: string;
    probability: number;
    parts: { part: string; score: number; contribution: number; weight: number; reasons: string[] }[];
    change: { previousScore: number | null; delta: number | null; direction: string; gradeChanged: boolean; partDeltas: Record<string, number> | null };
    features: { name: string; value: unknown }[];
    recorded: boolean;
  }[];
  model: { source: string; examples: number | null; positives: number | null };
  evidence: { sourceId: string; kind: string }[];
}

const feature = (out: ScoreOut, name: string) => out.results[0]?.features.find((f) => f.name === name)?.value;

describe('lead_score', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const bare = fixtureId();
  const [e1, e2, e3, m1, m2, n1, c1] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    await store.db.update(users).set({ specialisations: ['Manufacturing'] }).where(eq(users.id, anna));
    await store.db.update(users).set({ specialisations: ['Software'] }).where(eq(users.id, org.users.repBen.userId));
    await store.db.insert(products).values([
      { name: 'Forecast Pro', listPriceMinor: 30_000_00 },
      { name: 'Legacy Suite', listPriceMinor: 1_000_00, active: false },
    ]);
    await store.db.insert(leads).values([
      {
        id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: anna, seniority: 'vp',
        isDecisionMaker: true, budgetMaxMinor: 50_000_00, attributes: { productInterest: 'Forecast Pro' },
      },
      { id: bare, fullName: 'Bare Lead', ownerId: anna },
    ]);
    const email = (id: string, occurredAt: string, extra = {}) => ({ id, type: 'email' as const, direction: 'outbound' as const, leadId: dana, userId: anna, body: 'Hello', occurredAt: at(occurredAt), ...extra });
    await store.db.insert(interactions).values([
      // e1 has its own events: its summary columns must not be counted again
      email(e1, '2026-06-05T10:00:00Z', { openCount: 2, clickCount: 1, firstOpenedAt: at('2026-06-05T11:00:00Z') }),
      // e2: summary only, 56 days ago: in the 90-day counts only
      email(e2, '2026-04-20T10:00:00Z', { openCount: 3, clickCount: 1, firstOpenedAt: at('2026-04-21T10:00:00Z'), repliedAt: at('2026-04-22T10:00:00Z') }),
      // e3: summary only, 3 days ago
      email(e3, '2026-06-12T10:00:00Z', { openCount: 1, firstOpenedAt: at('2026-06-13T07:00:00Z'), repliedAt: at('2026-06-13T07:30:00Z') }),
      { id: m1, type: 'meeting', direction: 'outbound', leadId: dana, body: 'Demo', outcome: 'held', occurredAt: at('2026-06-10T15:00:00Z') },
      { id: m2, type: 'meeting', direction: 'outbound', leadId: dana, body: 'Intro', outcome: 'no_show', occurredAt: at('2026-05-01T15:00:00Z') },
      { id: n1, type: 'note', direction: 'internal', leadId: dana, body: 'internal note', occurredAt: at('2026-06-14T09:00:00Z') },
      { id: c1, type: 'call', direction: 'inbound', leadId: dana, body: 'She called about pricing.', occurredAt: at('2026-06-13T08:00:00Z') },
    ]);
    await store.db.insert(engagementEvents).values([
      { type: 'opened', interactionId: e1, leadId: dana, occurredAt: at('2026-06-05T11:00:00Z') },
      { type: 'opened', interactionId: e1, leadId: dana, occurredAt: at('2026-06-06T09:00:00Z') },
      { type: 'clicked', interactionId: e1, leadId: dana, occurredAt: at('2026-06-06T09:01:00Z') },
      // older than 90 days, and after now: neither counts
      { type: 'opened', leadId: dana, occurredAt: at('2026-03-01T09:00:00Z') },
      { type: 'opened', leadId: dana, occurredAt: at('2026-06-20T09:00:00Z') },
    ]);
    await store.db.insert(scoreHistory).values({
      leadId: dana, score: 60, grade: 'B', parts: { behavioural: 50, demographic: 50, fit: 50, engagement: 50 }, computedAt: at('2026-06-01T00:00:00Z'),
    });
    await store.db.insert(storeMeta).values({ key: LEAD_SCORE_MODEL_KEY, value: HAND_MODEL });
  });
  afterAll(() => store.close());

  it('builds the features from the store and scores them by hand under a hand-set model', async () => {
    const out = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: 'dana@acme.com' });
    expect(out.model).toEqual({ source: 'stored', description: 'hand-set test model', examples: null, positives: null });
    // opens 30d = 2 opened events of e1 + e3's 1 summary open = 3; e1's summary (2) is not counted twice
    expect(feature(out, 'email_opens_30d')).toBe(3);
    expect(feature(out, 'email_clicks_30d')).toBe(1); // e1's clicked event
    expect(feature(out, 'email_replies_30d')).toBe(1); // e3 replied 06-13
    expect(feature(out, 'email_opens_90d')).toBe(6); // 2 events + e3 1 + e2 3; the March event is 106 days old
    expect(feature(out, 'email_clicks_90d')).toBe(2);
    expect(feature(out, 'email_replies_90d')).toBe(2);
    expect(feature(out, 'web_visits_30d')).toBeNull();
    expect(feature(out, 'seniority')).toBe('vp');
    expect(feature(out, 'company_employees')).toBe(1200);
    // industry Manufacturing is Anna's specialisation (1) and Forecast Pro is an active product (1): (1 + 1) / 2
    expect(feature(out, 'product_fit')).toBe(1);
    expect(feature(out, 'budget')).toBe('in_range'); // 50,000 >= cheapest active list price 30,000
    expect(feature(out, 'is_decision_maker')).toBe(true);
    // last non-internal activity: the inbound call 06-13 08:00 -> 2 days 4 hours before now -> 2 whole days
    expect(feature(out, 'days_since_last_activity')).toBe(2);
    expect(feature(out, 'interactions_30d')).toBe(4); // e1, m1, e3, c1 (the note is internal, e2 and m2 are older)
    expect(feature(out, 'meetings_held')).toBe(1); // m2 was a no-show

    // behavioural  0.1*3 + 0.2*1 + 0.5*1 + 0.05*6 = 1.3   -> part round(100*sigmoid(1.3)) = 79
    // demographic  0.4 (vp) + 0.0005*1200          = 1.0   -> 73
    // fit          2*(1 - 0.5) + 0.3 + 0.5         = 1.8   -> 86
    // engagement   -0.05*2 + 0.1*4 + 0.3*1         = 0.6   -> 65
    // total        -3 + 1.3 + 1.0 + 1.8 + 0.6      = 1.7   -> sigmoid(1.7) = 0.8455 -> score 85, grade A
    const [dana0] = out.results;
    expect(dana0?.score).toBe(85);
    expect(dana0?.grade).toBe('A');
    expect(dana0?.probability).toBe(84.6);
    expect(dana0?.parts.map((p) => [p.part, p.score, p.contribution])).toEqual([
      ['behavioural', 79, 1.3], ['demographic', 73, 1], ['fit', 86, 1.8], ['engagement', 65, 0.6],
    ]);
    expect(dana0?.parts[0]?.reasons[0]).toBe('email_replies_30d: 1 (+)');
    // previous row: 60 (B) on 06-01 -> +25, grade B -> A; parts 50 -> 79/73/86/65
    expect(dana0?.change).toMatchObject({ previousScore: 60, delta: 25, direction: 'up', gradeChanged: true, partDeltas: { behavioural: 29, demographic: 23, fit: 36, engagement: 15 } });
    expect(out.evidence).toEqual([expect.objectContaining({ sourceId: c1, kind: 'call' })]);

    const [lead] = await store.db.select().from(leads).where(eq(leads.id, dana));
    expect([lead?.score, lead?.grade, lead?.engagementScore]).toEqual([85, 'A', 65]);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.recordId, dana));
    expect(audit.map((a) => a.action)).toEqual(['lead.scored']);
  });

  it('is idempotent at the same instant and reports the change since the last row at a later one', async () => {
    const again = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: dana });
    expect(again.results[0]).toMatchObject({ score: 85, recorded: false, change: { previousScore: 60, delta: 25 } });
    const history = await store.db.select().from(scoreHistory).where(eq(scoreHistory.leadId, dana));
    expect(history.map((h) => h.score).sort()).toEqual([60, 85]);
    // a day later the last activity is 3 days old: engagement 0.55, total 1.65 -> sigmoid 0.8389 -> 84, one down from 85
    const later = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: dana }, at('2026-06-16T12:00:00Z'));
    expect(later.results[0]).toMatchObject({ score: 84, recorded: true, change: { previousScore: 85, delta: -1, direction: 'down', gradeChanged: false } });
  });

  it('applies part weights: fit weight 0 removes the fit part', async () => {
    // -3 + 1.3 + 1.0 + 0 * 1.8 + 0.6 = -0.1 -> sigmoid 0.475 -> 48, grade C; the probability stays the model's 84.6%
    const out = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: dana, weights: { fit: 0 }, dryRun: true });
    expect(out.results[0]).toMatchObject({ score: 48, grade: 'C', probability: 84.6 });
    expect(out.results[0]?.parts.find((p) => p.part === 'fit')).toMatchObject({ score: 50, weight: 0, contribution: 0, reasons: [] });
  });

  it('scores a lead with no history under the documented default model', async () => {
    await store.db.delete(storeMeta).where(eq(storeMeta.key, LEAD_SCORE_MODEL_KEY));
    const out = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: bare });
    // default model, every count 0 and everything else unknown:
    // behavioural 0.3*(0 - ln 3) + 0.35*(0 - ln 2) = -0.3296 - 0.2426 = -0.5722
    // demographic seniority missing -0.1, employees fill 200 -> 0, industry missing -0.1 = -0.2
    // fit product fit fill 0.5 -> 0, budget unknown -0.1, not a decision maker -0.3 = -0.4
    // engagement -0.45*(ln 91 - ln 15) + 0.4*(0 - ln 3) = -0.8113 - 0.4394 = -1.2507
    // total -1 - 0.5722 - 0.2 - 0.4 - 1.2507 = -3.4229 -> sigmoid 0.0316 -> 3, grade D
    expect(out.model.source).toBe('default');
    expect(out.results[0]).toMatchObject({ score: 3, grade: 'D', change: { previousScore: null, delta: null, direction: 'new' } });
    expect(out.results[0]?.parts.map((p) => p.contribution)).toEqual([-0.572, -0.2, -0.4, -1.251]);
    expect(out.evidence).toEqual([]);
  });

  it('scores a capped batch of the caller\'s own leads only', async () => {
    const out = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { filter: { limit: 5 } });
    expect(out.results.map((r) => r.leadId).sort()).toEqual([bare, dana].sort());
    const tooMany = await call(store.db, org.users.repAnna, 'lead_score', { filter: { limit: 26 } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'filter.limit' }] } });
  });

  it('hides other reps\' leads, refuses fit to non-admins and asks for a lead', async () => {
    expect(await call(store.db, org.users.repBen, 'lead_score', { lead: dana })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.managerEast, 'lead_score', { fit: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(store.db, org.users.repAnna, 'lead_score', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'lead' }] } });
    // 2 leads, neither with a known outcome: too few to fit
    expect(await call(store.db, org.users.admin, 'lead_score', { fit: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('lead_score fit', () => {
  let store: Store;
  let org: FixtureOrg;
  const converted = Array.from({ length: 12 }, () => fixtureId());
  const stale = Array.from({ length: 12 }, () => fixtureId());

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const convertedAt = at('2026-03-01T00:00:00Z');
    await store.db.insert(leads).values([
      ...converted.map((id, i) => ({
        id, fullName: `Won ${i}`, ownerId: anna, lifecycleStage: 'opportunity' as const, status: 'converted' as const,
        seniority: 'vp' as const, createdAt: at('2026-01-01T00:00:00Z'), convertedAt,
      })),
      // created over 180 days before now and never converted: known negatives, decided at created + 180 days
      ...stale.map((id, i) => ({ id, fullName: `Cold ${i}`, ownerId: anna, seniority: 'individual' as const, createdAt: at('2025-06-01T00:00:00Z') })),
    ]);
    // converted leads met before converting (counts) and after (must not count); half the cold ones met once too
    await store.db.insert(interactions).values([
      ...converted.flatMap((id) => [
        { type: 'meeting' as const, direction: 'outbound' as const, leadId: id, body: 'before', occurredAt: at('2026-02-15T00:00:00Z') },
        { type: 'meeting' as const, direction: 'outbound' as const, leadId: id, body: 'after', occurredAt: at('2026-04-15T00:00:00Z') },
      ]),
      ...stale.slice(0, 6).map((id) => ({ type: 'meeting' as const, direction: 'outbound' as const, leadId: id, body: 'once', occurredAt: at('2025-07-01T00:00:00Z') })),
    ]);
  });
  afterAll(() => store.close());

  it('reads each example strictly before its outcome was known', async () => {
    const examples = await knownOutcomeExamples(store.db, { kind: 'all' }, ORG_NOW);
    expect(examples).toHaveLength(24);
    const meetings = (converted: boolean) =>
      examples.filter((e) => e.converted === converted).map((e) => e.features.find((f) => f.name === 'meetings_held')?.value);
    expect(meetings(true)).toEqual(Array(12).fill(1)); // the meeting after conversion is not seen
    expect(meetings(false).sort()).toEqual([...Array(6).fill(0), ...Array(6).fill(1)]);
  });

  it('lets an admin fit and store the model, which later calls use', async () => {
    const out = await callOk<ScoreOut>(store.db, org.users.admin, 'lead_score', { fit: true, lead: converted[0] });
    expect(out.model).toMatchObject({ source: 'fitted', examples: 24, positives: 12 });
    const [meta] = await store.db.select().from(storeMeta).where(eq(storeMeta.key, LEAD_SCORE_MODEL_KEY));
    const stored = meta?.value as LeadScoreModel;
    expect(stored.fit).toMatchObject({ examples: 24, positives: 12 });
    // record fields without history (budget, decision maker) are never fitted on
    const fitted = Object.values(stored.parts).flat().map((spec) => spec.name);
    expect(fitted).toContain('seniority');
    expect(fitted).not.toContain('budget');
    expect(fitted).not.toContain('is_decision_maker');
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.action, 'lead_score.model_fitted'));
    expect(audit).toHaveLength(1);
    const next = await callOk<ScoreOut>(store.db, org.users.repAnna, 'lead_score', { lead: stale[0] });
    expect(next.model).toMatchObject({ source: 'stored', examples: 24 });
    // a cold individual contributor scores below a converted VP under the fitted model
    expect(next.results[0]!.score).toBeLessThan(out.results[0]!.score);
  });
});
