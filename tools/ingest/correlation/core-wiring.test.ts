import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../../core/embeddings/local.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { Store } from '../../../db/client.ts';
import { fieldBacklinks } from '../../../db/repos/correlation-fields.ts';
import { loadScope } from '../../../db/repos/scope.ts';
import { leads, opportunities } from '../../../db/schema/index.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../../test/helpers/org.ts';
import { ingestItems, ItemRejected, ParticipantMatcher, type IngestInput, type IngestOptions, type ItemHandler, type Person, type SourceItemKind } from '../core/index.ts';
import { extractSignals } from '../signals/index.ts';
import { correlateFragment, valuesFromSignals } from './index.ts';

// The contract with the ingestion core: a handler calls correlateFragment with its ItemContext, inside the
// item's savepoint, so a re-run is a no-op and an item that fails after correlating leaves no deal behind.

interface Doc {
  kind: SourceItemKind;
  title: string;
  body: string;
  at: string;
  people: Person[];
  failAfter?: boolean;
}

describe('correlation inside ingestItems', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values({ id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
  });
  afterAll(() => store.close());

  const docs: Doc[] = [
    {
      kind: 'email', title: 'RFQ-1234 – 500 seats', at: '2026-06-01T10:00:00Z',
      body: 'Hi Anna, we need 500 seats for $20,000 in total. We must decide by July 31, 2026.',
      people: [{ email: 'dana@acme.com', name: 'Dana Ruiz' }, { email: 'anna.rep@dealwise.demo', name: 'Anna Rep' }],
    },
    {
      kind: 'transcript', title: 'Acme sync', at: '2026-06-05T15:00:00Z',
      body: 'Dana Ruiz: Finance asked for 520 seats now. Raj Patel: we should be ready by August 15, 2026.',
      people: [{ email: 'dana@acme.com', name: 'Dana Ruiz' }, { email: 'raj@acme.com', name: 'Raj Patel' }, { email: 'anna.rep@dealwise.demo', name: 'Anna Rep' }],
    },
  ];

  async function* items(list: Doc[]): AsyncIterable<IngestInput<Doc>> {
    for (const [i, doc] of list.entries()) yield { kind: doc.kind, position: i + 1, rawText: `${doc.title}\n${doc.body}`, title: doc.title, occurredAt: new Date(doc.at), payload: doc };
  }

  const handler = (matcher: ParticipantMatcher): ItemHandler<Doc> => async (item, ctx) => {
    const doc = item.payload;
    const at = new Date(doc.at);
    const matches = await matcher.match(ctx, { people: doc.people });
    const outcome = await correlateFragment(ctx, {
      sourceItemId: ctx.sourceItemId, kind: doc.kind, occurredAt: at, title: doc.title, text: doc.body,
      participants: [...matches.values()],
      values: valuesFromSignals(extractSignals(doc.body, { now: at }), doc.at.slice(0, 10)),
    });
    if (doc.failAfter) throw new ItemRejected('refused after correlating');
    return { embedText: '', counts: { [outcome.result]: 1, conflicts: outcome.conflicts.length } };
  };

  const run = async (list: Doc[]) => {
    const options: IngestOptions = { embedder: createLocalEmbedder(), now: ORG_NOW, scope: await loadScope(store.db, org.users.repAnna), actor: org.users.repAnna, log: silentLogger };
    return ingestItems(store.db, items(list), handler(new ParticipantMatcher({ createLeads: false })), options);
  };

  it('creates the deal from the email, merges the transcript, and a re-run changes nothing', async () => {
    const first = await run(docs);
    expect(first).toMatchObject({ created: 2, unchanged: 0, rejected: [] });
    // the transcript's 520 seats replace the email's (negotiated terms: the later word), its August 15 loses to the email's date
    expect(first.counts).toEqual({ created: 1, merged: 1, conflicts: 2 });
    const deals = await store.db.select().from(opportunities).where(eq(opportunities.accountId, org.accounts.acme));
    expect(deals).toHaveLength(1);
    // $20,000 and July 31 from the email's signals
    expect(deals[0]).toMatchObject({ name: 'Acme Corp RFQ-1234', valueMinor: 2_000_000, expectedCloseDate: '2026-07-31', ownerId: org.users.repAnna.userId });
    const links = await fieldBacklinks(store.db, { kind: 'all' }, deals[0]!.id);
    // seats are negotiated terms (issue 16): the later transcript's 520 replace the email's 500, which stays in
    // the history; the disagreement is recorded on the transcript
    const byRole = (x: unknown[], y: unknown[]) => String(x[1]).localeCompare(String(y[1])) || String(x[0]).localeCompare(String(y[0]));
    expect(links.filter((l) => l.field === 'quantity').map((l) => [l.role, l.kind, l.value]).sort(byRole)).toEqual([
      ['set', 'email', { unit: 'seats', value: 500 }],
      ['conflicts', 'transcript', { unit: 'seats', value: 520 }],
      ['set', 'transcript', { unit: 'seats', value: 520 }],
    ]);

    const again = await run(docs);
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    expect(await store.db.select().from(opportunities).where(eq(opportunities.accountId, org.accounts.acme))).toHaveLength(1);
  });

  it('leaves no deal behind when the item fails after correlating', async () => {
    const failing: Doc = { ...docs[0]!, title: 'RFQ-9999 spare parts', body: 'RFQ-9999: 40 units please.', failAfter: true };
    const report = await run([failing]);
    expect(report.rejected).toEqual([expect.objectContaining({ position: 1, reason: 'refused after correlating' })]);
    expect((await store.db.select().from(opportunities).where(eq(opportunities.accountId, org.accounts.acme))).map((d) => d.name)).toEqual(['Acme Corp RFQ-1234']);
  });
});
