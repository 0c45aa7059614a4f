import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder, embedLocalOne } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { dealProfileSources, upsertDealEmbeddings } from '../../db/repos/deal-embeddings.ts';
import { interactions, opportunities, opportunityStageHistory, products } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { profileTextOf } from '../intelligence/deal-embeddings.ts';

interface Part { name: string; value: number | string | null; effect: number; note: string }
interface WinOut {
  opportunityId: string;
  stage: string;
  probability: number;
  rawProbability: number;
  storedProbability: number | null;
  parts: Part[];
  similarDeals: { id: string; name: string; account: string; outcome: 'won' | 'lost'; similarity: number }[];
  otherSimilarDeals: { count: number; won: number; lost: number };
  model: { asOf: string; closedDeals: number; examples: number; calibrated: boolean; cached: boolean };
  evidence: { sourceId: string; kind: string; quote: string }[];
}

// Closed history (all before today):
//   C1-C3: Core at Acme, Anna      proposal 10 days, then won   (touched 1 day into the stay)
//   A1-A3: Analytics at Globex, Ben proposal 30 days, then lost  (touched 1 day into the stay)
//   Z:     Ledger at Initech, Cara  discovery 20 days, then lost
// Stage priors (Laplace-smoothed): proposal 3 won of 6 -> (3 + 1) / (6 + 2) = 0.5; overall 3 of 7 -> 4 / 9 = 0.4444.
// Proposal stays [10, 10, 10, 30, 30, 30]: p50 at position 2.5 = 10 + 0.5 x 20 = 20 days, p80 at position 4 = 30 days.
// Open deals, scored at ORG_NOW (2026-06-15T12:00Z):
//   X: Core at Acme, Anna, proposal for 10 days, last touch 5 days ago (same profile as C1-C3)
//   Y: Analytics at Globex, Ben, proposal for 10 days, last touch 5 days ago (same profile as A1-A3)
//   N: Core at Acme, Anna, negotiation (a stage no closed deal reached) for 2 days, never touched
describe('opportunity_win_probability', () => {
  let store: Store;
  let org: FixtureOrg;
  const [core, analytics, ledger] = [fixtureId(), fixtureId(), fixtureId()];
  const won = [fixtureId(), fixtureId(), fixtureId()];
  const lost = [fixtureId(), fixtureId(), fixtureId()];
  const z = fixtureId();
  const [x, y, n, closedOne] = [fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
  const plus = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
  const cos = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
  const texts = new Map<string, string>();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const { repAnna, repBen, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    await store.db.insert(products).values([{ id: core, name: 'Core' }, { id: analytics, name: 'Analytics' }, { id: ledger, name: 'Ledger' }]);
    const closed = (id: string, i: number, productId: string, accountId: string, ownerId: string, stage: 'proposal' | 'discovery', stay: number, outcome: 'won' | 'lost') => {
      const entered = plus(day('2026-03-01'), i * 7);
      const closedAt = plus(entered, stay);
      return {
        deal: { id, name: `Hist ${i}`, accountId, ownerId, productId, valueMinor: 10_000_00, stage: `closed_${outcome}` as const, outcome, closedAt, stageEnteredAt: closedAt, createdAt: entered },
        history: [
          { opportunityId: id, fromStage: null, toStage: stage, changedAt: entered },
          { opportunityId: id, fromStage: stage, toStage: `closed_${outcome}` as const, changedAt: closedAt },
        ],
        touch: { type: 'call' as const, direction: 'outbound' as const, opportunityId: id, userId: ownerId, body: 'check-in', occurredAt: plus(entered, 1) },
      };
    };
    const past = [
      ...won.map((id, i) => closed(id, i, core, acme, repAnna.userId, 'proposal', 10, 'won')),
      ...lost.map((id, i) => closed(id, i + 3, analytics, globex, repBen.userId, 'proposal', 30, 'lost')),
      closed(z, 6, ledger, initech, repCara.userId, 'discovery', 20, 'lost'),
    ];
    const fiveDaysAgo = plus(ORG_NOW, -5);
    await store.db.insert(opportunities).values([
      ...past.map((p) => p.deal),
      { id: x, name: 'Acme Core Renewal', accountId: acme, ownerId: repAnna.userId, productId: core, valueMinor: 20_000_00, stage: 'proposal', stageEnteredAt: plus(ORG_NOW, -10), probability: 33 },
      { id: y, name: 'Globex Analytics', accountId: globex, ownerId: repBen.userId, productId: analytics, valueMinor: 20_000_00, stage: 'proposal', stageEnteredAt: plus(ORG_NOW, -10) },
      { id: n, name: 'Acme Core Expansion', accountId: acme, ownerId: repAnna.userId, productId: core, valueMinor: 5_000_00, stage: 'negotiation', stageEnteredAt: plus(ORG_NOW, -2) },
      { id: closedOne, name: 'Acme Old Deal', accountId: acme, ownerId: repAnna.userId, valueMinor: 1_00, stage: 'closed_won', outcome: 'won', closedAt: new Date(ORG_NOW.getTime() - 3_600_000) }, // today: after the fit's cutoff
    ]);
    await store.db.insert(opportunityStageHistory).values([
      ...past.flatMap((p) => p.history),
      { opportunityId: x, fromStage: null, toStage: 'proposal', changedAt: plus(ORG_NOW, -10) },
      { opportunityId: y, fromStage: null, toStage: 'proposal', changedAt: plus(ORG_NOW, -10) },
    ]);
    await store.db.insert(interactions).values([
      ...past.map((p) => p.touch),
      { type: 'email', direction: 'outbound', opportunityId: x, userId: repAnna.userId, subject: 'Pricing follow-up', body: 'numbers attached', occurredAt: fiveDaysAgo },
      { type: 'email', direction: 'outbound', opportunityId: y, userId: repBen.userId, body: 'numbers attached', occurredAt: fiveDaysAgo },
      // after now: never seen
      { type: 'call', direction: 'outbound', opportunityId: x, userId: repAnna.userId, body: 'future call', occurredAt: plus(ORG_NOW, 1) },
    ]);
    // the history and Y get stored profile embeddings; X is embedded on the fly
    const sources = await dealProfileSources(store.db, [...won, ...lost, z, y, x]);
    for (const s of sources) texts.set(s.id, profileTextOf(s));
    const embedder = createLocalEmbedder();
    const stored = sources.filter((s) => s.id !== x);
    const vectors = await embedder.embed(stored.map((s) => texts.get(s.id)!));
    await upsertDealEmbeddings(store.db, stored.map((s, i) => ({
      opportunityId: s.id, profileText: texts.get(s.id)!, embedding: vectors[i]!, embeddingModel: embedder.model, updatedAt: ORG_NOW,
    })));
  });
  afterAll(() => store.close());

  const partOf = (out: WinOut, name: string) => out.parts.find((p) => p.name === name)!;
  const similarity = (a: string, b: string) => Math.max(0, cos(embedLocalOne(texts.get(a)!), embedLocalOne(texts.get(b)!)));

  it('builds the probability from the stage prior, similar deals, recency and aging, and names the similar deals', async () => {
    const out = await callOk<WinOut>(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: 'Acme Core Renewal' });
    // training rows: each closed deal as it stood every 14 days back from the cutoff (06-15 00:00) while it was open:
    //   03-09: C1 C2 | 03-23: C3 A1 | 04-06: A1 A2 A3 | 04-20: A1 A2 A3 Z | 05-04: A3 | 05-18, 06-01: none  = 12
    // 3 wins and 9 losses: fewer than 5 wins, so no cross-validated calibration
    expect(out.model).toMatchObject({ asOf: '2026-06-15T00:00:00.000Z', closedDeals: 7, examples: 12, calibrated: false, cached: false });
    expect(partOf(out, 'stage_prior')).toMatchObject({ value: 0.5, note: "3 of 6 closed deals that reached 'proposal' were won (smoothed 50.0%)" });
    // neighbours (k = 20, so all 7): C1-C3 at similarity 1, A1-A3 at s, Z at t; weights are similarity squared and
    // the prior 0.5 counts as 2 extra weight: rate = (3 + 2 x 0.5) / (3 + 3s^2 + t^2 + 2)
    const s = similarity(x, lost[0]!);
    const t = similarity(x, z);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.99);
    expect(partOf(out, 'similar_deals').value as number).toBeCloseTo(4 / (5 + 3 * s * s + t * t), 3);
    expect(partOf(out, 'engagement_recency')).toMatchObject({ value: 5, note: '5 days since the last touch' });
    // 10 days in proposal against a median of 20: ratio 0.5
    expect(partOf(out, 'aging')).toMatchObject({ value: 0.5, note: "10 days in 'proposal'; closed deals usually spent 20 (80% within 30)" });
    // the parts' effects add up to the log-odds of the probability
    const total = out.parts.reduce((sum, p) => sum + p.effect, 0);
    expect(1 / (1 + Math.exp(-total))).toBeCloseTo(out.probability / 100, 2);
    expect(out.similarDeals.slice(0, 3).map((d) => [d.outcome, d.similarity])).toEqual([['won', 1], ['won', 1], ['won', 1]]);
    expect(out.similarDeals.slice(0, 3).map((d) => d.id).sort()).toEqual([...won].sort());
    expect(out.similarDeals).toHaveLength(5);
    expect(out.evidence.find((e) => e.kind === 'email')?.quote).toBe('last touch: Pricing follow-up (5 days ago)');
  });

  it('moves the right way: a deal like the won ones beats a deal like the lost ones in the same stage', async () => {
    const [good, bad] = await Promise.all([
      callOk<WinOut>(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: x }),
      callOk<WinOut>(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: y }),
    ]);
    const s = similarity(y, won[0]!);
    const u = similarity(y, z);
    // Y's neighbours: A1-A3 (lost) at 1, C1-C3 (won) at s, Z (lost) at u: rate = (3s^2 + 1) / (3 + 3s^2 + u^2 + 2)
    expect(partOf(bad, 'similar_deals').value as number).toBeCloseTo((3 * s * s + 1) / (5 + 3 * s * s + u * u), 3);
    expect(partOf(good, 'similar_deals').value as number).toBeGreaterThan(0.5);
    expect(partOf(bad, 'similar_deals').value as number).toBeLessThan(0.5);
    expect(partOf(good, 'stage_prior').value).toBe(partOf(bad, 'stage_prior').value);
    expect(good.probability).toBeGreaterThan(bad.probability);
    expect(bad.similarDeals.slice(0, 3).every((d) => d.outcome === 'lost')).toBe(true);
  });

  it('falls back to the overall win rate for a stage with no history, and says what is missing', async () => {
    const out = await callOk<WinOut>(store.db, org.users.repAnna, 'opportunity_win_probability', { opportunity: n });
    expect(partOf(out, 'stage_prior')).toMatchObject({
      value: 0.4444, note: "no history for stage 'negotiation': org-wide 3 of 7 closed deals won (smoothed 44.4%)",
    });
    expect(partOf(out, 'engagement_recency')).toMatchObject({ value: null, note: 'no touch recorded' });
    expect(partOf(out, 'aging')).toMatchObject({ value: null });
  });

  it('names only the similar deals the caller may see, and changes nothing on the deal', async () => {
    const out = await callOk<WinOut>(store.db, org.users.repAnna, 'opportunity_win_probability', { opportunity: x });
    expect(out.similarDeals.map((d) => d.id).sort()).toEqual([...won].sort());
    // A1-A3 (Ben's) and Z (Cara's) count, unnamed
    expect(out.otherSimilarDeals).toEqual({ count: 4, won: 0, lost: 4 });
    expect(out.storedProbability).toBe(33);
    const [row] = await store.db.select().from(opportunities).where(eq(opportunities.id, x));
    expect(row?.probability).toBe(33);
    const ben = await call(store.db, org.users.repBen, 'opportunity_win_probability', { opportunity: x });
    expect(ben).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
  });

  it('reuses the fitted model within the day and refits the next day', async () => {
    const again = await callOk<WinOut>(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: x });
    expect(again.model.cached).toBe(true);
    const tomorrow = await callOk<WinOut>(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: x }, plus(ORG_NOW, 1));
    expect(tomorrow.model).toMatchObject({ cached: false, asOf: '2026-06-16T00:00:00.000Z' });
  });

  it('refuses a closed deal: its outcome is known', async () => {
    const result = await call(store.db, org.users.admin, 'opportunity_win_probability', { opportunity: closedOne });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
