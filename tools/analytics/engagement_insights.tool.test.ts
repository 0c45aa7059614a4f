import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { abTests, engagementEvents, interactions, leads, templates } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { EngagementOutput } from './engagement-schema.ts';

// Leads created in 2026-Q2 (account: industry, head count, zone):
//   La1 Anna Acme (Manufacturing, 1200, New York)  vp        zone Europe/Berlin   converted
//   La2 Anna Acme                                  vp        no zone -> New York
//   La3 Ben  Globex (Software, 300, Chicago)       director  zone "Not/AZone" (invalid) -> Chicago   converted, customer
//   La4 Cara Initech (Finance, 80, Los Angeles)    -         zone Asia/Tokyo
// and La5 Anna, no account, individual, no zone -> UTC, created 2025-12-01.
// Outbound emails in Q2 (UTC send -> the recipient's local time):
//   E1 La1 04-06 07:00 -> Mon 09:00 Berlin   T1, test A   delivered opened replied
//   E2 La2 04-07 13:00 -> Tue 09:00 New York T2, test B   delivered opened
//   E3 La3 04-08 14:00 -> Wed 09:00 Chicago  T2, test B   delivered
//   E4 La4 04-09 05:00 -> Thu 14:00 Tokyo    "Re: Pricing for Initech", test A: delivered + opened from events only
//   E5 La5 04-10 14:00 -> Fri 14:00 UTC      T1, test A   bounced
//   E6 La1 04-14 12:00 -> Tue 14:00 Berlin   "Pricing for Acme Corp"   delivered
//   E7 La5 04-14 09:00 -> Tue 09:00 UTC      "Checking in, Lee"        delivered replied (not opened)
//   E8 La2 04-15 13:00                       no tracking at all
// In 2026-01, a second test on La5: A 40 of 100 replied, B 55 of 100.
describe('engagement_insights', () => {
  let store: Store;
  let org: FixtureOrg;
  const [la1, la2, la3, la4, la5] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [t1, t2, ab1, ab2] = [fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const [e4, m2, m3] = [fixtureId(), fixtureId(), fixtureId()];
  const [priceLatest, onboardingLatest] = [fixtureId(), fixtureId()];
  const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    const lead = (id: string, ownerId: string, accountId: string | null, seniority: 'vp' | 'director' | 'individual' | null, timeZone: string | null, created: string, converted = false, customer = false) => ({
      id, fullName: `Lee ${id.slice(-4)}`, firstName: 'Lee', ownerId, accountId, seniority, timeZone, createdAt: at(created),
      convertedAt: converted ? at('2026-05-01') : null, lifecycleStage: customer ? ('customer' as const) : ('contacted' as const),
    });
    await store.db.insert(leads).values([
      lead(la1, repAnna.userId, acme, 'vp', 'Europe/Berlin', '2026-04-01', true),
      lead(la2, repAnna.userId, acme, 'vp', null, '2026-04-02'),
      lead(la3, repBen.userId, globex, 'director', 'Not/AZone', '2026-04-03', true, true),
      lead(la4, repCara.userId, initech, null, 'Asia/Tokyo', '2026-04-04'),
      lead(la5, repAnna.userId, null, 'individual', null, '2025-12-01'),
    ]);
    await store.db.insert(templates).values([
      { id: t1, name: 'Cold intro A', purpose: 'prospecting', subject: 'Quick question for {{company}}', body: 'Hi' },
      { id: t2, name: 'Cold intro B', purpose: 'prospecting', subject: 'Got a minute, {{first_name}}?', body: 'Hi' },
    ]);
    await store.db.insert(abTests).values([
      { id: ab1, name: 'Intro subject', metric: 'opened', variantATemplateId: t1, variantBTemplateId: t2, startsAt: at('2026-04-01') },
      { id: ab2, name: 'Follow-up ask', metric: 'replied', startsAt: at('2026-01-01'), endsAt: at('2026-01-31') },
    ]);
    const owner = { [la1]: repAnna.userId, [la2]: repAnna.userId, [la3]: repBen.userId, [la4]: repCara.userId, [la5]: repAnna.userId };
    const email = (leadId: string, sent: string, o: { id?: string; subject?: string; templateId?: string; test?: string; variant?: 'A' | 'B'; delivered?: boolean; opened?: boolean; replied?: boolean; bounced?: boolean } = {}) => ({
      ...(o.id ? { id: o.id } : {}), type: 'email' as const, direction: 'outbound' as const, leadId, userId: owner[leadId], body: 'Hello', occurredAt: at(sent),
      subject: o.subject ?? null, templateId: o.templateId ?? null, abTestId: o.test ?? null, abVariant: o.variant ?? null,
      deliveredAt: o.delivered ? at(sent) : null, firstOpenedAt: o.opened ? at(sent) : null, openCount: o.opened ? 1 : 0,
      repliedAt: o.replied ? at(sent) : null, bouncedAt: o.bounced ? at(sent) : null,
    });
    await store.db.insert(interactions).values([
      email(la1, '2026-04-06T07:00:00Z', { templateId: t1, subject: 'Quick question for Acme Corp', test: ab1, variant: 'A', delivered: true, opened: true, replied: true }),
      email(la2, '2026-04-07T13:00:00Z', { templateId: t2, subject: 'Got a minute, Lee?', test: ab1, variant: 'B', delivered: true, opened: true }),
      email(la3, '2026-04-08T14:00:00Z', { templateId: t2, subject: 'Got a minute, Lee?', test: ab1, variant: 'B', delivered: true }),
      email(la4, '2026-04-09T05:00:00Z', { id: e4, subject: 'Re: Pricing for Initech', test: ab1, variant: 'A' }),
      email(la5, '2026-04-10T14:00:00Z', { templateId: t1, test: ab1, variant: 'A', bounced: true }),
      email(la1, '2026-04-14T12:00:00Z', { subject: 'Pricing for Acme Corp', delivered: true }),
      email(la5, '2026-04-14T09:00:00Z', { subject: 'Checking in, Lee', delivered: true, replied: true }),
      email(la2, '2026-04-15T13:00:00Z', { subject: 'Untracked' }),
      ...Array.from({ length: 200 }, (_, i) => {
        const variant = i < 100 ? 'A' : 'B';
        const replied = variant === 'A' ? i < 40 : i - 100 < 55;
        return email(la5, `2026-01-${String(5 + (i % 20)).padStart(2, '0')}T10:00:00Z`, { subject: 'Follow-up', test: ab2, variant, delivered: true, replied });
      }),
    ]);
    await store.db.insert(engagementEvents).values([
      { type: 'delivered', interactionId: e4, leadId: la4, occurredAt: at('2026-04-09T05:00:10Z') },
      { type: 'opened', interactionId: e4, leadId: la4, occurredAt: at('2026-04-09T06:00:00Z') },
    ]);
    const talk = (leadId: string, day: string, o: { id?: string; type?: 'call' | 'email' | 'meeting' | 'note'; direction?: 'inbound' | 'outbound' | 'internal'; objection?: 'price' | 'timing'; question?: string; outcome?: string | null }) => ({
      ...(o.id ? { id: o.id } : {}), type: o.type ?? 'call', direction: o.direction ?? 'inbound', leadId, userId: owner[leadId], body: `Talk on ${day}`, occurredAt: at(day),
      objectionType: o.objection ?? null, question: o.question ?? null, outcome: o.outcome ?? null,
    });
    await store.db.insert(interactions).values([
      talk(la1, '2026-04-20', { objection: 'price', question: 'How long does onboarding take?' }),
      talk(la2, '2026-04-21', { objection: 'price', question: 'how long does  onboarding take' }),
      talk(la3, '2026-04-22', { id: priceLatest, objection: 'price', question: 'Do you support SSO?' }),
      talk(la4, '2026-04-23', { objection: 'timing' }),
      talk(la1, '2026-04-24', { id: onboardingLatest, question: 'How long does onboarding take?' }),
      talk(la1, '2026-04-25', { type: 'note', direction: 'internal', objection: 'price' }), // internal: not a buyer objection
      talk(la1, '2026-05-01', { type: 'meeting', direction: 'outbound', outcome: 'next_steps_agreed' }),
      talk(la2, '2026-05-02', { id: m2, type: 'meeting', direction: 'outbound', outcome: 'no_show' }),
      talk(la3, '2026-05-03', { id: m3, type: 'meeting', direction: 'outbound', outcome: 'Cancelled' }),
      talk(la4, '2026-05-04', { type: 'meeting', direction: 'outbound', outcome: null }),
      talk(la1, '2026-06-20', { type: 'meeting', direction: 'outbound', outcome: null }), // after now: not yet
    ]);
  });
  afterAll(() => store.close());

  it('groups Q2 conversion by seniority, industry and size band, flagging small groups', async () => {
    const out = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2' });
    expect(out.period).toEqual({ label: '2026-Q2', from: '2026-04-01T00:00:00.000Z', to: '2026-06-15T12:00:00.001Z' });
    // La1..La4: converted La1, La3 = 2/4 = 50%; customer La3 = 1/4 = 25%
    expect(out.conversion.overall).toEqual({ group: 'all', n: 4, converted: 2, conversionRate: 50, customers: 1, customerRate: 25, smallSample: true });
    const rows = (groups: EngagementOutput['conversion']['bySize']) => groups.map((g) => [g.group, g.n, g.converted, g.conversionRate, g.smallSample]);
    expect(rows(out.conversion.bySeniority)).toEqual([['vp', 2, 1, 50, true], ['director', 1, 1, 100, true], ['unknown', 1, 0, 0, true]]);
    expect(rows(out.conversion.byIndustry)).toEqual([['Manufacturing', 2, 1, 50, true], ['Finance', 1, 0, 0, true], ['Software', 1, 1, 100, true]]);
    expect(rows(out.conversion.bySize)).toEqual([['50-199', 1, 0, 0, true], ['200-999', 1, 1, 100, true], ['1000-4999', 2, 1, 50, true]]);
    // a floor of 2 leads un-flags the groups of two
    const low = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2', minSample: 2 });
    expect(low.conversion.bySeniority.map((g) => g.smallSample)).toEqual([false, true, true]);
  });

  it('takes from/to (to inclusive) as well as a period, never both', async () => {
    const byDates = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { from: '2026-04-01', to: '2026-06-30' });
    expect(byDates.period).toEqual({ label: '2026-04-01 to 2026-06-30', from: '2026-04-01T00:00:00.000Z', to: '2026-06-15T12:00:00.001Z' });
    const byName = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2' });
    expect(byDates.conversion).toEqual(byName.conversion);
    const both = await call(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2', to: '2026-06-30' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'period' }] } });
  });

  it('finds the best send hour and weekday in each recipient\'s own time zone', async () => {
    const out = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2', minSample: 2 });
    const st = out.sendTimes;
    // sent E1..E8 = 8; delivered E1 E2 E3 E4 E6 E7 = 6; bounced E5; untracked E8
    expect([st.sent, st.delivered, st.bounced, st.untracked]).toEqual([8, 6, 1, 1]);
    // zones: lead E1 E4 E6; account E2 (none) and E3 (invalid); UTC E7
    expect(st.timeZones).toEqual({ lead: 3, account: 2, utc: 1 });
    // 09:00: E1 E2 E3 E7: opened E1 E2 = 2/4 = 50%, replied E1 E7 = 2/4 = 50%; 14:00: E4 E6: opened E4 = 1/2, replied 0/2
    expect(st.byHour.map((h) => [h.label, h.delivered, h.opened, h.openRate, h.replied, h.replyRate, h.smallSample])).toEqual([
      ['09:00', 4, 2, 50, 2, 50, false],
      ['14:00', 2, 1, 50, 0, 0, false],
    ]);
    // 50% vs 50% on opens: the hour with more emails wins
    expect(st.bestHour).toEqual({ open: { slot: 9, label: '09:00', rate: 50, n: 4 }, reply: { slot: 9, label: '09:00', rate: 50, n: 4 } });
    // Mon E1 (o r); Tue E2 (o) E6 E7 (r) = 1/3 opened, 1/3 replied; Wed E3; Thu E4 (o)
    expect(st.byWeekday.map((d) => [d.label, d.delivered, d.openRate, d.replyRate, d.smallSample])).toEqual([
      ['Monday', 1, 100, 100, true], ['Tuesday', 3, 33.3, 33.3, false], ['Wednesday', 1, 0, 0, true], ['Thursday', 1, 100, 0, true],
    ]);
    // only Tuesday has 2+ emails
    expect(st.bestWeekday).toEqual({ open: { slot: 1, label: 'Tuesday', rate: 33.3, n: 3 }, reply: { slot: 1, label: 'Tuesday', rate: 33.3, n: 3 } });
    expect(out.notes).toContain('1 delivered emails had no lead or account time zone and were read in UTC.');
    // with the default floor of 30 no slot qualifies: no best is named, and the answer says why
    const strict = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2' });
    expect([strict.sendTimes.bestHour.open, strict.sendTimes.bestWeekday.reply]).toEqual([null, null]);
    expect(strict.notes).toContain('No send hour has 30+ delivered emails: no best hour is named.');
  });

  it('ranks templates and subject lines by open or reply rate', async () => {
    const byOpen = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2', minSample: 2 });
    // T1: E1 (E5 bounced) = 1 delivered, 1 opened; T2: E2 E3 = 1/2 opened. T2 reaches the floor, so it ranks first
    expect(byOpen.templates.map((t) => [t.label, t.delivered, t.openRate, t.replyRate, t.smallSample])).toEqual([
      ['Cold intro B', 2, 50, 0, false], ['Cold intro A', 1, 100, 100, true],
    ]);
    // subjects: templated ones under the template subject; "Re: Pricing for Initech" and "Pricing for Acme Corp" are one line
    expect(byOpen.subjectLines.map((s) => [s.label, s.delivered, s.openRate, s.smallSample])).toEqual([
      ['Got a minute, {{first_name}}?', 2, 50, false],
      ['pricing for {{company}}', 2, 50, false],
      ['Quick question for {{company}}', 1, 100, true],
      ['checking in, {{first_name}}', 1, 0, true],
    ]);
    const byReply = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2', minSample: 1, rankBy: 'reply', top: 1 });
    expect(byReply.templates.map((t) => [t.label, t.replyRate])).toEqual([['Cold intro A', 100]]);
    expect(byReply.subjectLines).toHaveLength(1);
  });

  it('reports each A/B test with its verdict: too small in Q2, significant in January', async () => {
    const q2 = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2' });
    // A: E1 opened, E4 opened (events), E5 bounced (not a trial) = 2/2; B: E2 opened, E3 not = 1/2.
    // pooled 3/4 = 0.75, SE = sqrt(0.75 * 0.25 * (1/2 + 1/2)) = 0.4330, z = (0.5 - 1) / 0.4330 = -1.155, p = 0.2482
    expect(q2.abTests).toHaveLength(1);
    expect(q2.abTests[0]).toMatchObject({
      id: ab1, name: 'Intro subject', metric: 'opened',
      a: { template: 'Cold intro A', delivered: 2, successes: 2, rate: 100 }, b: { template: 'Cold intro B', delivered: 2, successes: 1, rate: 50 },
      liftPoints: -50, relativeLiftPct: -50, z: -1.155, pValue: 0.2482, significant: false, winner: null,
      verdict: 'no significant difference (p = 0.248, needs p < 0.05)',
    });
    const jan = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-01' });
    // 40/100 vs 55/100: pooled 0.475, SE = 0.0706222, z = 2.124, p = 0.03367; Newcombe 1.2 to 28.0 points
    expect(jan.abTests).toEqual([expect.objectContaining({
      id: ab2, metric: 'replied', a: { template: null, delivered: 100, successes: 40, rate: 40 }, b: { template: null, delivered: 100, successes: 55, rate: 55 },
      liftPoints: 15, relativeLiftPct: 37.5, z: 2.124, pValue: 0.03367,
      confidenceInterval: { lowerPoints: 1.2, upperPoints: 28, level: 0.95, method: 'newcombe_hybrid_score' },
      significant: true, winner: 'B', verdict: 'B (variant B) wins: 55.0% vs 40.0%, p = 0.034',
    })]);
    expect(jan.evidence[0]).toMatchObject({ sourceId: ab2, kind: 'ab_test' });
  });

  it('counts the show rate, objections and questions', async () => {
    const out = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2026-Q2' });
    // 4 meetings by now: no_show and Cancelled were not held: 2/4 = 50% (the 06-20 one has not happened)
    expect(out.meetings).toEqual({ scheduled: 4, held: 2, noShows: 2, showRate: 50 });
    // price 3 of 4 = 75%, timing 1 = 25%; the internal note does not count
    expect(out.objections).toEqual({ total: 4, items: [{ objection: 'price', count: 3, share: 75 }, { objection: 'timing', count: 1, share: 25 }] });
    // "How long does onboarding take?" twice and once in lower case without "?" = 3 of 4 = 75%
    expect(out.questions).toEqual({
      total: 4, distinct: 2,
      items: [{ question: 'How long does onboarding take?', count: 3, share: 75 }, { question: 'Do you support SSO?', count: 1, share: 25 }],
    });
    // evidence: the test, the latest example of each objection and question, the latest no-show and held meeting
    const ids = out.evidence.map((e) => e.sourceId);
    expect(ids.slice(0, 2)).toEqual([ab1, priceLatest]);
    expect(ids).toContain(onboardingLatest);
    expect(ids).toContain(m3);
    expect(ids).not.toContain(m2);
  });

  it('shows a rep only their own leads, emails and meetings', async () => {
    const ben = await callOk<EngagementOutput>(store.db, org.users.repBen, 'engagement_insights', { period: '2026-Q2', minSample: 1 });
    expect(ben.conversion.overall).toMatchObject({ n: 1, converted: 1, conversionRate: 100 });
    // only E3 (Chicago 09:00, not opened)
    expect([ben.sendTimes.sent, ben.sendTimes.delivered, ben.sendTimes.byHour.map((h) => [h.label, h.delivered, h.openRate])]).toEqual([1, 1, [['09:00', 1, 0]]]);
    expect(ben.abTests[0]).toMatchObject({ a: { delivered: 0 }, b: { delivered: 1, successes: 0 }, pValue: null, winner: null });
    expect(ben.meetings).toEqual({ scheduled: 1, held: 0, noShows: 1, showRate: 0 });
    expect(ben.objections.items).toEqual([{ objection: 'price', count: 1, share: 100 }]);
    expect(ben.notes[0]).toBe('Only your own (or your team\'s) leads, emails and meetings are counted.');
  });

  it('answers an empty period with zeros and nulls, never NaN, and names bad input', async () => {
    const out = await callOk<EngagementOutput>(store.db, org.users.admin, 'engagement_insights', { period: '2020' });
    expect(out.conversion.overall).toEqual({ group: 'all', n: 0, converted: 0, conversionRate: null, customers: 0, customerRate: null, smallSample: true });
    expect([out.conversion.bySeniority, out.sendTimes.byHour, out.subjectLines, out.templates, out.abTests, out.objections.items, out.questions.items, out.evidence]).toEqual([[], [], [], [], [], [], [], []]);
    expect(out.sendTimes.bestHour).toEqual({ open: null, reply: null });
    expect(out.meetings).toEqual({ scheduled: 0, held: 0, noShows: 0, showRate: null });
    expectFiniteNumbers(out);
    expectFiniteNumbers(await callOk(store.db, org.users.admin, 'engagement_insights', { minSample: 1 }));
    const bad = await call(store.db, org.users.admin, 'engagement_insights', { minSample: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'minSample' }] } });
    const rank = await call(store.db, org.users.admin, 'engagement_insights', { rankBy: 'clicks' });
    expect(rank).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'rankBy' }] } });
  });
});

/** Fails on NaN or Infinity anywhere in a tool's output (JSON would silently turn them into null). */
function expectFiniteNumbers(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFiniteNumbers(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectFiniteNumbers(v, `${path}.${k}`);
}
