import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { auditLog, interactions, leadQualifications, leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { textHits } from './qualify-decide.ts';

const at = (iso: string) => new Date(iso);

interface QualifyOut {
  criteria: { criterion: string; status: string; basis: string; evidence: { sourceId: string; date: string | null; quote: string }[] }[];
  metCount: number;
  criteriaCount: number;
  qualificationStatus: string;
  previousStatus: string;
  interactionsRead: number;
  changed: boolean;
}

const statuses = (out: QualifyOut) => Object.fromEntries(out.criteria.map((c) => [c.criterion, c.status]));

describe('lead_qualify', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const nina = fixtureId();
  const quin = fixtureId();
  const [i1, i2, i3, i4, n1] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    await store.db.insert(leads).values([
      { id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', ownerId: anna, budgetMaxMinor: 50_000_00 },
      { id: nina, fullName: 'Nina Null', email: 'nina@acme.com', ownerId: anna, painPoints: ['slow reports'] },
      {
        id: quin, fullName: 'Quin Ready', email: 'quin@acme.com', ownerId: anna, isDecisionMaker: true, budgetMinMinor: 10_000_00,
        painPoints: ['no pipeline visibility'], decisionTimeline: 'Q3 2026',
      },
    ]);
    const mail = (id: string, leadId: string, occurredAt: string, body: string) => ({ id, type: 'email' as const, direction: 'inbound' as const, leadId, body, occurredAt: at(occurredAt) });
    await store.db.insert(interactions).values([
      mail(i1, dana, '2026-05-10T10:00:00Z', 'We have a budget freeze until further notice. Main pain: reps forecast in spreadsheets.'),
      mail(i2, dana, '2026-06-01T10:00:00Z', 'Good news, the budget is approved for Q3. I’ll need to run it by my VP before we sign.'),
      { id: i3, type: 'call', direction: 'outbound', leadId: dana, body: 'They want to go live by September.\nDecision criteria: SSO and Salesforce sync.', occurredAt: at('2026-06-10T15:00:00Z') },
      // after ctx.now: not read
      mail(i4, dana, '2026-06-20T10:00:00Z', 'No budget anymore.'),
      mail(n1, nina, '2026-06-02T10:00:00Z', 'Thanks for the call. To be honest, I am not sure we need this right now.'),
    ]);
  });
  afterAll(() => store.close());

  it('decides BANT from the latest passage, quoting the sentence with its interaction and date', async () => {
    const out = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: 'dana@acme.com' });
    // budget: frozen on 05-10, approved on 06-01 -> the later passage wins: met
    // authority: "run it by my VP" -> unmet; need: "Main pain" -> met; timeline: "go live by September" -> met
    expect(statuses(out)).toEqual({ budget: 'met', authority: 'unmet', need: 'met', timeline: 'met' });
    const budget = out.criteria.find((c) => c.criterion === 'budget')!;
    expect(budget.basis).toBe('interaction');
    expect(budget.evidence).toEqual([
      { sourceId: i2, kind: 'email', date: '2026-06-01T10:00:00.000Z', quote: 'Good news, the budget is approved for Q3.' },
      { sourceId: i1, kind: 'email', date: '2026-05-10T10:00:00.000Z', quote: 'We have a budget freeze until further notice.' },
      { sourceId: dana, kind: 'lead_field', date: null, quote: 'budget recorded: 5000000 (minor units)' },
    ]);
    expect(out.criteria.find((c) => c.criterion === 'authority')?.evidence[0]).toMatchObject({ sourceId: i2, quote: 'I’ll need to run it by my VP before we sign.' });
    expect(out.criteria.find((c) => c.criterion === 'timeline')?.evidence[0]).toMatchObject({ sourceId: i3, quote: 'They want to go live by September.' });
    // 3 of 4 met, no hard unmet (authority is not one) -> in progress; the 06-20 email is after now
    expect(out).toMatchObject({ metCount: 3, criteriaCount: 4, qualificationStatus: 'in_progress', previousStatus: 'not_started', interactionsRead: 3, changed: true });
    const [lead] = await store.db.select().from(leads).where(eq(leads.id, dana));
    expect(lead?.qualificationStatus).toBe('in_progress');
  });

  it('replaces the stored result on re-run and changes nothing when the evidence is the same', async () => {
    const again = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: dana });
    expect(again.changed).toBe(false);
    const rows = await store.db.select().from(leadQualifications).where(eq(leadQualifications.leadId, dana));
    expect(rows.map((r) => [r.framework, r.metCount, r.assessedAt.toISOString()])).toEqual([['BANT', 3, '2026-06-15T12:00:00.000Z']]);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.recordId, dana));
    expect(audit.map((a) => a.action)).toEqual(['lead.qualified', 'lead.qualification_unchanged']);
    // the 06-20 email arrives: a re-run then says budget unmet, a hard unmet -> disqualified, in the same row
    const later = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: dana }, at('2026-06-21T00:00:00Z'));
    expect(statuses(later).budget).toBe('unmet');
    expect(later).toMatchObject({ qualificationStatus: 'disqualified', previousStatus: 'in_progress', changed: true });
    const replaced = await store.db.select().from(leadQualifications).where(eq(leadQualifications.leadId, dana));
    expect(replaced.map((r) => [r.metCount, r.assessedAt.toISOString()])).toEqual([[2, '2026-06-21T00:00:00.000Z']]);
  });

  it('disqualifies on "not sure we need this" even with pain points on record, and qualifies from fields alone', async () => {
    const nope = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: nina });
    expect(statuses(nope)).toEqual({ budget: 'unknown', authority: 'unknown', need: 'unmet', timeline: 'unknown' });
    expect(nope.qualificationStatus).toBe('disqualified');
    const ready = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: quin });
    expect(ready.criteria.map((c) => [c.criterion, c.status, c.basis])).toEqual([
      ['budget', 'met', 'lead_field'], ['authority', 'met', 'lead_field'], ['need', 'met', 'lead_field'], ['timeline', 'met', 'lead_field'],
    ]);
    expect(ready).toMatchObject({ metCount: 4, qualificationStatus: 'qualified' });
  });

  it('applies MEDDIC in a row of its own', async () => {
    const out = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: dana, framework: 'MEDDIC' });
    // decision criteria (i3) and pain (i1) met; the rest unknown -> 2 of 6, in progress
    expect(statuses(out)).toEqual({
      metrics: 'unknown', economic_buyer: 'unknown', decision_criteria: 'met', decision_process: 'unknown', identify_pain: 'met', champion: 'unknown',
    });
    expect(out).toMatchObject({ metCount: 2, criteriaCount: 6, qualificationStatus: 'in_progress' });
    const rows = await store.db.select().from(leadQualifications).where(and(eq(leadQualifications.leadId, dana)));
    expect(rows.map((r) => r.framework).sort()).toEqual(['BANT', 'MEDDIC']);
  });

  it('reads the documented patterns from buyer phrasing', () => {
    const hits = textHits([
      { id: 'a', type: 'email', occurredAt: at('2026-06-01T00:00:00Z'), body: 'I am supportive, but the final call sits with our CFO. Updated MEDDICC: metrics agreed, decision process still unclear.' },
    ]);
    const first = (c: string) => hits.get(c as never)?.[0]?.status;
    expect([first('authority'), first('economic_buyer'), first('champion'), first('metrics'), first('decision_process')]).toEqual(['unmet', 'met', 'met', 'met', 'unmet']);
  });

  it('hides other reps\' leads, names a bad framework and writes nothing on dryRun', async () => {
    expect(await call(store.db, org.users.repBen, 'lead_qualify', { lead: dana })).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect(await call(store.db, org.users.repAnna, 'lead_qualify', { lead: dana, framework: 'SPIN' })).toMatchObject({ ok: false, error: { issues: [{ field: 'framework' }] } });
    const before = await store.db.select().from(leadQualifications);
    const dry = await callOk<QualifyOut>(store.db, org.users.repAnna, 'lead_qualify', { lead: nina, framework: 'MEDDIC', dryRun: true });
    expect(dry.changed).toBe(true);
    expect(await store.db.select().from(leadQualifications)).toHaveLength(before.length);
  });
});
