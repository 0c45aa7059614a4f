import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { campaigns, leads, leadStageHistory, opportunities, opportunityContacts, products } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Step { step: string; count: number; shareOfCohort: number | null; conversionToNext: number | null; dropOffToNext: number | null }
interface Timing { from: string; to: string; samples: number; medianDays: number | null; p80Days: number | null }
interface Funnel { leads: number; steps: Step[]; overallConversion: number | null; timing: Timing[] }
interface FunnelOut { period: { label: string }; cohort: string; overall: Funnel; groups: (Funnel & { key: string; label: string })[]; groupsTotal: number; notes: string[]; evidence: { sourceId: string; kind: string; quote: string }[] }

const counts = (f: Funnel) => f.steps.map((s) => s.count);
const conversions = (f: Funnel) => f.steps.map((s) => [s.conversionToNext, s.dropOffToNext]);
const timing = (f: Funnel) => f.timing.map((t) => [`${t.from}>${t.to}`, t.samples, t.medianDays, t.p80Days]);

// Cohort 2026-Q1 (all dates 2026, UTC midnight; now 2026-06-15):
//   L1 Anna website Spring  created 01-05: qualified 01-15 (+10), opportunity 01-25 (+10), customer 02-24 (+30); first deal Core
//   L2 Anna website Spring  created 01-10: qualified 01-30 (+20), opportunity 02-19 (+20); deal Core (as a listed contact)
//   L3 Ben  referral        created 02-01: qualified 02-05 (+4), disqualified 02-10
//   L4 Ben  referral        created 02-10: contacted 02-12
//   L5 Cara event Spring    created 03-01: qualified 03-11 (+10), opportunity 03-21 (+10), customer 04-30 (+40); deal Add-on
//   L6 Cara website         created 03-20: straight to opportunity 03-30 (+10; qualified reached at the same instant, +0); deal with no product
//   L9 Ben  partner         created 03-05: current stage customer, no stage history (an import): counted, not timed
//   not in the cohort: L7 created 2025-12-20 (before), L8 merged
describe('funnel_report', () => {
  let store: Store;
  let org: FixtureOrg;
  const ids = { l1: fixtureId(), l2: fixtureId(), l3: fixtureId(), l4: fixtureId(), l5: fixtureId(), l6: fixtureId(), l7: fixtureId(), l8: fixtureId(), l9: fixtureId() };
  const l1Qualified = fixtureId();
  const core = fixtureId();
  const addOn = fixtureId();
  const spring = fixtureId();
  const at = (day: string) => new Date(`${day}T00:00:00Z`);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    await store.db.insert(products).values([{ id: core, name: 'Core Platform' }, { id: addOn, name: 'Add-on' }]);
    await store.db.insert(campaigns).values({ id: spring, name: 'Spring Launch', channel: 'email' });
    const lead = (id: string, fullName: string, ownerId: string, source: 'website' | 'referral' | 'event' | 'partner', created: string, lifecycleStage: 'new' | 'contacted' | 'qualified' | 'opportunity' | 'customer' | 'disqualified', extra: Partial<typeof leads.$inferInsert> = {}) => ({
      id, fullName, ownerId, source, createdAt: at(created), lifecycleStage, ...extra,
    });
    await store.db.insert(leads).values([
      lead(ids.l1, 'Lee One', repAnna.userId, 'website', '2026-01-05', 'customer', { campaignId: spring }),
      lead(ids.l2, 'Lee Two', repAnna.userId, 'website', '2026-01-10', 'opportunity', { campaignId: spring }),
      lead(ids.l3, 'Lee Three', repBen.userId, 'referral', '2026-02-01', 'disqualified'),
      lead(ids.l4, 'Lee Four', repBen.userId, 'referral', '2026-02-10', 'contacted'),
      lead(ids.l5, 'Lee Five', repCara.userId, 'event', '2026-03-01', 'customer', { campaignId: spring }),
      lead(ids.l6, 'Lee Six', repCara.userId, 'website', '2026-03-20', 'opportunity'),
      lead(ids.l9, 'Lee Nine', repBen.userId, 'partner', '2026-03-05', 'customer'),
      lead(ids.l7, 'Lee Seven', repAnna.userId, 'website', '2025-12-20', 'customer'),
      lead(ids.l8, 'Lee Eight', repAnna.userId, 'website', '2026-02-01', 'qualified', { status: 'merged' }),
    ]);
    type S = 'new' | 'contacted' | 'qualified' | 'opportunity' | 'customer' | 'disqualified';
    const history = (leadId: string, steps: [S, string][]) =>
      steps.map(([toStage, day], i) => ({ leadId, fromStage: i === 0 ? null : steps[i - 1]![0], toStage, changedAt: at(day) }));
    await store.db.insert(leadStageHistory).values([
      { id: l1Qualified, leadId: ids.l1, fromStage: 'new', toStage: 'qualified', changedAt: at('2026-01-15') },
      ...history(ids.l1, [['new', '2026-01-05'], ['opportunity', '2026-01-25'], ['customer', '2026-02-24']]),
      ...history(ids.l2, [['new', '2026-01-10'], ['qualified', '2026-01-30'], ['opportunity', '2026-02-19']]),
      ...history(ids.l3, [['qualified', '2026-02-05'], ['disqualified', '2026-02-10']]),
      ...history(ids.l4, [['contacted', '2026-02-12']]),
      ...history(ids.l5, [['qualified', '2026-03-11'], ['opportunity', '2026-03-21'], ['customer', '2026-04-30']]),
      ...history(ids.l6, [['opportunity', '2026-03-30']]),
      ...history(ids.l7, [['customer', '2026-01-10']]),
      ...history(ids.l8, [['qualified', '2026-02-03']]),
    ]);
    const deal = (name: string, ownerId: string, primaryContactId: string | null, productId: string | null, created: string) => ({
      id: fixtureId(), name, accountId: org.accounts.acme, ownerId, primaryContactId, productId, valueMinor: 1_000_00, createdAt: at(created),
    });
    const l2Deal = deal('L2 deal', repAnna.userId, null, core, '2026-02-19');
    await store.db.insert(opportunities).values([
      deal('L1 first', repAnna.userId, ids.l1, core, '2026-01-25'),
      deal('L1 later', repAnna.userId, ids.l1, addOn, '2026-05-01'),
      l2Deal,
      deal('L5 deal', repCara.userId, ids.l5, addOn, '2026-03-21'),
      deal('L6 deal', repCara.userId, ids.l6, null, '2026-03-30'),
    ]);
    await store.db.insert(opportunityContacts).values({ opportunityId: l2Deal.id, leadId: ids.l2, role: 'champion' });
  });
  afterAll(() => store.close());

  it('counts the cohort through each step with conversion, drop-off and time between steps', async () => {
    const out = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1' });
    expect(out.period.label).toBe('2026-Q1');
    // 7 leads; qualified L1 L2 L3 L5 L6 L9 = 6; opportunity L1 L2 L5 L6 L9 = 5; customer L1 L5 L9 = 3
    expect(counts(out.overall)).toEqual([7, 6, 5, 3]);
    // 6/7 = 85.7 (drop 14.3); 5/6 = 83.3 (16.7); 3/5 = 60.0 (40.0); last step has no next
    expect(conversions(out.overall)).toEqual([[85.7, 14.3], [83.3, 16.7], [60, 40], [null, null]]);
    // share of cohort: 7/7, 6/7 = 85.7, 5/7 = 71.4, 3/7 = 42.9
    expect(out.overall.steps.map((s) => s.shareOfCohort)).toEqual([100, 85.7, 71.4, 42.9]);
    expect(out.overall.overallConversion).toBe(42.9);
    // lead>qualified [4, 10, 10, 10, 20]: median 10; p80 at position 4 x 0.8 = 3.2 -> 10 + 0.2 x (20 - 10) = 12
    // qualified>opportunity [0, 10, 10, 20]: median at 1.5 -> 10; p80 at 2.4 -> 10 + 0.4 x 10 = 14
    // opportunity>customer [30, 40]: median 35; p80 at 0.8 -> 30 + 0.8 x 10 = 38
    // lead>customer [50, 60]: median 55; p80 58
    expect(timing(out.overall)).toEqual([
      ['lead>qualified', 5, 10, 12], ['qualified>opportunity', 4, 10, 14], ['opportunity>customer', 2, 35, 38], ['lead>customer', 2, 55, 58],
    ]);
    expect(out.cohort).toMatch(/^Leads created 2026-01-01 to 2026-03-31 \(merged duplicates excluded\)/);
    expect(out.notes.join(' ')).toMatch(/1 lead\(s\) reached a step only per their current stage/);
    expect(out.evidence.find((e) => e.sourceId === l1Qualified)).toEqual({ sourceId: l1Qualified, kind: 'stage_change', date: '2026-01-15T00:00:00.000Z', quote: 'Lee One reached qualified on 2026-01-15' });
    expect(out.groups).toEqual([]);
  });

  it('takes the same cohort as from/to dates (to inclusive) and refuses both at once', async () => {
    const byName = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1' });
    const byDates = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { from: '2026-01-01', to: '2026-03-31' });
    expect(byDates.period.label).toBe('2026-01-01 to 2026-03-31');
    expect(counts(byDates.overall)).toEqual(counts(byName.overall));
    const both = await call(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', from: '2026-01-01' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period' }] } });
  });

  it('groups by source, including single-lead groups and a group where nobody reached opportunity', async () => {
    const out = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', groupBy: 'source' });
    expect(out.groups.map((g) => [g.label, ...counts(g)])).toEqual([
      ['website', 3, 3, 3, 1], ['referral', 2, 1, 0, 0], ['event', 1, 1, 1, 1], ['partner', 1, 1, 1, 1],
    ]);
    const group = (label: string) => out.groups.find((g) => g.label === label)!;
    // website: 3/3, 3/3, 1/3 = 33.3; referral: 1/2 = 50, 0/1 = 0, nothing reached opportunity -> null, no NaN
    expect(conversions(group('website'))).toEqual([[100, 0], [100, 0], [33.3, 66.7], [null, null]]);
    expect(conversions(group('referral'))).toEqual([[50, 50], [0, 100], [null, null], [null, null]]);
    // event is L5 alone: every median and p80 is its one value
    expect(timing(group('event'))).toEqual([['lead>qualified', 1, 10, 10], ['qualified>opportunity', 1, 10, 10], ['opportunity>customer', 1, 40, 40], ['lead>customer', 1, 60, 60]]);
    // partner is L9, undated: counted but no times
    expect(timing(group('partner')).map((t) => t.slice(1))).toEqual([[0, null, null], [0, null, null], [0, null, null], [0, null, null]]);
    expect(JSON.stringify(out)).not.toMatch(/NaN|Infinity/);
  });

  it('groups by the product of the lead\'s first deal, by rep and by campaign', async () => {
    const product = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', groupBy: 'product' });
    const byLabel = Object.fromEntries(product.groups.map((g) => [g.label, counts(g)]));
    // L1's first deal is Core (its later Add-on deal does not count); L2 via opportunity_contacts; L3 L4 L9 have none
    expect(byLabel).toEqual({ '(no opportunity)': [3, 2, 1, 1], 'Core Platform': [2, 2, 2, 1], 'Add-on': [1, 1, 1, 1], '(no product)': [1, 1, 1, 0] });
    const rep = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', groupBy: 'rep' });
    expect(rep.groups.map((g) => [g.label, ...counts(g)])).toEqual([['Ben Rep', 3, 2, 1, 1], ['Anna Rep', 2, 2, 2, 1], ['Cara Rep', 2, 2, 2, 1]]);
    const campaign = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', groupBy: 'campaign' });
    expect(campaign.groups.map((g) => [g.label, ...counts(g)])).toEqual([['(no campaign)', 4, 3, 2, 1], ['Spring Launch', 3, 3, 3, 2]]);
  });

  it('covers only the leads the caller may see, and filters by owner', async () => {
    const ben = await callOk<FunnelOut>(store.db, org.users.repBen, 'funnel_report', { period: '2026-Q1' });
    expect(counts(ben.overall)).toEqual([3, 2, 1, 1]);
    const west = await callOk<FunnelOut>(store.db, org.users.managerWest, 'funnel_report', { period: '2026-Q1' });
    expect(counts(west.overall)).toEqual([2, 2, 2, 1]);
    const cara = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2026-Q1', owner: 'cara.rep@dealwise.demo' });
    expect(counts(cara.overall)).toEqual([2, 2, 2, 1]);
    expect(await call(store.db, org.users.repBen, 'funnel_report', { period: '2026-Q1', owner: 'Cara Rep' })).toMatchObject({ ok: false, error: { code: 'not_found:user' } });
  });

  it('answers an empty period with zero counts and null rates, and names bad input', async () => {
    const out = await callOk<FunnelOut>(store.db, org.users.admin, 'funnel_report', { period: '2025-Q2', groupBy: 'source' });
    expect(out.overall).toEqual({
      leads: 0,
      steps: ['lead', 'qualified', 'opportunity', 'customer'].map((step) => ({ step, count: 0, shareOfCohort: null, conversionToNext: null, dropOffToNext: null })),
      overallConversion: null,
      timing: [['lead', 'qualified'], ['qualified', 'opportunity'], ['opportunity', 'customer'], ['lead', 'customer']].map(([from, to]) => ({ from, to, samples: 0, medianDays: null, p80Days: null })),
    });
    expect([out.groups, out.evidence]).toEqual([[], []]);
    const bad = await call(store.db, org.users.admin, 'funnel_report', { period: 'Q5', groupBy: 'region' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.field).sort()).toEqual(['groupBy', 'period']);
  });
});
