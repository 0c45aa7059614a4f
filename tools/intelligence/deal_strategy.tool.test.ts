import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { interactions, opportunities, opportunityFieldHistory, products } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, closedAs, dealMaker } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg, type NewOpportunity } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { refreshDealEmbeddings } from './deal-embeddings.ts';

interface Strategy {
  approach: { stageFocus: string; steps: { action: string }[] };
  competitivePositioning: { competitor: string; closedDeals: number; won: number; lost: number; winRate: number | null; lostToThem: number; topLostReasons: { reason: string; count: number }[]; wonDealMentions: { deal: string; quote: string }[] }[];
  pricing: { suggestion: Record<string, unknown> | null; reason: string; deals: { name: string }[] };
  negotiation: { objectionType: string; count: number; lastRaised: string; advice: string }[];
  risks: { severity: string | null; signals: { signal: string; value: number }[] };
  evidence: { sourceId: string }[];
}

const PRICE_LOSS = 'Price: could not get the budget approved';
const TIMING_LOSS = 'Timing: project pushed to next fiscal year';

describe('deal_strategy', () => {
  let store: Store;
  let org: FixtureOrg;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const cloud = fixtureId();
    await store.db.insert(products).values({ id: cloud, name: 'Pipeline Cloud' });
    const { repAnna: anna, repBen: ben, repCara: cara } = org.users;
    const make = dealMaker(id, { accountId: org.accounts.acme, ownerId: anna.userId, productId: cloud, valueMinor: 1 });
    const deal = (key: string, owner: string, o: Partial<NewOpportunity>) => make(key, { ownerId: owner, ...o });
    const won = (valueMinor: number, discountPct: number | null, days = 100) => ({ ...closedAs('won', ago(days)), valueMinor, discountPct });
    const lost = (lostReason: string, lostToCompetitor: string | null = null) => ({ ...closedAs('lost', ago(90)), lostReason, lostToCompetitor });
    await store.db.insert(opportunities).values([
      deal('Acme platform', anna.userId, { stage: 'proposal', stageEnteredAt: ago(3), createdAt: ago(40), valueMinor: 45_000_00, probability: 30, competitors: ['Salesforce', 'HubSpot'] }),
      // against Salesforce: S1 won, S2 lost (to it, named in lower case), S3 lost to it without listing it, S4 lost, S5 won -> 2 of 5
      deal('S1', anna.userId, { ...won(40_000_00, 10), competitors: ['Salesforce'] }),
      deal('S2', ben.userId, { ...lost(PRICE_LOSS, 'Salesforce'), competitors: ['salesforce'] }),
      deal('S3', anna.userId, lost(PRICE_LOSS, 'Salesforce')),
      deal('S4', cara.userId, { ...lost(TIMING_LOSS), competitors: ['Salesforce', 'HubSpot'] }),
      deal('S5', ben.userId, { ...won(80_000_00, 0), competitors: ['Salesforce'] }),
      // open deals never count
      deal('Ben open', ben.userId, { stage: 'discovery', competitors: ['Salesforce'] }),
      // more of Anna's won deals for the price range: values 30k, 50k, 60k (no discount recorded on the last)
      deal('W2', anna.userId, won(30_000_00, 5)),
      deal('W3', anna.userId, won(50_000_00, 20)),
      deal('W4', anna.userId, won(60_000_00, null)),
      deal('Cara open', cara.userId, { stage: 'qualification', accountId: org.accounts.initech, createdAt: ago(10), stageEnteredAt: ago(2) }),
      deal('C1', cara.userId, { ...won(10_000_00, 0), accountId: org.accounts.initech }),
    ]);
    await store.db.insert(interactions).values([
      { type: 'email', direction: 'inbound', body: 'We picked you over Salesforce because of the native CRM sync.', opportunityId: id.S1, occurredAt: ago(110) },
      { type: 'email', direction: 'inbound', body: 'Salesforce was too expensive for us.', opportunityId: id.S5, occurredAt: ago(105) },
      { type: 'email', direction: 'inbound', body: 'Can you sharpen the price?', objectionType: 'price', opportunityId: id['Acme platform'], occurredAt: ago(10) },
      { type: 'call', direction: 'inbound', body: 'Not before Q3.', objectionType: 'timing', opportunityId: id['Acme platform'], occurredAt: ago(8) },
      { type: 'email', direction: 'inbound', body: 'Still too expensive.', objectionType: 'price', opportunityId: id['Acme platform'], occurredAt: ago(4) },
      { type: 'email', direction: 'inbound', body: 'hello', opportunityId: id['Cara open'], occurredAt: ago(1) },
    ]);
    await store.db.insert(opportunityFieldHistory).values({ opportunityId: id['Acme platform']!, field: 'probability', oldValue: 60, newValue: 30, changedAt: ago(2) });
    await refreshDealEmbeddings(store.db, createLocalEmbedder(), ORG_NOW);
  });
  afterAll(() => store.close());

  const strategy = (reference: string, actor = org.users.repAnna) => callOk<Strategy>(store.db, actor, 'deal_strategy', { opportunity: reference });

  it('gives the record against each competitor: win rate, losses to it, lost reasons and what won deals said', async () => {
    const result = await strategy('Acme platform');
    const [salesforce, hubspot] = result.competitivePositioning;
    // Salesforce: S1..S5 closed, S1 and S5 won -> 2 / 5 = 40.0 %; lost to it: S2, S3; reasons: price x2, timing x1
    expect(salesforce).toMatchObject({
      competitor: 'Salesforce', closedDeals: 5, won: 2, lost: 3, winRate: 40, lostToThem: 2,
      topLostReasons: [{ reason: PRICE_LOSS, count: 2 }, { reason: TIMING_LOSS, count: 1 }],
    });
    // Anna sees the passage from her own won deal S1, never the one from Ben's S5
    expect(salesforce?.wonDealMentions).toEqual([{ deal: 'S1', quote: 'We picked you over Salesforce because of the native CRM sync.' }]);
    // HubSpot: only S4, lost -> 0 / 1 = 0 %
    expect(hubspot).toMatchObject({ competitor: 'HubSpot', closedDeals: 1, won: 0, winRate: 0, lostToThem: 0, topLostReasons: [{ reason: TIMING_LOSS, count: 1 }], wonDealMentions: [] });
  });

  it('suggests a price from the p25-p75 of similar won deals the caller can see', async () => {
    const anna = await strategy('Acme platform');
    // Anna's won deals: 30k, 40k, 50k, 60k. p25 at position 0.25*3 = 0.75: 30k + 0.75*10k = 37.5k ;
    // p75 at 2.25: 50k + 0.25*10k = 52.5k. Discounts 5, 10, 20 (W4 has none): p25 at 0.5 = 7.5 ; p75 at 1.5 = 15.
    expect(anna.pricing.suggestion).toEqual({
      valueLow: { amountMinor: 37_500_00, currency: 'USD' },
      valueHigh: { amountMinor: 52_500_00, currency: 'USD' },
      discountLowPct: 7.5,
      discountHighPct: 15,
      currentValuePosition: 'within',
    });
    expect(anna.pricing.deals.map((d) => d.name).sort()).toEqual(['S1', 'W2', 'W3', 'W4']);
    // the manager also sees Ben's S5 (80k, 0 %): 30, 40, 50, 60, 80 -> p25 40k, p75 60k; discounts 0, 5, 10, 20 -> p25 3.75 (3.8), p75 12.5
    const manager = await strategy('Acme platform', org.users.managerEast);
    expect(manager.pricing.suggestion).toMatchObject({ valueLow: { amountMinor: 40_000_00 }, valueHigh: { amountMinor: 60_000_00 }, discountLowPct: 3.8, discountHighPct: 12.5 });
    // Cara has a single won deal: no suggestion, and says why
    const cara = await strategy('Cara open', org.users.repCara);
    expect(cara.pricing).toEqual({ suggestion: null, reason: 'only 1 similar won deal in USD (at least 3 needed)', deals: [expect.objectContaining({ name: 'C1' })] });
  });

  it('turns the objections into negotiation advice and the risk scan into risks', async () => {
    const result = await strategy('Acme platform');
    expect(result.negotiation.map((n) => [n.objectionType, n.count, n.lastRaised])).toEqual([
      ['price', 2, ago(4).toISOString()],
      ['timing', 1, ago(8).toISOString()],
    ]);
    expect(result.negotiation[0]?.advice).toMatch(/^Re-anchor on value/);
    // probability 60 -> 30 two days ago: a 30-point fall, weight 2 -> medium
    expect(result.risks).toMatchObject({ severity: 'medium', signals: [{ signal: 'probability_drop', value: 30 }] });
    expect(result.approach.stageFocus).toMatch(/^Make the proposal easy/);
    expect(result.approach.steps.map((s) => s.action)).toEqual(['address_objection', 'book_meeting', 'multi_thread']);
  });

  it('keeps other reps\' deals out of reach and refuses closed deals', async () => {
    expect(await call(store.db, org.users.repBen, 'deal_strategy', { opportunity: 'Acme platform' })).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    expect(await call(store.db, org.users.repAnna, 'deal_strategy', { opportunity: 'W2' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(store.db, org.users.repAnna, 'deal_strategy', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'opportunity' }] } });
  });
});
