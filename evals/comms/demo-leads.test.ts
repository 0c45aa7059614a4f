import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { createDemoStore, DEMO_NOW } from '../../test/helpers/demo.ts';
import { registry } from '../../tools/index.ts';
import { findDemoLeads, type DemoLead } from './demo-leads.ts';
import { latencyTable } from './latency.ts';

// demo:comms picks its three leads from the data: check each one is what its label says.
describe('demo:comms lead picking', () => {
  let store: Store;
  let leads: DemoLead[];

  beforeAll(async () => {
    // scale 0.1: the smallest demo org with a lead who writes casually, a deal open and two messages of their own
    store = await createDemoStore(0.1);
    leads = await findDemoLeads(store.db, registry, { db: store.db, log: silentLogger, now: DEMO_NOW, embedder: createLocalEmbedder() });
  });
  afterAll(() => store.close());

  it('finds three different leads: formal, casual and one with an open objection', () => {
    expect(leads.map((l) => l.kind)).toEqual(['formal', 'casual', 'open objection']);
    expect(new Set(leads.map((l) => l.leadId)).size).toBe(3);
  });

  it('the formal and casual leads are measured so from their own messages by draft_email, as their owner', async () => {
    for (const l of leads.slice(0, 2)) {
      const r = await registry.execute('draft_email', { lead: l.leadId, purpose: 'follow_up' }, l.owner, { db: store.db, log: silentLogger, now: DEMO_NOW, embedder: createLocalEmbedder() });
      expect(r.ok && (r.data as { tone: { formality: string; source: string } }).tone).toMatchObject({ formality: l.kind, source: 'measured' });
    }
  });

  it('the objection lead\'s latest own message raises an objection and their deal is open', async () => {
    const l = leads[2]!;
    const [latest] = await rows<{ body: string; type: string | null }>(store.db, sql`select body, objection_type as type from interactions where lead_id = ${l.leadId} and direction = 'inbound' order by occurred_at desc limit 1`);
    expect(latest?.type).not.toBeNull();
    expect(l.objection).toBe(latest?.body);
    const [deal] = await rows<{ closed: Date | null }>(store.db, sql`select closed_at as closed from opportunities where id = ${l.opportunityId}`);
    expect(deal).toEqual({ closed: null });
  });

  it('prints the latency table with the first call apart', () => {
    const table = latencyTable([{ tool: 'draft_email', note: 'rep', firstMs: 80.04, n: 30, p50: 12.34, p95: 56.78, outcomes: { ok: 30, 'not_found:lead': 1 } }]);
    expect(table.split('\n')[2]).toBe('| draft_email | 1 + 30 | 80.0 | 12.3 | 56.8 | ok 30, not_found:lead 1 | rep |');
  });
});
