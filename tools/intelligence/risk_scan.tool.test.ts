import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, leads, opportunities, opportunityFieldHistory, opportunityStageHistory } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, closedAs, dealMaker } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

// Every signal is set up twice: once exactly on its threshold (fires) and once just short of it (silent).
// ORG_NOW = 2026-06-15T12:00Z.


interface Signal { signal: string; value: number; threshold: number; evidence: { sourceId: string }[] }
interface Alert { dedupeKey: string; recordId: string; name: string; severity: string; valueMinor: number | null; signals: Signal[] }
interface Scan { alerts: Alert[]; counts: { high: number; medium: number; low: number }; scanned: { deals: number; leads: number }; page: { total: number } }

describe('risk_scan', () => {
  let store: Store;
  let org: FixtureOrg;
  const id: Record<string, string> = {};
  const ixIds: Record<string, string> = {};

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    const deal = dealMaker(id, {
      accountId: org.accounts.acme, ownerId: anna, valueMinor: 10_000_00, stage: 'qualification',
      stageEnteredAt: ago(5), createdAt: ago(60), probability: 40, expectedCloseDate: '2026-08-01',
    });
    // five finished discovery stays of 10, 11, 12, 13 and 14 days: p80 = 13 + 0.2 * (14 - 13) = 13.2 days
    const history = [10, 11, 12, 13, 14].map((d, k) => deal(`old-${k}`, { ...closedAs('lost', ago(200 - 20 * k - d)), createdAt: ago(200) }));
    await store.db.insert(opportunities).values([
      ...history,
      deal('A silent 14d'),
      deal('B silent 13d23h'),
      deal('C three unanswered'),
      deal('D two unanswered'),
      deal('E discovery 14d', { stage: 'discovery', stageEnteredAt: ago(14) }),
      deal('F discovery 13d', { stage: 'discovery', stageEnteredAt: ago(13) }),
      deal('G prob -21', { probability: 39, valueMinor: 50_000_00 }),
      deal('H prob -20', { probability: 40 }),
      deal('I prob -30 old', { probability: 30 }),
      deal('J slip 8d', { expectedCloseDate: '2026-07-09' }),
      deal('K slip 7d', { expectedCloseDate: '2026-07-08' }),
      deal('M mood falls .375'),
      deal('N mood falls .25'),
      deal('O two negative'),
      deal('V ben silent', { ownerId: org.users.repBen.userId }),
    ]);
    await store.db.insert(opportunityStageHistory).values(
      [10, 11, 12, 13, 14].flatMap((d, k) => [
        { opportunityId: id[`old-${k}`]!, fromStage: null, toStage: 'discovery' as const, changedAt: ago(200 - 20 * k) },
        { opportunityId: id[`old-${k}`]!, fromStage: 'discovery' as const, toStage: 'closed_lost' as const, changedAt: ago(200 - 20 * k - d) },
      ]),
    );

    const leadRow = (key: string, o: Partial<typeof leads.$inferInsert>) => {
      id[key] = fixtureId();
      return { id: id[key], fullName: key, ownerId: anna, accountId: org.accounts.acme, createdAt: ago(300), ...o };
    };
    await store.db.insert(leads).values([
      leadRow('P customer steady', { lifecycleStage: 'customer', status: 'converted' }),
      leadRow('Q customer gone quiet', { lifecycleStage: 'customer', status: 'converted' }),
      leadRow('R hot silent', { lifecycleStage: 'contacted', status: 'working', score: 70 }),
      leadRow('S lukewarm silent', { lifecycleStage: 'contacted', status: 'working', score: 69 }),
    ]);

    type Ix = typeof interactions.$inferInsert;
    const ix = (key: string, record: string, at: Date, o: Partial<Ix> = {}): Ix => {
      const ixId = fixtureId();
      ixIds[key] = ixId;
      const onLead = /^[PQRS] /.test(record);
      return {
        id: ixId, type: 'email', direction: 'inbound', body: key, occurredAt: at, userId: anna,
        ...(onLead ? { leadId: id[record] } : { opportunityId: id[record] }), ...o,
      };
    };
    const recent = (record: string) => ix(`${record} recent`, record, ago(1));
    await store.db.insert(interactions).values([
      ix('A last', 'A silent 14d', ago(14)),
      ix('B last', 'B silent 13d23h', ago(13, 23)),
      // C: answered 10 days ago, then voicemail + two emails with no answer (an internal note does not count)
      ix('C answer', 'C three unanswered', ago(10)),
      ix('C out1', 'C three unanswered', ago(9), { type: 'call', direction: 'outbound', outcome: 'voicemail' }),
      ix('C note', 'C three unanswered', ago(8), { type: 'note', direction: 'internal' }),
      ix('C out2', 'C three unanswered', ago(6), { direction: 'outbound' }),
      ix('C out3', 'C three unanswered', ago(3), { direction: 'outbound' }),
      ix('D answer', 'D two unanswered', ago(10)),
      ix('D out1', 'D two unanswered', ago(6), { direction: 'outbound' }),
      ix('D out2', 'D two unanswered', ago(3), { direction: 'outbound' }),
      recent('E discovery 14d'),
      recent('F discovery 13d'),
      ix('G last', 'G prob -21', ago(20)),
      recent('H prob -20'),
      recent('I prob -30 old'),
      recent('J slip 8d'),
      recent('K slip 7d'),
      // M: earlier 0.5, 0.5; recent 0.25, 0, 0.125 -> mean 0.125; fall 0.5 - 0.125 = 0.375 > 0.3
      ...[0.5, 0.5, 0.25, 0, 0.125].map((s, k) => ix(`M${k}`, 'M mood falls .375', ago(10 - 2 * k), { sentimentScore: s, sentiment: s > 0.3 ? 'positive' : 'neutral' })),
      // N: earlier 0.5, 0.5; recent 0.25 x3 -> fall 0.25, not > 0.3; one negative label only
      ...[0.5, 0.5, 0.25, 0.25, 0.25].map((s, k) => ix(`N${k}`, 'N mood falls .25', ago(10 - 2 * k), { sentimentScore: s, sentiment: k === 4 ? 'negative' : 'neutral' })),
      // O: earlier -0.25 x2; recent -0.5, -0.5, 0.75 -> mean rises (no trend) but 2 of the last 3 are negative
      ...[-0.25, -0.25, -0.5, -0.5, 0.75].map((s, k) => ix(`O${k}`, 'O two negative', ago(10 - 2 * k), { sentimentScore: s, sentiment: s < 0 ? 'negative' : 'positive' })),
      ix('V last', 'V ben silent', ago(30)),
      // P: 6 interactions 40-90 days ago, 1 in the last 30: 1·90 < 0.5·6·30 is 90 < 90, false
      ...[40, 50, 60, 70, 80, 90].map((d) => ix(`P${d}`, 'P customer steady', ago(d))),
      ix('P recent', 'P customer steady', ago(10)),
      // Q: the same earlier 6, none since: 0 < 90
      ...[40, 50, 60, 70, 80, 90].map((d) => ix(`Q${d}`, 'Q customer gone quiet', ago(d))),
      ix('R last', 'R hot silent', ago(20), { direction: 'outbound' }),
      ix('S last', 'S lukewarm silent', ago(20), { direction: 'outbound' }),
    ]);

    await store.db.insert(opportunityStageHistory).values([
      { opportunityId: id['G prob -21']!, toStage: 'qualification', probability: 60, changedAt: ago(30) },
      { opportunityId: id['H prob -20']!, toStage: 'qualification', probability: 60, changedAt: ago(30) },
      { opportunityId: id['I prob -30 old']!, toStage: 'qualification', probability: 60, changedAt: ago(30) },
    ]);
    await store.db.insert(opportunityFieldHistory).values([
      { opportunityId: id['G prob -21']!, field: 'probability', oldValue: 60, newValue: 39, changedAt: ago(3) },
      { opportunityId: id['H prob -20']!, field: 'probability', oldValue: 60, newValue: 40, changedAt: ago(3) },
      { opportunityId: id['I prob -30 old']!, field: 'probability', oldValue: 60, newValue: 30, changedAt: ago(8) },
      { opportunityId: id['J slip 8d']!, field: 'expected_close_date', oldValue: '2026-07-01', newValue: '2026-07-09', changedAt: ago(2) },
      { opportunityId: id['K slip 7d']!, field: 'expectedCloseDate', oldValue: '2026-07-01', newValue: '2026-07-08', changedAt: ago(2) },
    ]);
  });
  afterAll(() => store.close());

  const scanAs = async (actor: FixtureOrg['users'][keyof FixtureOrg['users']], input: Record<string, unknown> = {}) =>
    callOk<Scan>(store.db, actor, 'risk_scan', { limit: 100, ...input });
  const byName = (scan: Scan) => new Map(scan.alerts.map((a) => [a.name, a]));
  const signalsOf = (a: Alert | undefined) => a?.signals.map((s) => s.signal) ?? [];

  it('fires each signal on its threshold and stays silent just short of it', async () => {
    const alerts = byName(await scanAs(org.users.repAnna));
    // no contact: 14 whole days fires, 13 days 23 hours (floor 13) does not
    expect(alerts.get('A silent 14d')?.signals).toMatchObject([{ signal: 'no_contact', value: 14, threshold: 14, evidence: [{ sourceId: ixIds['A last'] }] }]);
    expect(alerts.has('B silent 13d23h')).toBe(false);
    // no reply: 3 unanswered outbound (voicemail, email, email; the note is skipped) fires, 2 do not
    expect(alerts.get('C three unanswered')?.signals).toMatchObject([{ signal: 'no_response', value: 3, threshold: 3 }]);
    expect(alerts.get('C three unanswered')?.signals[0]?.evidence.map((e) => e.sourceId)).toEqual([ixIds['C out3'], ixIds['C out2'], ixIds['C out1']]);
    expect(alerts.has('D two unanswered')).toBe(false);
    // stuck: p80 of discovery stays = 13.2 days; 14 > 13.2 fires, 13 does not
    expect(alerts.get('E discovery 14d')?.signals).toMatchObject([{ signal: 'stuck_in_stage', value: 14, threshold: 13.2 }]);
    expect(alerts.has('F discovery 13d')).toBe(false);
    // probability: 60 -> 39 three days ago is 21 points (> 20) ; 60 -> 40 is exactly 20 ; 60 -> 30 eight days ago is outside the window
    expect(signalsOf(alerts.get('G prob -21'))).toEqual(['no_contact', 'probability_drop']);
    expect(alerts.get('G prob -21')?.signals[1]).toMatchObject({ value: 21, threshold: 20 });
    expect(alerts.has('H prob -20')).toBe(false);
    expect(alerts.has('I prob -30 old')).toBe(false);
    // close date: 07-01 -> 07-09 is 8 days (> 7) ; 07-01 -> 07-08 is 7 (both field names are read)
    expect(alerts.get('J slip 8d')?.signals).toMatchObject([{ signal: 'close_date_slipped', value: 8, threshold: 7 }]);
    expect(alerts.has('K slip 7d')).toBe(false);
    // sentiment: a fall of 0.375 fires, 0.25 does not; 2 negative of the last 3 fires
    expect(alerts.get('M mood falls .375')?.signals).toMatchObject([{ signal: 'negative_sentiment', value: 0.38, threshold: 0.3 }]);
    expect(alerts.has('N mood falls .25')).toBe(false);
    expect(alerts.get('O two negative')?.signals).toMatchObject([{ signal: 'negative_sentiment', value: 2, threshold: 2 }]);
    // customers: 0 in 30 days against 6 in the 90 before fires (rate ratio 0); 1 against 6 sits exactly on half and does not
    expect(alerts.get('Q customer gone quiet')?.signals).toMatchObject([{ signal: 'customer_disengaging', value: 0, threshold: 0.5 }]);
    expect(alerts.has('P customer steady')).toBe(false);
    // a hot lead (score 70) silent 20 days fires; a 69 is not hot
    expect(alerts.get('R hot silent')?.signals).toMatchObject([{ signal: 'no_contact', value: 20 }]);
    expect(alerts.has('S lukewarm silent')).toBe(false);
  });

  it('folds several signals into one alert whose severity follows their weights, sorted by severity then value', async () => {
    const scan = await scanAs(org.users.repAnna);
    // G: no_contact (1) + probability_drop (2) = 3 -> high ; M, O, Q: one double-weight signal -> medium ; the rest low
    expect(scan.alerts.filter((a) => a.name === 'G prob -21')).toHaveLength(1);
    expect(scan.alerts.map((a) => [a.name, a.severity])).toEqual([
      ['G prob -21', 'high'],
      ['M mood falls .375', 'medium'],
      ['O two negative', 'medium'],
      ['Q customer gone quiet', 'medium'],
      ['A silent 14d', 'low'],
      ['C three unanswered', 'low'],
      ['E discovery 14d', 'low'],
      ['J slip 8d', 'low'],
      ['R hot silent', 'low'],
    ]);
    expect(scan.counts).toEqual({ high: 1, medium: 3, low: 5 });
    expect(scan.alerts[0]?.dedupeKey).toBe(`risk:opportunity:${id['G prob -21']}`);
    // 14 of Anna's deals are open (the 5 history deals are closed); 4 leads watched
    expect(scan.scanned).toEqual({ deals: 14, leads: 4 });
  });

  it('keeps a rep to their own records and gives a manager the team', async () => {
    const anna = byName(await scanAs(org.users.repAnna));
    expect(anna.has('V ben silent')).toBe(false);
    const manager = byName(await scanAs(org.users.managerEast));
    expect(manager.get('V ben silent')?.signals).toMatchObject([{ signal: 'no_contact', value: 30 }]);
    const cara = await scanAs(org.users.repCara);
    expect(cara.alerts).toEqual([]);
    expect(cara.scanned).toEqual({ deals: 0, leads: 0 });
  });

  it('filters by record type, signal, severity and owner, and pages', async () => {
    const leadsOnly = await scanAs(org.users.repAnna, { recordType: 'lead' });
    expect(leadsOnly.alerts.map((a) => a.name)).toEqual(['Q customer gone quiet', 'R hot silent']);
    const silent = await scanAs(org.users.managerEast, { signal: 'no_contact' });
    expect(silent.alerts.map((a) => a.name)).toEqual(['G prob -21', 'A silent 14d', 'V ben silent', 'R hot silent']);
    const serious = await scanAs(org.users.repAnna, { minSeverity: 'medium' });
    expect(serious.page.total).toBe(4);
    const ben = await scanAs(org.users.managerEast, { owner: 'Ben Rep' });
    expect(ben.alerts.map((a) => a.name)).toEqual(['V ben silent']);
    const page = await scanAs(org.users.repAnna, { limit: 2, offset: 8 });
    expect(page.alerts.map((a) => a.name)).toEqual(['R hot silent']);
    expect(page.page).toEqual({ total: 9, limit: 2, offset: 8, hasMore: false });
  });

  it('takes every threshold from the input', async () => {
    // with 13 days of silence allowed, B (13 whole days) now fires; with a 19-point limit H's 20-point fall does
    const alerts = byName(await scanAs(org.users.repAnna, { thresholds: { noContactDays: 13, probabilityDropPoints: 19, noResponseCount: 2 } }));
    expect(signalsOf(alerts.get('B silent 13d23h'))).toEqual(['no_contact']);
    expect(signalsOf(alerts.get('H prob -20'))).toEqual(['probability_drop']);
    expect(signalsOf(alerts.get('D two unanswered'))).toEqual(['no_response']);
  });

  it('names the bad threshold', async () => {
    const result = await call(store.db, org.users.repAnna, 'risk_scan', { thresholds: { noContactDays: 0 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'thresholds.noContactDays' }] } });
  });
});
