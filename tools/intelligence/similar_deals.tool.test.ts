import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder, embedLocalOne } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { opportunities, opportunityEmbeddings, products } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ago, closedAs, dealMaker } from '../../test/helpers/deals.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { refreshDealEmbeddings } from './deal-embeddings.ts';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

interface Result {
  basis: { opportunityId: string | null; profileText: string };
  deals: { id: string; name: string; outcome: string | null; value: { amountMinor: number }; discountPct: number | null; closeDate: string | null; similarity: number; reason: string | null }[];
  summary: { closed: number; won: number; lost: number; winRate: number | null; wonValueRange: { min: { amountMinor: number }; max: { amountMinor: number }; deals: number } | null };
  evidence: { sourceId: string }[];
}

describe('similar_deals', () => {
  let store: Store;
  let org: FixtureOrg;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const cloud = fixtureId();
    const sequences = fixtureId();
    await store.db.insert(products).values([{ id: cloud, name: 'Pipeline Cloud' }, { id: sequences, name: 'Engage Sequences' }]);
    const anna = org.users.repAnna.userId;
    const deal = dealMaker(id, { accountId: org.accounts.acme, ownerId: anna, productId: cloud, source: 'referral', competitors: ['Salesforce'], valueMinor: 10_000_00 });
    const won = (days: number, valueMinor: number, discountPct: number) => ({ ...closedAs('won', ago(days)), valueMinor, discountPct, wonReason: 'fit' });
    await store.db.insert(opportunities).values([
      deal('Target', { stage: 'discovery' }),
      // same profile as the target: similarity 1
      deal('Twin won', won(30, 50_000_00, 10)),
      // only the source differs
      deal('Web won', { ...won(60, 30_000_00, 5), source: 'website' }),
      // another product, no competitor, another account: least alike
      deal('Other lost', { ...closedAs('lost', ago(90)), lostReason: 'Price', productId: sequences, competitors: [], accountId: org.accounts.initech, source: 'outbound' }),
      deal('Open twin', { stage: 'proposal' }),
      // closes after ORG_NOW: not yet known at the time of the question
      deal('Future won', { ...won(-5, 99_000_00, 0) }),
      deal('Ben twin won', { ...won(20, 70_000_00, 0), ownerId: org.users.repBen.userId }),
    ]);
    await refreshDealEmbeddings(store.db, createLocalEmbedder(), ORG_NOW);
  });
  afterAll(() => store.close());

  const profiles = async () => new Map((await store.db.select().from(opportunityEmbeddings)).map((r) => [r.opportunityId, r.profileText]));

  it('finds the closed deals most like a named deal, with outcomes, win rate and won value range', async () => {
    const result = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { opportunity: 'Target' });
    expect(result.deals.map((d) => d.name)).toEqual(['Twin won', 'Web won', 'Other lost']);
    const text = await profiles();
    const target = embedLocalOne(text.get(id.Target!)!);
    expect(result.deals[0]!.similarity).toBeCloseTo(1, 4);
    expect(result.deals[1]!.similarity).toBeCloseTo(cosine(target, embedLocalOne(text.get(id['Web won']!)!)), 3);
    expect(result.deals[0]).toMatchObject({ outcome: 'won', value: { amountMinor: 50_000_00 }, discountPct: 10, closeDate: ago(30).toISOString(), reason: 'fit' });
    expect(result.deals[2]).toMatchObject({ outcome: 'lost', reason: 'Price' });
    // 2 won of 3 closed = 66.7 %; won values 30,000.00 .. 50,000.00
    expect(result.summary).toEqual({
      closed: 3,
      won: 2,
      lost: 1,
      winRate: 66.7,
      wonValueRange: { min: { amountMinor: 30_000_00, currency: 'USD' }, max: { amountMinor: 50_000_00, currency: 'USD' }, deals: 2 },
    });
    expect(result.basis).toMatchObject({ opportunityId: id.Target, profileText: text.get(id.Target!) });
    expect(result.evidence.map((e) => e.sourceId)).toEqual([id['Twin won'], id['Web won'], id['Other lost']]);
  });

  it('adds open deals on request, and answers a null win rate when nothing closed', async () => {
    const withOpen = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { opportunity: 'Target', includeOpen: true, limit: 2 });
    // Open twin has the same profile as Target, like Twin won; ties go by id
    expect(withOpen.deals.map((d) => d.name).sort()).toEqual(['Open twin', 'Twin won']);
    const onlyOpen = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { opportunity: 'Twin won', includeOpen: true, limit: 2 });
    expect(onlyOpen.deals.map((d) => d.name).sort()).toEqual(['Open twin', 'Target']);
    expect(onlyOpen.summary).toEqual({ closed: 0, won: 0, lost: 0, winRate: null, wonValueRange: null });
  });

  it('searches from a described profile or free text', async () => {
    const result = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { profile: { product: 'Engage Sequences', source: 'outbound', competitors: [] }, limit: 1 });
    expect(result.deals.map((d) => d.name)).toEqual(['Other lost']);
    expect(result.basis.profileText).toBe('product: productEngageSequences\nsource: sourceOutbound\ncompetitor: competitorNone');
    const text = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { description: 'website inbound for Pipeline Cloud', limit: 1 });
    expect(text.deals.map((d) => d.name)).toEqual(['Web won']);
  });

  it('keeps a rep to their own deals; the manager sees the team\'s', async () => {
    const anna = await callOk<Result>(store.db, org.users.repAnna, 'similar_deals', { opportunity: 'Target', limit: 50 });
    expect(anna.deals.map((d) => d.name)).not.toContain('Ben twin won');
    const manager = await callOk<Result>(store.db, org.users.managerEast, 'similar_deals', { opportunity: id.Target, limit: 50 });
    expect(manager.deals.map((d) => d.name)).toContain('Ben twin won');
    expect(manager.deals.map((d) => d.name)).not.toContain('Future won');
    expect(await call(store.db, org.users.repCara, 'similar_deals', { opportunity: 'Target' })).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
  });

  it('asks for something to compare with', async () => {
    expect(await call(store.db, org.users.repAnna, 'similar_deals', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'opportunity' }] } });
  });
});
