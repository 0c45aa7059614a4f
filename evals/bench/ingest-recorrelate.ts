import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { insertOpportunity } from '../../db/repos/opportunities.ts';
import { sourceItems } from '../../db/schema/index.ts';
import { createRng } from '../../core/random.ts';
import { createFixtureOrg, ORG_NOW } from '../../test/helpers/org.ts';
import { pendingOf } from '../../tools/ingest/correlation/pending.ts';
import { recorrelatePending } from '../../tools/ingest/correlation/recorrelate.ts';
import type { Fragment } from '../../tools/ingest/correlation/types.ts';

// Late correlation's cost (issue 16): a store holding N source items that matched no deal (default 10,000:
// mail about RFQs, POs and quotes from people not in the CRM yet), tried again (a) when nothing they wait
// for exists, as after an unrelated import, and (b) after a CRM import opened deals for 1% of their
// identifiers. Part of `npm run bench:ingest`; alone: `npx tsx evals/bench/ingest-recorrelate.ts --pending 10000`.

const { values } = parseArgs({ options: { pending: { type: 'string', default: '10000' } }, strict: false });
const total = Number(values.pending);
const rng = createRng(16);
const store = await openStore({ kind: 'pglite' });
try {
  await migrateStore(store);
  const org = await createFixtureOrg(store.db);
  const families = ['RFQ', 'PO', 'QUOTE'];
  const fragments: Fragment[] = [];
  for (let i = 0; i < total; i++) {
    const tag = `${families[i % 3]}-${10_000 + i}`;
    fragments.push({
      sourceItemId: randomUUID(), kind: 'email', occurredAt: new Date(ORG_NOW.getTime() - rng.int(0, 90 * 86_400) * 1000), title: `${tag} pricing`,
      text: `Please quote ${tag}: ${rng.int(10, 900)} units.`, threadKey: `thread-${i}`,
      participants: [{ kind: 'unknown', email: `buyer${i}@prospect${i % 400}.example` }],
      values: { quantity: { value: { value: rng.int(10, 900), unit: 'units' } } },
    });
  }
  for (let i = 0; i < fragments.length; i += 1000) {
    await store.db.insert(sourceItems).values(fragments.slice(i, i + 1000).map((f) => ({
      id: f.sourceItemId, kind: 'email' as const, contentHash: f.sourceItemId, title: f.title ?? null, occurredAt: f.occurredAt, rawText: f.text ?? '', threadKey: f.threadKey ?? null,
      metadata: { correlation: { result: 'unmatched', candidates: [], pending: pendingOf(f) } },
    })));
  }
  const ctx = { scope: { kind: 'all' as const }, actor: undefined, now: ORG_NOW };
  const idle = await recorrelatePending(store.db, ctx);
  // a CRM import names 1% of the identifiers: deals at Acme carrying those tags
  const placedTags = fragments.filter((_, i) => i % 100 === 0).map((f) => /^(\S+)/.exec(f.title ?? '')![1]!);
  for (const tag of placedTags) {
    await insertOpportunity(store.db, {
      name: `Acme ${tag}`, accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, valueMinor: 0, currency: 'USD', stage: 'proposal', stageEnteredAt: ORG_NOW,
      createdAt: ORG_NOW, updatedAt: ORG_NOW, externalIds: { [`tag:${tag}`]: 'bench' },
    });
  }
  const after = await recorrelatePending(store.db, ctx);
  const again = await recorrelatePending(store.db, ctx);
  const line = (label: string, r: typeof idle) =>
    `${label.padEnd(44)} ${String(r.considered).padStart(6)} items  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${(r.considered / (r.ms / 1000)).toFixed(0).padStart(6)} items/s  placed ${r.placed.merged + r.placed.created}, still pending ${r.pending}`;
  process.stdout.write(
    `\nlate correlation, ${total} unmatched items (one page = 500 items per transaction)\n` +
      `${line('nothing new to match (after an unrelated import)', idle)}\n${line(`after ${placedTags.length} deals with their tags appeared`, after)}\n${line('the rest again', again)}\n`,
  );
} finally {
  await store.close();
}
