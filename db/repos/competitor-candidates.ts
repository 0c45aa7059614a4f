import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import type { CompetitorCandidate } from '../schema/opportunities.ts';

// The deals an import touched (their sources' correlation written at this run's clock), the text of every
// interaction on them, and the candidates written back (tools/ingest/competitors/candidates.ts).

export interface DealText {
  dealId: string;
  accountName: string;
  competitors: string[];
  interactions: { sourceItemId: string | null; occurredAt: string; body: string }[];
}

export async function dealsTouchedAt(ex: Executor, at: Date): Promise<DealText[]> {
  return rows<DealText>(
    ex,
    sql`
      with touched as (
        select distinct (s.metadata -> 'correlation' ->> 'opportunityId')::uuid as id from source_items s
        where s.metadata -> 'correlation' ->> 'at' = ${at.toISOString()} and s.metadata -> 'correlation' ->> 'opportunityId' is not null
      )
      select o.id as "dealId", a.name as "accountName", o.competitors,
             coalesce((select jsonb_agg(jsonb_build_object('sourceItemId', i.source_item_id, 'occurredAt', i.occurred_at, 'body', coalesce(i.body, '')) order by i.occurred_at, i.id)
                       from interactions i where i.opportunity_id = o.id), '[]'::jsonb) as interactions
      from touched t join opportunities o on o.id = t.id join accounts a on a.id = o.account_id`,
  );
}

export async function writeCompetitorCandidates(ex: Executor, dealId: string, candidates: CompetitorCandidate[]): Promise<void> {
  await ex.execute(sql`update opportunities set competitor_candidates = ${JSON.stringify(candidates)}::jsonb where id = ${dealId}::uuid`);
}
