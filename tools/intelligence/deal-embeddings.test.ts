import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder, embedLocalOne, LOCAL_EMBEDDING_MODEL } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { opportunities, opportunityEmbeddings, products } from '../../db/schema/index.ts';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { createTestStore, dumpStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { openRuntime } from '../runtime.ts';
import { refreshDealEmbeddings, sizeBand } from './deal-embeddings.ts';

describe('refreshDealEmbeddings', () => {
  let store: Store;
  let org: FixtureOrg;
  const product = fixtureId();
  const acmeDeal = fixtureId();
  const initechDeal = fixtureId();
  const stale = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(products).values({ id: product, name: 'Pipeline Cloud' });
    await store.db.insert(opportunities).values([
      { id: acmeDeal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, productId: product, valueMinor: 1, source: 'referral', competitors: ['Salesforce', 'HubSpot'] },
      { id: initechDeal, name: 'Initech pilot', accountId: org.accounts.initech, ownerId: org.users.repCara.userId, valueMinor: 1 },
      { id: stale, name: 'Globex renewal', accountId: org.accounts.globex, ownerId: org.users.repBen.userId, valueMinor: 1 },
    ]);
    // one deal already embedded, but by another model: it must be redone
    await store.db.insert(opportunityEmbeddings).values({ opportunityId: stale, profileText: 'old', embedding: embedLocalOne('old'), embeddingModel: 'other-model', updatedAt: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => store.close());

  it('bands account sizes', () => {
    expect([sizeBand(null), sizeBand(80), sizeBand(199), sizeBand(200), sizeBand(999), sizeBand(1000)]).toEqual([undefined, 'small', 'small', 'mid', 'mid', 'big']);
  });

  it('embeds the profile of every deal missing one or embedded by another model, then does nothing', async () => {
    const embedder = createLocalEmbedder();
    expect(await refreshDealEmbeddings(store.db, embedder, ORG_NOW)).toEqual({ embedded: 3, batches: 1 });
    const rows = await store.db.select().from(opportunityEmbeddings).orderBy(opportunityEmbeddings.opportunityId);
    expect(rows.map((r) => [r.opportunityId, r.embeddingModel, r.updatedAt])).toEqual(
      [acmeDeal, initechDeal, stale].sort().map((id) => [id, LOCAL_EMBEDDING_MODEL, ORG_NOW]),
    );
    const [acme] = await store.db.select().from(opportunityEmbeddings).where(eq(opportunityEmbeddings.opportunityId, acmeDeal));
    // product, industry, size band (Acme: 1,200 employees), source, competitors sorted, owner, team
    expect(acme?.profileText.split('\n')).toEqual([
      'product: productPipelineCloud',
      'segment: segmentManufacturing',
      'size: sizeBig',
      'source: sourceReferral',
      'competitor: competitorHubspot',
      'competitor: competitorSalesforce',
      'owner: ownerAnnaRep',
      'team: teamEast',
    ]);
    expect(acme?.embedding).toEqual(embedLocalOne(acme!.profileText));
    const [initech] = await store.db.select().from(opportunityEmbeddings).where(eq(opportunityEmbeddings.opportunityId, initechDeal));
    expect(initech?.profileText.split('\n')).toEqual(['segment: segmentFinance', 'size: sizeSmall', 'competitor: competitorNone', 'owner: ownerCaraRep', 'team: teamWest']);

    expect(await refreshDealEmbeddings(store.db, embedder, new Date(ORG_NOW.getTime() + 1000))).toEqual({ embedded: 0, batches: 0 });
    const again = await store.db.select().from(opportunityEmbeddings);
    expect(again.every((r) => r.updatedAt.getTime() === ORG_NOW.getTime())).toBe(true);
  });

  it('works through many deals in batches of 200', async () => {
    await store.db.insert(opportunities).values(
      Array.from({ length: 450 }, (_, k) => ({ name: `Bulk ${k}`, accountId: org.accounts.globex, ownerId: org.users.repBen.userId, valueMinor: k })),
    );
    expect(await refreshDealEmbeddings(store.db, createLocalEmbedder(), ORG_NOW)).toEqual({ embedded: 450, batches: 3 });
    expect(await store.db.$count(opportunityEmbeddings)).toBe(453);
  });
});

describe('openRuntime', () => {
  it('embeds the deals of a store it opens, and on the next start has nothing to do', async () => {
    const store = await createTestStore();
    const org = await createFixtureOrg(store.db);
    await store.db.insert(opportunities).values([
      { name: 'One', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, valueMinor: 1 },
      { name: 'Two', accountId: org.accounts.globex, ownerId: org.users.repBen.userId, valueMinor: 2 },
    ]);
    const blob = await dumpStore(store);
    await store.close();
    const open = () =>
      openRuntime({
        env: parseEnv({ SEED_ON_EMPTY: 'false' }),
        clock: fixedClock(ORG_NOW),
        log: silentLogger,
        embedder: createLocalEmbedder(),
        storeOptions: { kind: 'pglite', loadDataDir: blob },
      });
    const runtime = await open();
    try {
      expect(await runtime.db.$count(opportunityEmbeddings)).toBe(2);
      expect(await refreshDealEmbeddings(runtime.db, runtime.embedder, ORG_NOW)).toEqual({ embedded: 0, batches: 0 });
    } finally {
      await runtime.close();
    }
  });
});
